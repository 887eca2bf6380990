// A run continued from a checkpoint: the input ranges it holds done, with their segments, and the
// span plan less those ranges. Every piece of a planned span that is not done becomes a span of its
// own, transcribed from where the checkpoint stopped; every done piece a restored span, whose
// segments are emitted in their place. Pure.
import { msToSamples } from '../../audio/pcm-format.js';
import type { Segment } from '../segment.js';

/** Input seconds [startSec, endSec). */
export interface DoneRange {
  startSec: number;
  endSec: number;
}

/** What a checkpoint holds done: input ranges, and the segments in them. */
export interface ResumeState {
  done: readonly DoneRange[];
  segments: readonly Segment[];
}

export interface ResumedSpan {
  start: number;
  end: number;
  /** Done already: its segments. */
  restored?: Segment[];
}

/** The ranges in order, overlapping and touching ones joined, empty ones dropped. */
export function mergeRanges(ranges: readonly DoneRange[]): DoneRange[] {
  const merged: DoneRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.startSec - b.startSec)) {
    if (range.endSec <= range.startSec) continue;
    const last = merged.at(-1);
    if (last && range.startSec <= last.endSec) last.endSec = Math.max(last.endSec, range.endSec);
    else merged.push({ ...range });
  }
  return merged;
}

/** Where a run that can only continue from one offset starts: the end of what is done from 0 on,
 *  with its segments (the rest is transcribed again). */
export function resumePrefix(state: ResumeState): { sec: number; segments: Segment[] } {
  const first = mergeRanges(state.done)[0];
  const sec = first && first.startSec <= 0 ? first.endSec : 0;
  return { sec, segments: state.segments.filter((s) => s.end <= sec + 1e-6) };
}

/** The planned spans (input samples, contiguous) less what is done, as contiguous spans in order. */
export function resumeSpans(plan: readonly { start: number; end: number }[], state: ResumeState): ResumedSpan[] {
  const done = mergeRanges(state.done).map((r) => ({ start: toSample(r.startSec), end: toSample(r.endSec) }));
  const out: ResumedSpan[] = [];
  const push = (start: number, end: number, restored: boolean) => {
    if (end <= start) return;
    const last = out.at(-1);
    if (restored && last?.restored && last.end === start) last.end = end;
    else out.push(restored ? { start, end, restored: [] } : { start, end });
  };
  for (const span of plan) {
    let at = span.start;
    for (const range of done) {
      if (range.end <= at || range.start >= span.end) continue;
      push(at, range.start, false);
      at = Math.max(at, range.start);
      push(at, Math.min(range.end, span.end), true);
      at = Math.min(range.end, span.end);
    }
    push(at, span.end, false);
  }
  // Each segment in the restored span it starts in (in order, so a segment across a seam of two
  // restored spans stays in its place).
  for (const segment of [...state.segments].sort((a, b) => a.start - b.start)) {
    const sample = toSample(segment.start);
    const span = out.findLast((s) => s.restored && s.start <= sample && sample <= s.end);
    span?.restored?.push(segment);
  }
  return out;
}

function toSample(sec: number): number {
  return msToSamples(sec * 1000);
}
