// Time limits are hang guards, never measurements: how long a test takes is the machine's business.
// Unit and fault tests run on the injected virtual clock (a run that would never end fails at the
// clock's own limit, with what it had), but an hour of service behaviour still costs seconds of
// CPU, twice that when the cores are shared. Integration tests run real processes (node, ffmpeg,
// sockets), whose start alone can take seconds on a busy machine. Every wait inside a test is a
// condition (a checkpoint's contents, a session opened), never a wall-clock deadline.
//
// How many files at once: unit files are CPU work, one per core (vitest's default leaves a core
// idle). Integration files mostly wait (audio paced at --speed, a subprocess starting), each in its
// own temp dir with its own emulators on ephemeral loopback ports, so two per core keep the cores
// busy; none depends on how fast the others go. They run after the unit files (groupOrder), so a
// plain `vitest run` is the whole suite.
import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

const CORES = availableParallelism();

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
          maxWorkers: CORES,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 2 * CORES,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
