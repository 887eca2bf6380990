// The stitcher's checkpoints: a later span's progress goes out at once as a span-checkpoint with
// the segments it covers (each once), while its segments still wait for their place; a restored
// span is done from the start, its segments emitted in their place.
import { describe, expect, it } from 'vitest';
import { SpanStitcher } from '../../../src/transcriber/spans/stitcher.js';
import type { Segment, TranscribeEvent } from '../../../src/index.js';

const seg = (start: number): Segment => ({ start, end: start + 1, text: `s${start}`, session: 1, itemId: `i${start}` });
const segment = (start: number): TranscribeEvent => ({ type: 'segment', segment: seg(start) });
const ack = (sec: number): TranscribeEvent => ({ type: 'acknowledged', sec });
// Progress events (each span's state, for the bar) are another test's concern.
const noProgress = (events: TranscribeEvent[]) => events.filter((e) => e.type !== 'progress');

describe('SpanStitcher checkpoints', () => {
  it("reports a later span's acknowledged progress with the segments it covers, and still emits them in order", () => {
    const s = new SpanStitcher(
      [
        { startSec: 0, endSec: 10 },
        { startSec: 10, endSec: 20 },
      ],
      20,
    );
    expect(noProgress(s.start())).toEqual([]);
    expect(noProgress(s.push(1, segment(11)))).toEqual([]);
    expect(noProgress(s.push(1, segment(13)))).toEqual([]);
    expect(noProgress(s.push(1, ack(12.5)))).toEqual([
      { type: 'span-checkpoint', fromSec: 10, ackSec: 12.5, segments: [seg(11)] },
    ]);
    expect(noProgress(s.push(1, ack(15)))).toEqual([
      { type: 'span-checkpoint', fromSec: 10, ackSec: 15, segments: [seg(13)] },
    ]);
    expect(noProgress(s.push(0, segment(2)))).toEqual([segment(2)]);
    expect(noProgress(s.push(0, ack(4)))).toEqual([ack(4)]);
    // Span 1 ends first: its end is a checkpoint too, and it opens the way once span 0 is done.
    expect(noProgress(s.finish(1))).toEqual([{ type: 'span-checkpoint', fromSec: 10, ackSec: 20, segments: [] }]);
    expect(noProgress(s.finish(0))).toEqual([ack(10), segment(11), segment(13), ack(20)]);
    expect(s.acknowledgedSec).toBe(20);
  });

  it('emits restored spans in their place: at the start, and after the span before them is done', () => {
    const s = new SpanStitcher(
      [
        { startSec: 0, endSec: 10, restored: [seg(1)] },
        { startSec: 10, endSec: 15 },
        { startSec: 15, endSec: 20, restored: [seg(16), seg(18)] },
        { startSec: 20, endSec: 30 },
      ],
      30,
    );
    expect(noProgress(s.start())).toEqual([segment(1), ack(10)]);
    expect(noProgress(s.push(3, segment(21)))).toEqual([]);
    expect(noProgress(s.push(1, segment(11)))).toEqual([segment(11)]);
    expect(noProgress(s.finish(1))).toEqual([ack(15), segment(16), segment(18), ack(20), segment(21)]);
    expect(s.acknowledgedSec).toBe(20);
  });
});
