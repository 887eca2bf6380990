// Turns utterances into subtitle cues of readable size. A long utterance is cut at word boundaries
// into the fewest cues that each fit `maxCueChars` (on at most `maxLines` lines of `maxLineChars`) and last at most
// `maxCueSeconds`; the utterance's time is shared among its cues in proportion to their characters,
// since the service gives no word timings. Times are whole milliseconds so that what is checked
// here (end > start, no overlap) is exactly what the timestamps say.

import { TranscribeError } from '../errors.js';
import { optionFlagged } from '../run/option-table.js';
import type { Segment } from '../transcriber/segment.js';
import { defined } from '../util/must.js';
import { charLength, greedyLines, splitWords, wrapLines } from './cue-text.js';

export interface CueOptions {
  /** Most characters in one cue, all lines together (default: maxLineChars × maxLines, 84). */
  maxCueChars?: number;
  /** Most characters on one line (default 42). */
  maxLineChars?: number;
  /** Most lines in one cue (default 2; with only maxCueChars given, ceil(maxCueChars / maxLineChars)). */
  maxLines?: number;
  /** Longest time a cue stays on screen (default 7). */
  maxCueSeconds?: number;
  /** Cues shorter than this are avoided when splitting, where the utterance allows (default 0.5). */
  minCueSeconds?: number;
}

export interface Cue {
  startMs: number;
  endMs: number;
  /** One to `maxLines` lines of plain text (not escaped for any format). */
  lines: string[];
}

interface CueLimits {
  maxCueChars: number;
  maxLineChars: number;
  maxLines: number;
  maxCueMs: number;
  minCueMs: number;
}

// The line width and line count are options of the command line: their defaults are the table's.
const DEFAULT_LINE_CHARS = optionFlagged('--max-line-width').default as number;
const DEFAULT_LINES = optionFlagged('--max-lines').default as number;

const DEFAULT_CUE_OPTIONS: Readonly<Required<CueOptions>> = {
  maxCueChars: DEFAULT_LINE_CHARS * DEFAULT_LINES,
  maxLineChars: DEFAULT_LINE_CHARS,
  maxLines: DEFAULT_LINES,
  maxCueSeconds: 7,
  minCueSeconds: 0.5,
};

function resolveLimits(options: CueOptions = {}): CueLimits {
  const o = { ...DEFAULT_CUE_OPTIONS };
  for (const key of Object.keys(DEFAULT_CUE_OPTIONS) as (keyof CueOptions)[]) {
    const value = options[key];
    if (value === undefined) continue;
    const zeroAllowed = key === 'minCueSeconds';
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (value === 0 && !zeroAllowed)) {
      const rule = zeroAllowed ? 'zero or more' : 'a positive number';
      throw new TranscribeError('USAGE', `invalid cue option ${key} (${String(value)}): must be ${rule}`);
    }
    o[key] = value;
  }
  // Lines × width gives the cue's size unless a size was given; a size alone gives the lines.
  const width = Math.max(1, Math.floor(o.maxLineChars));
  const maxCueChars = Math.max(1, Math.floor(options.maxCueChars ?? width * Math.floor(o.maxLines)));
  const maxLineChars = Math.min(maxCueChars, width);
  const maxLines =
    options.maxLines === undefined ? Math.ceil(maxCueChars / maxLineChars) : Math.max(1, Math.floor(options.maxLines));
  return {
    maxCueChars,
    maxLineChars,
    maxLines,
    // At least 2 ms, so that a 1 ms rounding slack still leaves every cue a positive length.
    maxCueMs: Math.max(2, Math.round(o.maxCueSeconds * 1000)),
    minCueMs: Math.round(o.minCueSeconds * 1000),
  };
}

