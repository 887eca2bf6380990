// Plain text: one line per utterance, text only.

import type { Segment } from '../transcriber/segment.js';
import { normalizeText } from './cue-text.js';

/** The utterance as one line ending in `\n`; empty for an utterance with no text. */
export function formatTxtLine(segment: Pick<Segment, 'text'>): string {
  const text = normalizeText(segment.text);
  return text === '' ? '' : `${text}\n`;
}

export function formatTxt(segments: Iterable<Segment>): string {
  let out = '';
  for (const segment of segments) out += formatTxtLine(segment);
  return out;
}
