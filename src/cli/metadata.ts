// The metadata written with a transcript (json's `metadata`), the same for one file or a batch.
import type { RunSummary, TranscribeRun } from '../index.js';
import type { TranscriptMetadata } from '../transcript/index.js';
import { usageJson } from '../realtime/usage.js';

export function transcriptMetadata(o: {
  label: string;
  run: TranscribeRun;
  summary: RunSummary;
  startedAt: Date;
  toolVersion: string;
  complete: boolean;
  /** `local` with --local: the transcript came from the built-in emulator, not from a service. */
  provider?: string | undefined;
  /** The input's length as decoding announced it (progress events), when known. */
  totalSec?: number | undefined;
  /** The last offset the run acknowledged (what a continued run starts from). */
  acknowledgedSec: number;
}): TranscriptMetadata {
  // The input's length, not the part read: an interrupted run read only up to where it stopped.
  const lost = o.summary.notTranscribed;
  const durationSec =
    o.complete || o.totalSec === undefined ? o.summary.audioSec : Math.max(o.totalSec, o.summary.audioSec);
  return {
    input: o.label,
    ...(durationSec > 0 ? { durationSec } : {}),
    provider: o.provider ?? o.run.endpoint.provider,
    model: o.run.endpoint.transcriptionModel,
    sessions: o.summary.sessions,
    resumes: o.summary.resumes,
    rotations: o.summary.rotations,
    startedAt: o.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    toolVersion: o.toolVersion,
    complete: o.complete,
    // Where a continued run would start, when transcription stopped before the end.
    ...(o.complete || o.acknowledgedSec >= durationSec ? {} : { notTranscribedFromSec: o.acknowledgedSec }),
    ...(lost.length > 0
      ? { notTranscribed: lost.map((l) => ({ start: l.startSec, end: l.endSec, reason: l.reason })) }
      : {}),
    ...(o.provider !== 'local' && o.summary.usage.items + o.summary.usage.unreported > 0
      ? { usage: usageJson(o.summary.usage) }
      : {}),
    speech: {
      detector: o.run.speech.detector,
      sensitivity: o.run.speech.sensitivity,
      ...(o.run.speech.fallback !== undefined ? { fallback: o.run.speech.fallback } : {}),
      speechSec: round3(o.summary.speechSec),
      skippedSec: round3(o.summary.skippedSec),
      speechPeakDbfs: o.summary.speechPeakDbfs,
    },
  };
}

function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
