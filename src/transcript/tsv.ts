// Tab-separated values as the whisper CLI writes them: a `start\tend\ttext` header, then one row
// per utterance with start and end in whole milliseconds. Text is one line with no tab in it
// (every run of whitespace is one space), so a row always has exactly three fields.

import type { Segment } from '../transcriber/segment.js';
import { normalizeText } from './cue-text.js';
import { speakerParts, withSpeaker } from './speaker-parts.js';

export const TSV_HEADER = 'start\tend\ttext\n';

/** One row ending in `\n` (a row per speaker, `A: ` before the text); empty for an utterance with no text. */
export function formatTsvRow(segment: Pick<Segment, 'start' | 'end' | 'text' | 'speaker' | 'turns'>): string {
  let out = '';
  for (const part of speakerParts(segment)) {
    const text = normalizeText(part.text);
    if (text === '') continue;
    const start = Math.max(0, Math.round(part.start * 1000));
    const end = Math.max(start, Math.round(part.end * 1000));
    out += `${start}\t${end}\t${withSpeaker({ ...part, text })}\n`;
  }
  return out;
}
