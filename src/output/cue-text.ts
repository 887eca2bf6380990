// Text shaping for subtitle cues. Lengths are counted in code points so that accented letters,
// CJK and emoji each count as one character on screen.

export function charLength(text: string): number {
  return [...text].length;
}

/** Collapses every run of whitespace (newlines included) to one space: a cue never gets a blank line. */
export function normalizeText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits text into the units a cue may break between: words, with any word longer than a line
 * (a URL, or a language written without spaces) cut into line-sized pieces.
 */
export function splitWords(text: string, maxLineChars: number): string[] {
  const words: string[] = [];
  for (const word of normalizeText(text).split(' ')) {
    if (word === '') continue;
    const chars = [...word];
    for (let i = 0; i < chars.length; i += maxLineChars) {
      words.push(chars.slice(i, i + maxLineChars).join(''));
    }
  }
  return words;
}

/** Fills lines greedily; this gives the fewest lines possible for the words. */
export function greedyLines(words: readonly string[], maxLineChars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line === '') line = word;
    else if (charLength(line) + 1 + charLength(word) <= maxLineChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Wraps words into as few lines as possible; when that is two, the break is placed where the
 * lines are closest in length, which reads better than a long line over a stub.
 */
export function wrapLines(words: readonly string[], maxLineChars: number): string[] {
  const greedy = greedyLines(words, maxLineChars);
  if (greedy.length !== 2) return greedy;
  const lengths = words.map(charLength);
  const total = lengths.reduce((sum, n) => sum + n, 0) + words.length - 1;
  let best = greedy;
  let bestLongest = Math.max(...greedy.map(charLength));
  let top = -1; // length of the first line, counting the spaces inside it
  for (let k = 1; k < words.length; k++) {
    top += lengths[k - 1]! + 1;
    const bottom = total - top - 1;
    const longest = Math.max(top, bottom);
    if (longest <= maxLineChars && longest < bestLongest) {
      bestLongest = longest;
      best = [words.slice(0, k).join(' '), words.slice(k).join(' ')];
    }
  }
  return best;
}
