// Who said what, for the text formats. An utterance one speaker said (or one with no speakers at
// all) is one part; one where the speaker changes is cut at each change, each part timed by its
// turns, so a subtitle or a line never gives one person's words to another. Labels are the
// service's, as given: it labels each session on its own (docs/cli.md, "Speakers").

import type { Segment } from '../transcriber/segment.js';

export interface SpeakerPart {
  start: number;
  end: number;
  text: string;
  speaker?: string;
}

type Speaking = Pick<Segment, 'start' | 'end' | 'text' | 'speaker' | 'turns'>;

export function speakerParts(segment: Speaking): SpeakerPart[] {
  const turns = segment.turns ?? [];
  if (new Set(turns.map((t) => t.speaker)).size <= 1) {
    const { start, end, text, speaker } = segment;
    return [speaker === undefined ? { start, end, text } : { start, end, text, speaker }];
  }
  const parts: Required<SpeakerPart>[] = [];
  for (const turn of turns) {
    const last = parts.at(-1);
    if (last?.speaker === turn.speaker) {
      last.end = turn.end;
      last.text = `${last.text} ${turn.text}`;
    } else parts.push({ start: turn.start, end: turn.end, text: turn.text, speaker: turn.speaker });
  }
  // The utterance's padding before the first turn and after the last belongs to their speakers.
  const [first] = parts;
  const last = parts.at(-1);
  if (first) first.start = Math.min(first.start, segment.start);
  if (last) last.end = Math.max(last.end, segment.end);
  return parts;
}

/** The text with its speaker in front (`A: text`), as txt, tsv and srt show it. */
export function withSpeaker(part: Pick<SpeakerPart, 'text' | 'speaker'>): string {
  return part.speaker === undefined || part.text.trim() === '' ? part.text : `${part.speaker}: ${part.text}`;
}
