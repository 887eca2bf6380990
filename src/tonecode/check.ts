// Checks a transcript of the numbered corpus: each expected sentence exactly once, in order,
// undamaged, nothing else. Works on the word stream, never on lines: engines split and join
// sentences freely, and a transport may cut one across two sessions.
import { TranscribeError } from '../errors.js';
import { defined } from '../util/must.js';
import { MAX_SENTENCES, sentenceText } from './corpus.js';
import { sentencePieces } from './sentence-pieces.js';
import { transcriptWords } from './transcript-words.js';

export interface ExpectedSentences {
  /** Default 0. */
  first?: number;
  count: number;
}

export interface DamagedSentence {
  /** The sentence it most likely was; absent when that cannot be told. */
  index?: number;
  got: string;
  want?: string;
}

export interface CheckResult {
  /** Every expected sentence exactly once, in order, undamaged, nothing extra. */
  ok: boolean;
  /** Sentence numbers in transcript order, damaged ones included. */
  found: number[];
  /** Expected sentences not found at all, ascending. */
  missing: number[];
  /** Sentences found more than once, each listed once. */
  duplicated: number[];
  /** Sentences found before a sentence with a lower number (fewest moves that restore order). */
  outOfOrder: number[];
  damaged: DamagedSentence[];
  /** Text that is no expected sentence: unknown words, sentences outside the range. */
  extra: string[];
}

/** Compares a transcript with sentences first … first+count−1 of the numbered corpus. */
export function checkTranscript(text: string | readonly string[], expected: ExpectedSentences): CheckResult {
  const first = expected.first ?? 0;
  const { count } = expected;
  if (!Number.isInteger(first) || first < 0 || !Number.isInteger(count) || count < 0 || first + count > MAX_SENTENCES) {
    throw new TranscribeError(
      'USAGE',
      `tonecode: expected sentences must be whole numbers within 0..${MAX_SENTENCES}, got first ${first}, count ${count}`,
    );
  }
  const words = transcriptWords(text);
  const pieces = sentencePieces(words, first, count);

  const found: number[] = [];
  const damaged: DamagedSentence[] = [];
  const extra: string[] = [];
  for (const piece of pieces) {
    const got = words.slice(piece.start, piece.end).join(' ');
    if (piece.index === undefined) {
      extra.push(got);
      continue;
    }
    found.push(piece.index);
    if (!piece.exact) damaged.push({ index: piece.index, got, want: sentenceText(piece.index) });
  }

  const seen = new Set(found);
  const missing: number[] = [];
  for (let i = first; i < first + count; i++) if (!seen.has(i)) missing.push(i);
  const duplicated = duplicatesOf(found);
  const outOfOrder = outOfOrderOf([...seen]); // a Set keeps first occurrences in insertion order
  const ok =
    missing.length === 0 &&
    duplicated.length === 0 &&
    outOfOrder.length === 0 &&
    damaged.length === 0 &&
    extra.length === 0;
  return { ok, found, missing, duplicated, outOfOrder, damaged, extra };
}

function duplicatesOf(found: readonly number[]): number[] {
  const seen = new Set<number>();
  const duplicated = new Set<number>();
  for (const i of found) (seen.has(i) ? duplicated : seen).add(i);
  return [...duplicated];
}

// Sentences outside one longest increasing run: the fewest that, moved, restore the order.
function outOfOrderOf(sequence: readonly number[]): number[] {
  // tails[k]: the smallest tail of a run of length k+1 (its position in sequence, and its value)
  const tails: Array<{ at: number; value: number }> = [];
  const previous = new Array<number>(sequence.length).fill(-1); // -1: the first of its run
  for (const [p, value] of sequence.entries()) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (defined(tails[mid], 'run tail').value < value) lo = mid + 1;
      else hi = mid;
    }
    const before = tails[lo - 1];
    if (before !== undefined) previous[p] = before.at;
    tails[lo] = { at: p, value };
  }
  const inRun = new Set<number>();
  for (let p = tails.at(-1)?.at ?? -1; p >= 0; p = previous[p] ?? -1) inRun.add(p);
  return sequence.filter((_, p) => !inRun.has(p));
}
