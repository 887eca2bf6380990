// One formatter per output that turns utterances into text as they become final, so stdout and
// Ctrl-C both see everything transcribed so far. Only numbering, the cue timeline and (for JSON,
// which needs every segment under one document) the segments themselves are kept.

import type { Segment } from '../transcriber/segment.js';
import { createCueTimeline, type CueOptions } from './cues.js';
import type { OutputFormat } from './formats.js';
import { formatJson, type TranscriptMetadata } from './json.js';
import { formatJsonlLine } from './jsonl.js';
import { formatSrtCue, srtCues } from './srt.js';
import { formatTsvRow, TSV_HEADER } from './tsv.js';
import { formatTxtLine } from './txt.js';
import { formatVttCue, VTT_HEADER, vttCues } from './vtt.js';

export interface StreamingFormatter {
  /** The text that this final utterance adds to the output (may be empty). */
  add(segment: Segment): string;
  /** The text that completes the output. */
  end(metadata: TranscriptMetadata): string;
}

export function createStreamingFormatter(format: OutputFormat, cue?: CueOptions): StreamingFormatter {
  switch (format) {
    case 'txt':
      return { add: formatTxtLine, end: () => '' };
    case 'jsonl':
      return { add: formatJsonlLine, end: () => '' };
    case 'tsv': {
      const header = once(TSV_HEADER);
      return { add: (segment) => header() + formatTsvRow(segment), end: header };
    }
    case 'srt': {
      const timeline = createCueTimeline(cue);
      let number = 0;
      return {
        add: (segment) =>
          srtCues(timeline, segment)
            .map((c) => formatSrtCue(c, ++number))
            .join(''),
        end: () => '',
      };
    }
    case 'vtt': {
      const timeline = createCueTimeline(cue);
      const header = once(VTT_HEADER);
      return {
        add: (segment) =>
          header() +
          vttCues(timeline, segment)
            .map(({ cue, speaker }) => formatVttCue(cue, speaker))
            .join(''),
        end: header,
      };
    }
    case 'json': {
      const segments: Segment[] = [];
      return {
        add: (segment) => {
          segments.push(segment);
          return '';
        },
        end: (metadata) => formatJson(segments, metadata),
      };
    }
  }
}

// A header written before the first line, or at the end of an empty transcript, and only once.
function once(text: string): () => string {
  let written = false;
  return () => {
    if (written) return '';
    written = true;
    return text;
  };
}
