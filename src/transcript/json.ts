// The JSON transcript: a versioned document with run metadata and every segment, times in seconds
// rounded to the millisecond (finer digits are float noise, not precision).

import type { Segment } from '../transcriber/segment.js';
import type { UsageJson } from '../realtime/usage.js';
import { stringifyInert } from '../util/inert-json.js';

/** What the caller knows about the run; written as `metadata` in the JSON transcript. */
export interface TranscriptMetadata {
  input: string;
  durationSec?: number;
  provider: string;
  model: string;
  sessions: number;
  resumes: number;
  rotations: number;
  /** ISO 8601. */
  startedAt: string;
  finishedAt: string;
  toolVersion: string;
  /** False when the run was interrupted or failed before the end of the input. */
  complete: boolean;
  /** Where on the input's timeline transcription stopped, when it did not finish. */
  notTranscribedFromSec?: number;
  /** Spans with words the service could not transcribe (failed twice): the run is incomplete. */
  notTranscribed?: { start: number; end: number; reason: string }[];
  /** What the service reported billing for the run's transcripts. */
  usage?: UsageJson;
  /** What the speech detector decided, and with which settings. */
  speech?: SpeechJson;
}

interface SpeechJson {
  /** `webrtc`, `energy` or `none`; with `fallback`, what was asked for but could not load. */
  detector: string;
  sensitivity: string;
  /** Why the chosen detector did not load (digital silence decided instead), if it did not. */
  fallback?: string;
  /** Speech the detector heard, padding not counted. */
  speechSec: number;
  /** Pauses not sent (their middles). */
  skippedSec: number;
  /** The level in dBFS that 99% of speech frames peak under; null when no speech was heard. */
  speechPeakDbfs: number | null;
}

/** A segment as JSON and JSONL write it: the segment's own fields, its times rounded to the millisecond. */
export type SegmentRecord = Segment;

const JSON_TRANSCRIPT_VERSION = 1;

export function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** The segment as written in JSON and JSONL, with a fixed key order. */
export function toSegmentRecord(segment: Segment): SegmentRecord {
  return {
    start: roundMs(segment.start),
    end: roundMs(segment.end),
    text: segment.text,
    session: segment.session,
    itemId: segment.itemId,
    // Only what the service said: absent fields stay absent, so older readers see no change.
    ...(segment.logprob === undefined ? {} : { logprob: segment.logprob }),
    ...(segment.tokens === undefined ? {} : { tokens: segment.tokens }),
    ...(segment.languages === undefined ? {} : { languages: segment.languages }),
    ...(segment.speaker === undefined ? {} : { speaker: segment.speaker }),
    ...(segment.turns === undefined
      ? {}
      : {
          turns: segment.turns.map((t) => ({
            speaker: t.speaker,
            start: roundMs(t.start),
            end: roundMs(t.end),
            text: t.text,
          })),
        }),
  };
}

export function formatJson(segments: Iterable<Segment>, metadata: TranscriptMetadata): string {
  const document = {
    version: JSON_TRANSCRIPT_VERSION,
    metadata: metadataRecord(metadata),
    segments: Array.from(segments, toSegmentRecord),
  };
  return `${stringifyInert(document, 2)}\n`;
}

// Rebuilt key by key so the file's layout does not depend on how the caller assembled the object.
function metadataRecord(m: TranscriptMetadata): TranscriptMetadata {
  return {
    input: m.input,
    ...(m.durationSec === undefined ? {} : { durationSec: roundMs(m.durationSec) }),
    provider: m.provider,
    model: m.model,
    sessions: m.sessions,
    resumes: m.resumes,
    rotations: m.rotations,
    startedAt: m.startedAt,
    finishedAt: m.finishedAt,
    toolVersion: m.toolVersion,
    complete: m.complete,
    ...(m.notTranscribedFromSec === undefined ? {} : { notTranscribedFromSec: roundMs(m.notTranscribedFromSec) }),
    ...(m.notTranscribed === undefined
      ? {}
      : {
          notTranscribed: m.notTranscribed.map((l) => ({
            start: roundMs(l.start),
            end: roundMs(l.end),
            reason: l.reason,
          })),
        }),
    ...(m.usage === undefined ? {} : { usage: m.usage }),
    ...(m.speech === undefined ? {} : { speech: m.speech }),
  };
}
