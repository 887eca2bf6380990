// How far a transcript's words are from a sentence's words.
import { defined } from '../util/must.js';

// Levenshtein distance over words: lost, added and changed words cost one each.
export function wordEditDistance(got: readonly string[], want: readonly string[]): number {
  // row[w]: the distance from the words of got seen so far to the first w words of want.
  let row = Array.from({ length: want.length + 1 }, (_, w) => w);
  for (const [g, gotWord] of got.entries()) {
    // Along the previous row: `diagonal` is the cell before `above`; `left` is the cell just made.
    let diagonal = g;
    let left = g + 1;
    const next = [left];
    for (const [w, above] of row.slice(1).entries()) {
      left = Math.min(above + 1, left + 1, diagonal + (gotWord === want[w] ? 0 : 1));
      next.push(left);
      diagonal = above;
    }
    row = next;
  }
  return defined(row.at(-1), 'last cell of the distance row');
}

// Shared words (as a multiset) over the longer of the two lengths.
export function sharedWordShare(got: readonly string[], want: readonly string[]): number {
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
