// WebVTT (.vtt): the `WEBVTT` line and a blank line, then cues of `HH:MM:SS.mmm --> HH:MM:SS.mmm`
// and text, each followed by a blank line. Cue text is markup in WebVTT, so `&`, `<` and `>` are
// written as character references; that also keeps `-->` out of the text. With speakers, every
// cue of a speaker's part opens with a voice span, `<v A>`, as WebVTT provides for.

import type { Segment } from '../transcriber/segment.js';
import type { Cue, CueTimeline } from './cues.js';
import { speakerParts } from './speaker-parts.js';
import { formatTimecode } from './timecode.js';

export const VTT_HEADER = 'WEBVTT\n\n';

/** A cue and who says it (none: no voice span). */
export interface VttCue {
  cue: Cue;
  speaker?: string | undefined;
}

/** One cue block, ending with its blank line; a speaker's voice span opens the text. */
export function formatVttCue(cue: Cue, speaker?: string): string {
  const timing = `${formatTimecode(cue.startMs, '.')} --> ${formatTimecode(cue.endMs, '.')}`;
  const voice = speaker === undefined ? '' : `<v ${escapeVttText(speaker)}>`;
  return `${timing}\n${voice}${cue.lines.map(escapeVttText).join('\n')}\n\n`;
}

/** The cues of one utterance, each with the speaker of its part. */
export function vttCues(timeline: CueTimeline, segment: Segment): VttCue[] {
  return speakerParts(segment).flatMap((part) => timeline.push(part).map((cue) => ({ cue, speaker: part.speaker })));
}

export function escapeVttText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
