// Whole transcripts and cue lists, made the way a run makes them: segment by segment through the
// streaming formatter and the cue timeline, so the format tests check the code that writes files.
import type { Segment } from '../../src/transcriber/segment.js';
import { createCueTimeline, type Cue, type CueOptions } from '../../src/transcript/cues.js';
import type { OutputFormat } from '../../src/transcript/formats.js';
import type { TranscriptMetadata } from '../../src/transcript/json.js';
import { createStreamingFormatter } from '../../src/transcript/streaming.js';
import { metadata as sampleMetadata } from './metadata.js';

/** A whole transcript in one format, as the streaming formatter writes it. */
export function formatTranscript(
  format: OutputFormat,
  segments: Iterable<Segment>,
  metadata: TranscriptMetadata,
  cue?: CueOptions,
): string {
  const formatter = createStreamingFormatter(format, cue);
  let out = '';
  for (const segment of segments) out += formatter.add(segment);
  return out + formatter.end(metadata);
}

// The formats other than JSON do not read the metadata.
export const formatTxt = (segments: Iterable<Segment>) => formatTranscript('txt', segments, sampleMetadata);
export const formatTsv = (segments: Iterable<Segment>) => formatTranscript('tsv', segments, sampleMetadata);
export const formatJsonl = (segments: Iterable<Segment>) => formatTranscript('jsonl', segments, sampleMetadata);
export const formatSrt = (segments: Iterable<Segment>, options?: CueOptions) =>
  formatTranscript('srt', segments, sampleMetadata, options);
export const formatVtt = (segments: Iterable<Segment>, options?: CueOptions) =>
  formatTranscript('vtt', segments, sampleMetadata, options);

/** The cues of one utterance on its own (a fresh timeline: nothing before it to clamp against). */
export function splitSegment(segment: Pick<Segment, 'start' | 'end' | 'text'>, options?: CueOptions): Cue[] {
  return createCueTimeline(options).push(segment);
}

/** All cues of a transcript, in order and without overlap. */
export function segmentsToCues(
  segments: Iterable<Pick<Segment, 'start' | 'end' | 'text'>>,
  options?: CueOptions,
): Cue[] {
  const timeline = createCueTimeline(options);
  return [...segments].flatMap((segment) => timeline.push(segment));
}
