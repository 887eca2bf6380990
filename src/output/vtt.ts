// WebVTT (.vtt): the `WEBVTT` line and a blank line, then cues of `HH:MM:SS.mmm --> HH:MM:SS.mmm`
// and text, each followed by a blank line. Cue text is markup in WebVTT, so `&`, `<` and `>` are
// written as character references; that also keeps `-->` out of the text.

import type { Segment } from '../transcriber/segment.js';
import { segmentsToCues, type Cue, type CueOptions } from './cues.js';
import { formatTimecode } from './timecode.js';

export const VTT_HEADER = 'WEBVTT\n\n';

/** One cue block, ending with its blank line. */
export function formatVttCue(cue: Cue): string {
  const timing = `${formatTimecode(cue.startMs, '.')} --> ${formatTimecode(cue.endMs, '.')}`;
  return `${timing}\n${cue.lines.map(escapeVttText).join('\n')}\n\n`;
}

export function formatVtt(segments: Iterable<Segment>, options?: CueOptions): string {
  return VTT_HEADER + segmentsToCues(segments, options).map(formatVttCue).join('');
}

export function escapeVttText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
