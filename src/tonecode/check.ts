// Checks a transcript of the numbered corpus: each expected sentence exactly once, in order,
// undamaged, nothing else. Works on the word stream, never on lines: engines split and join
// sentences freely, and a transport may cut one across two sessions.
import { TranscribeError } from '../errors.js';
import { MAX_SENTENCES, contentWordCount, sentenceNumberOf, sentenceSymbols, sentenceText, sentenceWordCount } from './corpus.js';
import { transcriptWords } from './transcript-words.js';
import { symbolOfWord } from './vocab.js';

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

// A stretch of the word stream [start, end), attributed to a sentence or not.
interface Piece {
  start: number;
  end: number;
  index?: number;
  exact: boolean;
}

// Unattributed text is matched to a missing neighbour only if it shares this share of its words.
const MIN_SIMILARITY = 0.5;
// How many missing neighbours an unattributed piece is compared with.
const MAX_CANDIDATES = 64;

/** Compares a transcript with sentences first … first+count−1 of the numbered corpus. */
export function checkTranscript(text: string | readonly string[], expected: ExpectedSentences): CheckResult {
  const first = expected.first ?? 0;
  const { count } = expected;
  if (!Number.isInteger(first) || first < 0 || !Number.isInteger(count) || count < 0 || first + count > MAX_SENTENCES) {
    throw new TranscribeError('USAGE', `tonecode: expected sentences must be whole numbers within 0..${MAX_SENTENCES}, got first ${first}, count ${count}`);
  }
  const inRange = (i: number) => i >= first && i < first + count;
  const words = transcriptWords(text);
  const symbols = words.map(symbolOfWord);
  const pieces = attribute(splitAtWeakStarts(exactSentences(symbols, inRange), symbols, inRange), words, first, count);

  const found: number[] = [];
  const damaged: DamagedSentence[] = [];
  const extra: string[] = [];
  for (const piece of pieces) {
    const got = words.slice(piece.start, piece.end).join(' ');
    if (piece.index === undefined || !inRange(piece.index)) {
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
  const ok = missing.length === 0 && duplicated.length === 0 && outOfOrder.length === 0 && damaged.length === 0 && extra.length === 0;
  return { ok, found, missing, duplicated, outOfOrder, damaged, extra };
}

// The expected sentence whose complete, exact words start at p, if any.
function exactSentenceAt(symbols: ReadonlyArray<number | undefined>, p: number, inRange: (i: number) => boolean): number | undefined {
  const i = indexAt(symbols, p);
  if (i === undefined || !inRange(i) || p + sentenceWordCount(i) > symbols.length) return undefined;
  const want = sentenceSymbols(i);
  for (let w = 3; w < want.length; w++) if (symbols[p + w] !== want[w]) return undefined;
  return i;
}

function indexAt(symbols: ReadonlyArray<number | undefined>, p: number): number | undefined {
  const [a, b, c] = [symbols[p], symbols[p + 1], symbols[p + 2]];
  return a === undefined || b === undefined || c === undefined ? undefined : sentenceNumberOf(a, b, c);
}

// Pass 1: exact sentences, and the unattributed stretches between them. Content words depend only
// on the last index word (and their count on i mod 5), so two stray words before a sentence's last
// index word can spell another sentence number; only expected numbers are read, which makes such
// accidents rare. Sentences outside the range end up as extra text all the same.
function exactSentences(symbols: ReadonlyArray<number | undefined>, inRange: (i: number) => boolean): Piece[] {
  const pieces: Piece[] = [];
  let pending = -1;
  let p = 0;
  while (p < symbols.length) {
    const i = exactSentenceAt(symbols, p, inRange);
    if (i === undefined) {
      if (pending < 0) pending = p;
      p++;
      continue;
    }
    if (pending >= 0) pieces.push({ start: pending, end: p, exact: false });
    pending = -1;
    const end = p + sentenceWordCount(i);
    const shared = sharedTail(symbols, p, end, inRange);
    pieces.push({ start: p, end: end - shared, index: i, exact: shared === 0 });
    p = end - shared;
  }
  if (pending >= 0) pieces.push({ start: pending, end: symbols.length, exact: false });
  return pieces;
}

// "… golf jasper alpha yankee quebec …" reads as sentence 1551 whole and 1552 missing its first
// word, or as 1551 missing its last word and 1552 whole. Both are one damaged sentence; prefer the
// reading that keeps the next sentence's index words, which are what identify it. Returns how
// many last words of the sentence at [start, end) the next sentence needs (0: none).
function sharedTail(symbols: ReadonlyArray<number | undefined>, start: number, end: number, inRange: (i: number) => boolean): number {
  if (end >= symbols.length || exactSentenceAt(symbols, end, inRange) !== undefined) return 0;
  for (let shared = 1; shared <= 2 && end - shared >= start + 3; shared++) {
    if (exactSentenceAt(symbols, end - shared, inRange) !== undefined) return shared;
  }
  return 0;
}

// Pass 2: a damaged stretch may hold several damaged sentences; cut it where index words name an
// expected sentence. Inside a stretch, index words must also be followed by one of that
// sentence's content words, so content words that happen to spell a number do not cut it.
function splitAtWeakStarts(pieces: Piece[], symbols: ReadonlyArray<number | undefined>, inRange: (i: number) => boolean): Piece[] {
  const out: Piece[] = [];
  for (const piece of pieces) {
    if (piece.exact) {
      out.push(piece);
      continue;
    }
    let current: Piece = { start: piece.start, end: piece.end, exact: false };
    for (let q = piece.start; q + 3 <= piece.end; q++) {
      const i = indexAt(symbols, q);
      if (i === undefined || !inRange(i)) continue;
      const atStart = q === current.start;
      const insideIndexWords = current.index !== undefined && q < current.start + 3;
      if (!atStart && (insideIndexWords || !followedByContentOf(i, symbols, q + 3, piece.end))) continue;
      if (!atStart) {
        out.push({ ...current, end: q });
        current = { start: q, end: piece.end, exact: false };
      }
      current.index = i;
      q += 2;
    }
    out.push(current);
  }
  return out;
}

function followedByContentOf(i: number, symbols: ReadonlyArray<number | undefined>, from: number, end: number): boolean {
  if (from >= end) return true; // index words cut off from their content still name the sentence
  const content = sentenceSymbols(i).slice(3);
  const stop = Math.min(end, from + contentWordCount(i) + 1);
  for (let p = from; p < stop; p++) {
    const offset = p - from;
    // One word lost or gained before it still counts as the sentence's own word.
    for (let j = Math.max(0, offset - 1); j <= offset + 1 && j < content.length; j++) if (symbols[p] === content[j]) return true;
  }
  return false;
}

// Pass 3: a stretch without index words (they were damaged) is matched to a missing sentence
// between its neighbours, if it shares enough words with one.
function attribute(pieces: Piece[], words: readonly string[], first: number, count: number): Piece[] {
  const claimed = new Set<number>();
  for (const piece of pieces) if (piece.index !== undefined) claimed.add(piece.index);
  return pieces.map((piece, at) => {
    if (piece.index !== undefined) return piece;
    const before = neighbourIndex(pieces, at, -1) ?? first - 1;
    const after = neighbourIndex(pieces, at, +1) ?? first + count;
    const got = words.slice(piece.start, piece.end);
    let best: { index: number; score: number } | undefined;
    let tried = 0;
    for (let i = Math.max(before + 1, first); i < Math.min(after, first + count) && tried < MAX_CANDIDATES; i++) {
      if (claimed.has(i)) continue;
      tried++;
      const score = similarity(got, sentenceText(i).split(' '));
      if (score >= MIN_SIMILARITY && (!best || score > best.score)) best = { index: i, score };
    }
    if (!best) return piece;
    claimed.add(best.index);
    return { ...piece, index: best.index };
  });
}

function neighbourIndex(pieces: Piece[], at: number, step: 1 | -1): number | undefined {
  for (let k = at + step; k >= 0 && k < pieces.length; k += step) if (pieces[k]!.index !== undefined) return pieces[k]!.index;
  return undefined;
}

// Shared words (as a multiset) over the longer of the two lengths.
function similarity(got: readonly string[], want: readonly string[]): number {
  const pool = new Map<string, number>();
  for (const word of want) pool.set(word, (pool.get(word) ?? 0) + 1);
  let shared = 0;
  for (const word of got) {
    const left = pool.get(word) ?? 0;
    if (left > 0) {
      shared++;
      pool.set(word, left - 1);
    }
  }
  return shared / Math.max(got.length, want.length);
}

function duplicatesOf(found: readonly number[]): number[] {
  const seen = new Set<number>();
  const duplicated = new Set<number>();
  for (const i of found) (seen.has(i) ? duplicated : seen).add(i);
  return [...duplicated];
}

// Sentences outside one longest increasing run: the fewest that, moved, restore the order.
function outOfOrderOf(sequence: readonly number[]): number[] {
  const tails: number[] = []; // tails[k]: position in sequence of the smallest tail of a run of length k+1
  const previous = new Array<number>(sequence.length).fill(-1);
  for (let p = 0; p < sequence.length; p++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sequence[tails[mid]!]! < sequence[p]!) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[p] = tails[lo - 1]!;
    tails[lo] = p;
  }
  const inRun = new Set<number>();
  for (let p = tails.length > 0 ? tails[tails.length - 1]! : -1; p >= 0; p = previous[p]!) inRun.add(p);
  return sequence.filter((_, p) => !inRun.has(p));
}
