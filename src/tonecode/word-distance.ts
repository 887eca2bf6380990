// How far a transcript's words are from a sentence's words.

// Levenshtein distance over words: lost, added and changed words cost one each.
export function wordEditDistance(got: readonly string[], want: readonly string[]): number {
  let row = Array.from({ length: want.length + 1 }, (_, j) => j);
  for (let g = 1; g <= got.length; g++) {
    const next = [g];
    for (let w = 1; w <= want.length; w++) {
      next[w] = Math.min(row[w]! + 1, next[w - 1]! + 1, row[w - 1]! + (got[g - 1] === want[w - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[want.length]!;
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
