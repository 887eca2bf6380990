// The metadata written with a transcript (json's `metadata`), the same for one file or a batch.
import type { RunSummary, TranscribeRun } from '../index.js';
import type { TranscriptMetadata } from '../output/index.js';

export function transcriptMetadata(o: {
  label: string;
  run: TranscribeRun;
  summary: RunSummary;
  startedAt: Date;
  toolVersion: string;
  complete: boolean;
}): TranscriptMetadata {
  return {
    input: o.label,
    ...(o.summary.audioSec > 0 ? { durationSec: o.summary.audioSec } : {}),
    provider: o.run.endpoint.provider,
    model: o.run.endpoint.transcriptionModel,
    sessions: o.summary.sessions,
    resumes: o.summary.resumes,
    rotations: o.summary.rotations,
    startedAt: o.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    toolVersion: o.toolVersion,
    complete: o.complete,
    ...(o.complete ? {} : { notTranscribedFromSec: o.summary.acknowledgedSec }),
  };
}
