// Tab-separated values as the whisper CLI writes them: a `start\tend\ttext` header, then one row
// per utterance with start and end in whole milliseconds. Text is one line with no tab in it
// (every run of whitespace is one space), so a row always has exactly three fields.

import type { Segment } from '../transcriber/segment.js';
import { normalizeText } from './cue-text.js';

export const TSV_HEADER = 'start\tend\ttext\n';

/** One row ending in `\n`; empty for an utterance with no text. */
export function formatTsvRow(segment: Pick<Segment, 'start' | 'end' | 'text'>): string {
  const text = normalizeText(segment.text);
  if (text === '') return '';
  const start = Math.max(0, Math.round(segment.start * 1000));
  const end = Math.max(start, Math.round(segment.end * 1000));
  return `${start}\t${end}\t${text}\n`;
}

export function formatTsv(segments: Iterable<Segment>): string {
  let out = TSV_HEADER;
  for (const segment of segments) out += formatTsvRow(segment);
  return out;
}
