import { describe, expect, it } from 'vitest';
import { runPool } from '../../../src/cli/batch/pool.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runPool', () => {
  it('runs at most `jobs` at once, starting in order, results in order', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const results = await runPool(
      [5, 1, 4, 2, 3, 1],
      3,
      async (n, index) => {
        started.push(index);
        most = Math.max(most, ++running);
        for (let i = 0; i < n; i++) await tick();
        running--;
        return n * 10;
      },
      () => false,
    );
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results).toEqual([50, 10, 40, 20, 30, 10]);
  });

  it('starts nothing new once stopped, and lets the running ones finish', async () => {
    let stop = false;
    const results = await runPool(
      [1, 2, 3, 4, 5],
      2,
      async (n) => {
        await tick();
        if (n === 2) stop = true;
        return n;
      },
      () => stop,
    );
    // 1 ends first and its lane takes 3; then 2 stops the pool: 4 and 5 never start.
    expect(results).toEqual([1, 2, 3, undefined, undefined]);
  });

  it('handles fewer items than jobs, and none', async () => {
    expect(
      await runPool(
        [1],
        8,
        async (n) => n,
        () => false,
      ),
    ).toEqual([1]);
    expect(
      await runPool(
        [],
        8,
        async (n: number) => n,
        () => false,
      ),
    ).toEqual([]);
  });
});
