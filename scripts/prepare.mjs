#!/usr/bin/env node
// `prepare`: builds dist/ with TypeScript. npm runs it after `npm ci` (TypeScript is there), but
// also when a fresh clone is linked (`npm link`, `npm install -g .`) before anything is installed:
// there `tsc` was "not found" and the command never appeared on PATH. In that case the clone's
// own dependencies are installed first (`npm ci`, which builds), so linking works in one step.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(root, 'package.json'));

function typescriptCompiler() {
  try {
    return require.resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

function fail(message, hint) {
  process.stderr.write(`realtime-transcribe: ${message}\nhint: ${hint}\n`);
  process.exit(1);
}

let tsc = typescriptCompiler();
if (tsc === undefined) {
  if (!existsSync(join(root, 'package-lock.json'))) {
    fail(
      'cannot build dist/: TypeScript is not installed (no package-lock.json to install it from)',
      'run npm install in the clone, then npm link',
    );
  }
  process.stderr.write("realtime-transcribe: installing the clone's dependencies first (npm ci), to build dist/\n");
  // The outer npm's settings (global, prefix) are for the link, not for this install.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_config_(global|prefix|location)$/i.test(name)),
  );
  const npm = process.env.npm_execpath;
  const ci = npm
    ? spawnSync(process.execPath, [npm, 'ci', '--no-audit', '--no-fund'], { cwd: root, env, stdio: 'inherit' })
    : spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
        cwd: root,
        env,
        stdio: 'inherit',
        shell: process.platform === 'win32',
      });
  if (ci.status !== 0)
    fail(`npm ci failed in ${root} (exit ${ci.status})`, 'run npm ci there yourself and read its error, then npm link');
  tsc = typescriptCompiler();
  // npm ci ran this script again with TypeScript present, so dist/ is built already.
  if (existsSync(join(root, 'dist', 'cli', 'main.js'))) process.exit(0);
  if (tsc === undefined)
    fail(
      'cannot build dist/: TypeScript is still not installed after npm ci',
      'check that devDependencies are not omitted (NODE_ENV=production or --omit=dev), then npm ci',
    );
}

const build = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { cwd: root, stdio: 'inherit' });
process.exit(build.status ?? 1);
