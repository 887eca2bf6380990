// The numbered corpus: sentence i carries its own number in three index words, then 2..6 content
// words derived from i, so a checker can tell exactly which sentence a transcript line is.
import { TranscribeError } from '../errors.js';
import { SYMBOL_COUNT, VOCAB } from './vocab.js';

/** Sentence numbers are 18 bits: three 6-bit index words. */
export const MAX_SENTENCES = 1 << 18;

/** Symbols of sentence i: three index symbols, then 2 + (i mod 5) content symbols. */
export function sentenceSymbols(i: number): number[] {
  assertSentenceNumber(i);
  const symbols = [(i >> 12) & 63, (i >> 6) & 63, i & 63];
  const contentWords = contentWordCount(i);
  for (let j = 0; j < contentWords; j++) symbols.push((17 * i + 29 * j + 7) % SYMBOL_COUNT);
  return symbols;
}

/** Transcript of sentence i: lower-case words joined by single spaces. */
export function sentenceText(i: number): string {
  return sentenceSymbols(i)
    .map((k) => VOCAB[k])
    .join(' ');
}

function contentWordCount(i: number): number {
  return 2 + (i % 5);
}

/** Words in sentence i, index words included. */
export function sentenceWordCount(i: number): number {
  return 3 + contentWordCount(i);
}

/** Sentence number spelled by three index symbols. */
export function sentenceNumberOf(a: number, b: number, c: number): number {
  return (a << 12) | (b << 6) | c;
}

function assertSentenceNumber(i: number): void {
  if (!Number.isInteger(i) || i < 0 || i >= MAX_SENTENCES) {
    throw new TranscribeError(
      'USAGE',
      `tonecode sentence number must be an integer from 0 to ${MAX_SENTENCES - 1}, got ${i}`,
    );
  }
}
