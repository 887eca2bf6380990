// ESLint (flat config): the recommended JavaScript and typescript-eslint rules, with the few
// choices this codebase makes explicit. Formatting is Prettier's, not ESLint's.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'coverage/', 'fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      // Unused names are a compile error already (noUnusedLocals); `_name` marks one kept on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Tests and protocol code read loose JSON: `any` stays visible, but is not an error there.
      '@typescript-eslint/no-explicit-any': 'warn',
      // Parts wired to each other through closures are declared before they are assigned.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Terminal output and sanitizing are about control characters: matching them is the point.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    // Real checks instead of `x!` in the library: an absent value is narrowed, defaulted, or an
    // internal error (util/must.ts). Tests may still assert: a wrong one fails loudly there.
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
  },
);
