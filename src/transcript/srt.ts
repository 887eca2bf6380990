// SubRip (.srt): numbered cues from 1, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, text lines, a blank line
// after each cue. SRT has no escaping, so the one sequence a reader could take for a timing line,
// `-->`, is never written inside text. With speakers, each speaker's part begins `A: `.

import type { Segment } from '../transcriber/segment.js';
import type { Cue, CueTimeline } from './cues.js';
import { speakerParts, withSpeaker } from './speaker-parts.js';
import { formatTimecode } from './timecode.js';

/** One cue block, ending with its blank line; `index` is the 1-based cue number. */
export function formatSrtCue(cue: Cue, index: number): string {
  const timing = `${formatTimecode(cue.startMs, ',')} --> ${formatTimecode(cue.endMs, ',')}`;
  return `${index}\n${timing}\n${cue.lines.map(srtSafeText).join('\n')}\n\n`;
}

/** The cues of one utterance, a speaker's name in front of where each speaker starts. */
export function srtCues(timeline: CueTimeline, segment: Segment): Cue[] {
  return speakerParts(segment).flatMap((part) => timeline.push({ ...part, text: withSpeaker(part) }));
}

/** Any run of hyphens before `>` becomes `->`, so no `-->` survives (`--->` included). */
export function srtSafeText(text: string): string {
  return text.replace(/-{2,}>/g, '->');
}
