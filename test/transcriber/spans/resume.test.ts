// A continued parallel run's spans: the plan less what the checkpoint holds done, each done piece
// restored with its segments, each piece not done transcribed from where the checkpoint stopped.
import { describe, expect, it } from 'vitest';
import { mergeRanges, resumePrefix, resumeSpans } from '../../../src/transcriber/spans/resume.js';
import type { Segment } from '../../../src/index.js';
import { SAMPLE_RATE as S } from '../../../src/audio/pcm-format.js'; // samples per second

const seg = (start: number, end: number): Segment => ({
  start,
  end,
  text: `${start}`,
  session: 1,
  itemId: `i${start}`,
});
const plan = [
  { start: 0, end: 100 * S },
  { start: 100 * S, end: 200 * S },
  { start: 200 * S, end: 300 * S },
];

describe('resumeSpans', () => {
  it('continues each span from its own offset, restores what is done, and skips a finished span', () => {
    const segments = [seg(1, 3), seg(40, 42), seg(101, 103), seg(130, 133), seg(201, 204), seg(290, 292)];
    const spans = resumeSpans(plan, {
      done: [
        { startSec: 0, endSec: 45 },
        { startSec: 100, endSec: 140 },
        { startSec: 200, endSec: 300 },
      ],
      segments,
    });
    expect(spans).toEqual([
      { start: 0, end: 45 * S, restored: [seg(1, 3), seg(40, 42)] },
      { start: 45 * S, end: 100 * S },
      { start: 100 * S, end: 140 * S, restored: [seg(101, 103), seg(130, 133)] },
      { start: 140 * S, end: 200 * S },
      { start: 200 * S, end: 300 * S, restored: [seg(201, 204), seg(290, 292)] },
    ]);
  });

  it('a done range across a seam is one restored span; nothing done is the plan itself', () => {
    expect(resumeSpans(plan, { done: [{ startSec: 0, endSec: 120 }], segments: [seg(99, 101)] })).toEqual([
      { start: 0, end: 120 * S, restored: [seg(99, 101)] },
      { start: 120 * S, end: 200 * S },
      { start: 200 * S, end: 300 * S },
    ]);
    expect(resumeSpans(plan, { done: [], segments: [] })).toEqual(plan);
  });
});

describe('resumePrefix and mergeRanges', () => {
  it('a run that continues from one offset: the end of what is done from 0, and its segments only', () => {
    const state = {
      done: [
        { startSec: 100, endSec: 140 },
        { startSec: 0, endSec: 45 },
      ],
      segments: [seg(1, 3), seg(101, 103)],
    };
    expect(resumePrefix(state)).toEqual({ sec: 45, segments: [seg(1, 3)] });
    expect(resumePrefix({ done: [{ startSec: 10, endSec: 20 }], segments: [] })).toEqual({ sec: 0, segments: [] });
  });

  it('joins overlapping and touching ranges, in order, and drops empty ones', () => {
    expect(
      mergeRanges([
        { startSec: 50, endSec: 60 },
        { startSec: 0, endSec: 10 },
        { startSec: 10, endSec: 20 },
        { startSec: 30, endSec: 30 },
        { startSec: 55, endSec: 70 },
      ]),
    ).toEqual([
      { startSec: 0, endSec: 20 },
      { startSec: 50, endSec: 70 },
    ]);
  });
});
