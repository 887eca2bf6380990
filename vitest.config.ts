// Time limits are hang guards, never measurements: how long a test takes is the machine's business.
// Unit and fault tests run on the injected virtual clock (a run that would never end fails at the
// clock's own limit, with what it had), but an hour of service behaviour still costs seconds of
// CPU, twice that when the cores are shared. Integration tests run real processes (node, ffmpeg,
// sockets), whose start alone can take seconds on a busy machine. Every wait inside a test is a
// condition (a checkpoint's contents, a session opened), never a wall-clock deadline.
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/integration/**'],
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
