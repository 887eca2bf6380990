// Cuts one input into contiguous spans of similar speech time, for parallel sessions that each
// go at real-time pace: wall time is set by the span with the most to send, so spans are balanced
// by what gets sent (speech, and the edges of silences that skipping keeps), not by length. Cuts
// fall only in silences, at the middle of the longest silence near each ideal cut, so no utterance
// is split and each session's turn detection sees a clean start and end. Pure.
import { msToSamples } from '../../audio/pcm-format.js';
import type { Range as Silence } from '../../speech/skip-plan.js';
import { defined } from '../../util/must.js';

export interface SpanPlanInput {
  totalSamples: number;
  /** In order, not overlapping, within [0, totalSamples). */
  silences: readonly Silence[];
}

export interface SpanPlanOptions {
  /** At most this many spans. */
  parallel: number;
  /** Each span gets at least this much speech, or there are fewer spans. Default 60 s. */
  minSpanSec?: number;
  /** How far from the ideal cut, as a fraction of one span's speech, a silence may be chosen for
   *  being longer than those nearer. Default 0.1. */
  tolerance?: number;
  /** What of each silence is sent all the same (silence skipping keeps its edges), so that spans
   *  balance what they send, not only their speech. Default 0. */
  keptPerSilenceMs?: number;
}

/** Input samples [start, end); span i+1 starts where span i ends. */
export interface Span {
  index: number;
  start: number;
  end: number;
  speechSamples: number;
}

interface Candidate {
  silence: Silence;
  /** What is sent before the silence starts: its speech, and what is kept of earlier silences. */
  sentBefore: number;
}

export function planSpans(map: SpanPlanInput, options: SpanPlanOptions): Span[] {
  const { totalSamples } = map;
  checkMap(map);
  const parallel = options.parallel;
  if (!Number.isInteger(parallel) || parallel < 1)
    throw new RangeError(`planSpans: parallel must be a whole number, 1 or more, got ${parallel}`);
  const minSpanSec = options.minSpanSec ?? 60;
  if (!(minSpanSec >= 0)) throw new RangeError(`planSpans: minSpanSec must be 0 or more, got ${minSpanSec}`);
  const tolerance = options.tolerance ?? 0.1;
  if (!(tolerance >= 0 && tolerance < 0.5))
    throw new RangeError(`planSpans: tolerance must be from 0 to below 0.5, got ${tolerance}`);

  // Only a silence with speech on both sides can be a seam: cutting a leading or trailing one
  // would make a span of nothing but silence.
  const kept = msToSamples(options.keptPerSilenceMs ?? 0);
  if (!(kept >= 0))
    throw new RangeError(`planSpans: keptPerSilenceMs must be 0 or more, got ${options.keptPerSilenceMs}`);
  const candidates: Candidate[] = [];
  let silent = 0;
  let keptBefore = 0;
  for (const silence of map.silences) {
    if (silence.from > 0 && silence.to < totalSamples)
      candidates.push({ silence, sentBefore: silence.from - silent + keptBefore });
    silent += silence.to - silence.from;
    keptBefore += Math.min(kept, silence.to - silence.from);
  }
  const speech = totalSamples - silent;
  const sent = speech + keptBefore;
  const minSpan = msToSamples(minSpanSec * 1000);
  const bySpeech = minSpan > 0 ? Math.floor(speech / minSpan) : parallel;
  const count = Math.max(1, Math.min(parallel, candidates.length + 1, bySpeech));

  const cuts: number[] = [];
  const perSpan = sent / count;
  const window = tolerance * perSpan;
  let next = 0; // first candidate still free: cuts move forward
  for (let k = 1; k < count; k++) {
    const target = perSpan * k;
    // Leave one candidate for each cut still to make.
    const last = candidates.length - (count - k);
    const chosen = choose(candidates, next, last, target, window);
    const { silence } = defined(candidates[chosen], 'the chosen seam');
    cuts.push(Math.floor((silence.from + silence.to) / 2));
    next = chosen + 1;
  }

  const starts = [0, ...cuts];
  const ends = [...cuts, totalSamples];
  return starts.map((start, index) => {
    const end = ends[index] ?? totalSamples;
    return { index, start, end, speechSamples: end - start - silenceWithin(map.silences, start, end) };
  });
}

// The longest silence whose speech-before lies within `window` of `target` (the nearer on a tie);
// the nearest one when none does. Searches candidates first..last.
function choose(candidates: readonly Candidate[], first: number, last: number, target: number, window: number): number {
  const distance = (c: Candidate) => Math.abs(c.sentBefore - target);
  const length = (c: Candidate) => c.silence.to - c.silence.from;
  let best: { index: number; c: Candidate } | undefined;
  let nearest: { index: number; c: Candidate } | undefined;
  for (let index = first; index <= last; index++) {
    const c = candidates[index];
    if (c === undefined) break;
    if (nearest === undefined || distance(c) < distance(nearest.c)) nearest = { index, c };
    if (distance(c) > window) continue;
    if (
      best === undefined ||
      length(c) > length(best.c) ||
      (length(c) === length(best.c) && distance(c) < distance(best.c))
    )
      best = { index, c };
  }
  return best?.index ?? nearest?.index ?? first;
}

function silenceWithin(silences: readonly Silence[], start: number, end: number): number {
  let total = 0;
  for (const s of silences) total += Math.max(0, Math.min(end, s.to) - Math.max(start, s.from));
  return total;
}

function checkMap(map: SpanPlanInput): void {
  if (!Number.isInteger(map.totalSamples) || map.totalSamples < 0)
    throw new RangeError(`planSpans: totalSamples must be a sample count, got ${map.totalSamples}`);
  let previousEnd = 0;
  for (const s of map.silences) {
    if (!(
      Number.isInteger(s.from) &&
      Number.isInteger(s.to) &&
      s.from >= previousEnd &&
      s.to > s.from &&
      s.to <= map.totalSamples
    )) {
      throw new RangeError(
        `planSpans: silences must be in order, apart and within the input, got ${s.from}..${s.to} after ${previousEnd}`,
      );
    }
    previousEnd = s.to;
  }
}
