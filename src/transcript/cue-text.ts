// Text shaping for subtitle cues. Lengths are counted in code points so that accented letters,
// CJK and emoji each count as one character on screen.

import { stripControls } from './control-chars.js';
import { SPEECH_MARKERS } from '../emulator/marker.js';

export function charLength(text: string): number {
  return [...text].length;
}

/**
 * Collapses every run of whitespace (newlines included) to one space, so a cue never gets a blank
 * line, and drops control characters (NUL, BEL, ESC…), which no reader of txt, srt or vtt wants.
 */
export function normalizeText(text: string): string {
  return stripControls(text.replace(/\s+/g, ' ')).replace(/ {2,}/g, ' ').trim();
}

// The emulator's marker for sound it does not recognise (`[speech 4.7 s]`, `[speech 4.7 s at
// 12.0 s]`) is one unit that a cue must never cut in two, though it has spaces.

/**
 * Splits text into the units a cue may break between: words, with any word longer than a line
 * (a URL, or a language written without spaces) cut into line-sized pieces.
 */
export function splitWords(text: string, maxLineChars: number): string[] {
  const words: string[] = [];
  const normalized = normalizeText(text);
  // Spaces inside a marker become no-break spaces while splitting, then are put back.
  const NBSP = '\u00a0';
  const guarded = normalized.replace(SPEECH_MARKERS, (marker) =>
    charLength(marker) <= maxLineChars ? marker.replaceAll(' ', NBSP) : marker,
  );
  for (const guardedWord of guarded.split(' ')) {
    const word = guardedWord.replaceAll(NBSP, ' ');
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
  // Each break falls after a word but the last: the second line starts at word k.
  for (const [i, length] of lengths.slice(0, -1).entries()) {
    const k = i + 1;
    top += length + 1;
    const bottom = total - top - 1;
    const longest = Math.max(top, bottom);
    if (longest <= maxLineChars && longest < bestLongest) {
      bestLongest = longest;
      best = [words.slice(0, k).join(' '), words.slice(k).join(' ')];
    }
  }
  return best;
}