// Cuts one utterance into cues on its own time span (start and end rounded to ms, end > start).
// Cues are not yet clamped against the previous utterance: `createCueTimeline` does that.
function splitWithLimits(segment: Pick<Segment, 'start' | 'end' | 'text'>, limits: CueLimits): Cue[] {
  const words = splitWords(segment.text, limits.maxLineChars);
  if (words.length === 0) return [];
  const startMs = Math.max(0, Math.round(finiteOr(segment.start, 0) * 1000));
  const endMs = Math.max(startMs + 1, Math.round(finiteOr(segment.end, 0) * 1000));
  const spanMs = endMs - startMs;

  // Each word weighs its length plus the space after it, so the total does not depend on where
  // the cuts fall and a cue's share of the time is weight / total.
  const weights = words.map((word) => charLength(word) + 1);
  const totalWeight = weights.reduce((sum, w) => sum + w, 0);
  const groups = partition(words, weights, totalWeight, spanMs, limits);

  const cues: Cue[] = [];
  let cumulative = 0;
  let previousEnd = startMs;
  for (const [from, to] of groups) {
    const weight = weights.slice(from, to).reduce((sum, w) => sum + w, 0);
    const start = Math.max(previousEnd, startMs + Math.round((spanMs * cumulative) / totalWeight));
    cumulative += weight;
    let end = Math.max(start + 1, startMs + Math.round((spanMs * cumulative) / totalWeight));
    // Only a single word too slow for the limit gets here; it is shown for the limit, not longer.
    end = Math.min(end, start + limits.maxCueMs);
    cues.push({ startMs: start, endMs: end, lines: wrapLines(words.slice(from, to), limits.maxLineChars) });
    previousEnd = end;
  }
  return cues;
}

// Lexicographic cost of a partition: fewest cues first, then fewest too-short cues, then the most
// even cue lengths with a preference for cutting after punctuation.
interface Plan {
  cues: number;
  shorts: number;
  cost: number;
  from: number;
}

function better(a: Plan, b: Plan | undefined): boolean {
  if (b === undefined) return true;
  if (a.cues !== b.cues) return a.cues < b.cues;
  if (a.shorts !== b.shorts) return a.shorts < b.shorts;
  return a.cost < b.cost;
}

/** Dynamic programming over word boundaries; returns [from, to) word ranges, one per cue. */
function partition(
  words: string[],
  weights: number[],
  totalWeight: number,
  spanMs: number,
  limits: CueLimits,
): Array<[number, number]> {
  const n = words.length;
  const best: Array<Plan | undefined> = new Array(n + 1);
  best[0] = { cues: 0, shorts: 0, cost: 0, from: -1 };
  const breakPenalty = (index: number): number => {
    if (index === n) return 0;
    const last = defined(words[index - 1], 'word before a break').slice(-1);
    if ('.?!…'.includes(last)) return 0;
    if (',;:'.includes(last)) return (limits.maxCueChars * limits.maxCueChars) / 16;
    return (limits.maxCueChars * limits.maxCueChars) / 8;
  };

  for (let to = 1; to <= n; to++) {
    let chars = -1;
    let weight = 0;
    for (let from = to - 1; from >= 0; from--) {
      const wordWeight = weights[from] ?? 0; // one weight per word
      chars += wordWeight;
      weight += wordWeight;
      const single = from === to - 1;
      // Both limits only grow as the cue takes in earlier words, so the first miss ends the scan.
      if (!single && chars > limits.maxCueChars) break;
      if (!single && greedyLines(words.slice(from, to), limits.maxLineChars).length > limits.maxLines) break;
      // One ms of slack: rounding the boundaries can lengthen a cue by up to a millisecond.
      const durationMs = (spanMs * weight) / totalWeight;
      if (!single && durationMs > limits.maxCueMs - 1) break;
      const previous = best[from];
      if (previous === undefined) continue;
      const plan: Plan = {
        cues: previous.cues + 1,
        shorts: previous.shorts + (durationMs < limits.minCueMs ? 1 : 0),
        cost: previous.cost + chars * chars + breakPenalty(to),
        from,
      };
      if (better(plan, best[to])) best[to] = plan;
    }
  }

  const groups: Array<[number, number]> = [];
  for (let to = n; to > 0;) {
    const { from } = defined(best[to], 'cue plan'); // one word alone always makes a plan
    groups.unshift([from, to]);
    to = from;
  }
  return groups;
}

function finiteOr(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

/** Splits utterances one by one and keeps consecutive cues from overlapping. */
export interface CueTimeline {
  /** The cues for the next utterance, each starting no earlier than the previous cue ended. */
  push(segment: Pick<Segment, 'start' | 'end' | 'text'>): Cue[];
}

export function createCueTimeline(options?: CueOptions): CueTimeline {
  const limits = resolveLimits(options);
  let lastEndMs = 0;
  return {
    push(segment) {
      const cues = splitWithLimits(segment, limits);
      for (const cue of cues) {
        // Segments from different sessions can overlap by a few ms; a cue that has already been
        // written cannot be shortened, so the later one starts where the earlier one ended.
        cue.startMs = Math.max(cue.startMs, lastEndMs);
        cue.endMs = Math.max(cue.endMs, cue.startMs + 1);
        lastEndMs = cue.endMs;
      }
      return cues;
    },
  };
}
