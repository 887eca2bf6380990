// Which pauses are not sent, from decided frames: only the part of a pause between its paddings,
// and only when that part is at least the set length; a pause open at the end of the input is
// skipped only if it already was long.
import { describe, expect, it } from 'vitest';
import { SkipPlan } from '../../src/speech/skip-plan.js';
import { FRAME_SAMPLES as F } from '../../src/speech/tracker.js';

function plan(line: string, minSkipFrames: number) {
  const skips = new SkipPlan(minSkipFrames * F, 0);
  const decided: number[] = [];
  [...line].forEach((c, i) => {
    skips.frame({ start: i * F, end: (i + 1) * F, speech: c === '#', detected: c === '#' });
    decided.push(skips.decidedTo / F);
  });
  skips.end(line.length * F);
  return { skips, decided };
}

describe('SkipPlan', () => {
  it('skips a pause of at least the set length, sends a shorter one whole', () => {
    const { skips } = plan('##..##.....##', 4);
    expect(skips.skipped.map((r) => [r.from / F, r.to / F])).toEqual([[6, 11]]);
    expect(skips.skipEnd(7 * F)).toBe(11 * F);
    expect(skips.skipEnd(3 * F)).toBeUndefined();
    expect(skips.nextSkipFrom(0)).toBe(6 * F);
  });

  it('holds a pause undecided until it is long enough, then decides it frame by frame', () => {
    const { decided } = plan('##....#', 3);
    expect(decided).toEqual([1, 2, 2, 2, 5, 6, 7]);
  });

  it('at the end: a long pause stays skipped to the end, a short one is sent', () => {
    expect(plan('#.....', 3).skips.skipped.map((r) => [r.from / F, r.to / F])).toEqual([[1, 6]]);
    const short = plan('#..', 3);
    expect(short.skips.skipped).toEqual([]);
    expect(short.skips.decidedTo).toBe(3 * F);
  });

  it('releases ranges behind a sample', () => {
    const { skips } = plan('#....#....#', 3);
    skips.release(6 * F);
    expect(skips.skipped.map((r) => r.from / F)).toEqual([6]);
  });
});
