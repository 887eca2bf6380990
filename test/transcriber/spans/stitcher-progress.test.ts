// The stitcher's progress: each span's own position and state, from the span's own events, next
// to the merged figures the bar has always shown.
import { describe, expect, it } from 'vitest';
import { SpanStitcher } from '../../../src/transcriber/spans/stitcher.js';
import type { SpanProgress, TranscribeEvent } from '../../../src/index.js';

const progress = (sentSec: number, session: number, resumes = 0): TranscribeEvent => ({
  type: 'progress',
  sentSec,
  totalSec: 300,
  session,
  resumes,
  utterances: 1,
});
const reconnect: TranscribeEvent = { type: 'reconnect', attempt: 1, delayMs: 500, fromSec: 112, cause: 'dropped' };

function lastSpans(events: TranscribeEvent[]): SpanProgress[] | undefined {
  const last = events.findLast((e) => e.type === 'progress');
  return last?.type === 'progress' ? last.spans : undefined;
}

describe('SpanStitcher progress', () => {
  const spans = [
    { startSec: 0, endSec: 100 },
    { startSec: 100, endSec: 200 },
    { startSec: 200, endSec: 300 },
  ];

  it('lists every span, waiting until its first progress, then sending up to where it got', () => {
    const stitcher = new SpanStitcher(spans, 300);
    const out = stitcher.push(1, progress(130, 2));
    expect(out).toEqual([
      {
        type: 'progress',
        sentSec: 30,
        totalSec: 300,
        session: 0,
        resumes: 0,
        utterances: 1,
        spans: [
          { startSec: 0, endSec: 100, sentSec: 0, state: 'waiting' },
          { startSec: 100, endSec: 200, sentSec: 130, state: 'sending' },
          { startSec: 200, endSec: 300, sentSec: 200, state: 'waiting' },
        ],
      },
    ]);
  });

  it('a span that reconnects says so until its new session opens; the others go on', () => {
    const stitcher = new SpanStitcher(spans, 300);
    stitcher.push(0, progress(40, 1));
    stitcher.push(1, progress(120, 2));
    const dropped = stitcher.push(1, reconnect);
    expect(dropped[0]).toBe(reconnect); // the event itself still goes out, as it happens
    expect(lastSpans(dropped)?.map((s) => s.state)).toEqual(['sending', 'reconnecting', 'waiting']);
    expect(lastSpans(stitcher.push(0, progress(41, 1)))?.map((s) => s.state)).toEqual([
      'sending',
      'reconnecting',
      'waiting',
    ]);
    const resumed = stitcher.push(1, { type: 'session-open', session: 4, reason: 'resume', fromSec: 112 });
    expect(lastSpans(resumed)?.map((s) => s.state)).toEqual(['sending', 'sending', 'waiting']);
  });

  it('a span that finishes is done and whole, even when its last progress fell short of its end', () => {
    const stitcher = new SpanStitcher(spans, 300);
    stitcher.push(0, progress(40, 1));
    stitcher.push(1, progress(199, 2));
    stitcher.push(2, progress(250, 3));
    const out = stitcher.finish(1);
    // Span 0 is not done: span 1's segments stay held and nothing is acknowledged, but the bar moves.
    expect(out.map((e) => e.type)).toEqual(['span-checkpoint', 'progress']);
    expect(lastSpans(out)).toEqual([
      { startSec: 0, endSec: 100, sentSec: 40, state: 'sending' },
      { startSec: 100, endSec: 200, sentSec: 200, state: 'done' },
      { startSec: 200, endSec: 300, sentSec: 250, state: 'sending' },
    ]);
    expect(out[1]).toMatchObject({ sentSec: 40 + 100 + 50 });
    // A late progress or reconnect of a finished span does not take it back.
    expect(lastSpans(stitcher.push(1, reconnect))?.[1]?.state).toBe('done');
    const released = stitcher.finish(0);
    expect(released.map((e) => e.type)).toEqual(['acknowledged', 'acknowledged', 'progress']);
    expect(lastSpans(released)?.map((s) => s.state)).toEqual(['done', 'done', 'sending']);
  });

  it('a span reconnecting before it sent anything is reconnecting, not waiting', () => {
    const stitcher = new SpanStitcher(spans, 300);
    expect(lastSpans(stitcher.push(2, reconnect))?.[2]).toEqual({
      startSec: 200,
      endSec: 300,
      sentSec: 200,
      state: 'reconnecting',
    });
  });
});
