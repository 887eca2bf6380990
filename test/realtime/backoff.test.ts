import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../src/realtime/backoff.js';

const opts = { baseMs: 500, maxMs: 8000, jitter: 0.5 };
const fixed = (value: number) => () => value;

describe('backoffDelayMs', () => {
  it('doubles from the base up to the cap, with no jitter taken when random() is 0', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(n, opts, fixed(0)));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('takes off at most the jitter fraction', () => {
    expect(backoffDelayMs(1, opts, fixed(0.5))).toBe(375);
    expect(backoffDelayMs(1, opts, fixed(0.999999))).toBe(250);
    expect(backoffDelayMs(10, opts, fixed(1))).toBe(4000);
  });

  it('stays within [raw·(1−jitter), raw] for any random value', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const raw = Math.min(8000, 500 * 2 ** (attempt - 1));
      for (const r of [0, 0.1, 0.33, 0.5, 0.77, 0.99]) {
        const delay = backoffDelayMs(attempt, opts, fixed(r));
        expect(delay).toBeGreaterThanOrEqual(Math.floor(raw * 0.5));
        expect(delay).toBeLessThanOrEqual(raw);
      }
    }
  });

  it('survives absurd inputs', () => {
    expect(backoffDelayMs(10_000, opts, fixed(0))).toBe(8000);
    expect(backoffDelayMs(0, opts, fixed(0))).toBe(500);
    expect(backoffDelayMs(-3, opts, fixed(0))).toBe(500);
    expect(backoffDelayMs(3, { baseMs: 0, maxMs: 100, jitter: 0 }, fixed(0))).toBe(0);
    expect(backoffDelayMs(1, { baseMs: 100, maxMs: 1000, jitter: 7 }, fixed(2))).toBe(0);
    expect(backoffDelayMs(1, { baseMs: 100, maxMs: 1000, jitter: Number.NaN }, fixed(0.5))).toBe(100);
  });
});
