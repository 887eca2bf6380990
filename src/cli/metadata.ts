// The metadata written with a transcript (json's `metadata`), the same for one file or a batch.
import type { RunSummary, TranscribeRun, TranscriptMetadata } from '../index.js';

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
  const durationSec = o.complete || o.totalSec === undefined ? o.summary.audioSec : Math.max(o.totalSec, o.summary.audioSec);
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
    ...(o.complete ? {} : { notTranscribedFromSec: o.acknowledgedSec }),
  };
}
