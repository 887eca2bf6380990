// Plain text: one line per utterance, text only; with speakers, `A: ` before each speaker's part.

import type { Segment } from '../transcriber/segment.js';
import { normalizeText } from './cue-text.js';
import { speakerParts, withSpeaker } from './speaker-parts.js';

/** The utterance as one line ending in `\n` (a line per speaker); empty for an utterance with no text. */
export function formatTxtLine(segment: Pick<Segment, 'start' | 'end' | 'text' | 'speaker' | 'turns'>): string {
  let out = '';
  for (const part of speakerParts(segment)) {
    const text = normalizeText(part.text);
    if (text !== '') out += `${withSpeaker({ ...part, text })}\n`;
  }
  return out;
}
