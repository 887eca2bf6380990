// `npm run bench:speech`: the speech detector comparison on the speech corpus. A measurement, not a
// test: it prints a table and writes JSON, and asserts nothing; `npm test` never picks it up.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/bench/**/*.measure.ts'], testTimeout: 1_800_000 },
});
