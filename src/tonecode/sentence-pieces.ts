// Reads sentences from a transcript's word stream: which stretch of words is which expected
// sentence, exact or damaged, and which words belong to none.
import { defined } from '../util/must.js';
import { sentenceNumberOf, sentenceSymbols, sentenceText, sentenceWordCount } from './corpus.js';
import { symbolOfWord } from './vocab.js';
import { sharedWordShare, wordEditDistance } from './word-distance.js';

// A stretch of the word stream [start, end), attributed to a sentence or not.
export interface Piece {
  start: number;
  end: number;
  /** Set only for expected sentences. */
  index?: number | undefined;
  exact: boolean;
}

/** The word stream cut into pieces, in order, covering every word once. */
export function sentencePieces(words: readonly string[], first: number, count: number): Piece[] {
  const inRange = (i: number) => i >= first && i < first + count;
  const symbols = words.map(symbolOfWord);
  return attribute(splitDamaged(exactSentences(symbols, inRange), words, symbols, inRange), words, first, count);
}

// The expected sentence whose complete, exact words start at p, if any.
function exactSentenceAt(
  symbols: ReadonlyArray<number | undefined>,
  p: number,
  inRange: (i: number) => boolean,
): number | undefined {
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
function sharedTail(
  symbols: ReadonlyArray<number | undefined>,
  start: number,
  end: number,
  inRange: (i: number) => boolean,
): number {
  if (end >= symbols.length || exactSentenceAt(symbols, end, inRange) !== undefined) return 0;
  for (let shared = 1; shared <= 2 && end - shared >= start + 3; shared++) {
    if (exactSentenceAt(symbols, end - shared, inRange) !== undefined) return shared;
  }
  return 0;
}

// Pass 2: a damaged stretch may hold several damaged sentences, or one whose content happens to
// contain another sentence's index words (content words follow a fixed step, so some blocks of
// sentence numbers always do). Choose where to cut it by the least total damage: each piece that
// starts with expected index words costs its word edit distance from that sentence, and each word
// that starts no sentence costs one.
function splitDamaged(
  pieces: Piece[],
  words: readonly string[],
  symbols: ReadonlyArray<number | undefined>,
  inRange: (i: number) => boolean,
): Piece[] {
  return pieces.flatMap((piece) => (piece.exact ? [piece] : cutByLeastDamage(piece, words, symbols, inRange)));
}

// A piece that starts with index words is not searched past this many later candidate cuts: a
// sentence is at most 9 words, and the bound keeps a long stretch of damage linear in its length.
const MAX_SPANNED_CUTS = 12;
// Between two cuttings of equal damage, prefer the one that names more sentences.
const NAMED_PIECE_BONUS = 0.01;

function cutByLeastDamage(
  piece: Piece,
  words: readonly string[],
  symbols: ReadonlyArray<number | undefined>,
  inRange: (i: number) => boolean,
): Piece[] {
  const starts: Array<{ at: number; index?: number }> = [];
  for (let q = piece.start; q + 3 <= piece.end; q++) {
    const i = indexAt(symbols, q);
    if (i !== undefined && inRange(i)) starts.push({ at: q, index: i });
  }
  if (starts[0]?.at !== piece.start) starts.unshift({ at: piece.start });

  const costOf = (k: number, end: number): number => {
    const { at, index } = defined(starts[k], 'cut start');
    if (index === undefined) return end - at;
    if (end - at < 3) return Infinity; // a piece holds at least its own index words
    return wordEditDistance(words.slice(at, end), sentenceText(index).split(' ')) - NAMED_PIECE_BONUS;
  };
  // best[k]: least damage of [piece.start, starts[k].at) with a piece starting at starts[k].
  const best = new Array<number>(starts.length + 1).fill(Infinity);
  const previous = new Array<number>(starts.length + 1).fill(-1);
  best[0] = 0;
  for (let k = 1; k <= starts.length; k++) {
    const end = starts[k]?.at ?? piece.end; // past the last start: the piece's end
    // The first piece may run up to any cut (unnamed words before any index words); others only a few.
    for (const j of [0, ...range(Math.max(1, k - MAX_SPANNED_CUTS), k)]) {
      const cost = (best[j] ?? Infinity) + costOf(j, end);
      if (cost < (best[k] ?? Infinity)) {
        best[k] = cost;
        previous[k] = j;
      }
    }
  }
  const cuts: number[] = [];
  for (let k = previous[starts.length] ?? -1; k >= 0; k = previous[k] ?? -1) cuts.unshift(k);
  return cuts.map((k, n) => {
    const { at, index } = defined(starts[k], 'cut start');
    const nextCut = cuts[n + 1];
    const end = nextCut === undefined ? piece.end : defined(starts[nextCut], 'cut start').at;
    return { start: at, end, index, exact: false };
  });
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, n) => from + n);
}

// Unattributed text is matched to a missing neighbour only if it shares this share of its words.
const MIN_SIMILARITY = 0.5;
// How many missing neighbours an unattributed piece is compared with.
const MAX_CANDIDATES = 64;

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
      const score = sharedWordShare(got, sentenceText(i).split(' '));
      if (score >= MIN_SIMILARITY && (!best || score > best.score)) best = { index: i, score };
    }
    if (!best) return piece;
    claimed.add(best.index);
    return { ...piece, index: best.index };
  });
}

function neighbourIndex(pieces: Piece[], at: number, step: 1 | -1): number | undefined {
  for (let k = at + step; k >= 0 && k < pieces.length; k += step) {
    const index = pieces[k]?.index;
    if (index !== undefined) return index;
  }
  return undefined;
}
