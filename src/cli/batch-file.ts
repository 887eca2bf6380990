// One file of a batch: transcribe it, show it on its bar, write its transcripts, and say how it
// went. Never throws: a failing file is a result, and the batch goes on.
import {
  TranscribeError,
  transcribe,
  type createBatchProgress,
  type RunSummary,
  type TranscribeOptions,
  type TranscribeRun,
} from '../index.js';
import { createBatchOutput } from './batch-output.js';
import type { BatchItem } from './batch-plan.js';

export type BatchProgress = ReturnType<typeof createBatchProgress>;
type FileProgress = ReturnType<BatchProgress['startFile']>;

export interface FileRunContext {
  transcribeOptions: TranscribeOptions;
  progress: BatchProgress;
  /** A line above the bars (or on its own without them). */
  log(line: string): void;
  verbose: boolean;
  toolVersion: string;
  /** Set when SIGINT / SIGTERM arrived. */
  interruptedBy(): 'SIGINT' | 'SIGTERM' | undefined;
}

export interface FileResult {
  status: 'ok' | 'failed';
  summary: RunSummary | undefined;
  error?: unknown;
  files: string[];
  wallSec: number;
}

export async function transcribeFile(item: BatchItem, ctx: FileRunContext): Promise<FileResult> {
  const startedAt = new Date();
  const elapsed = () => (Date.now() - startedAt.getTime()) / 1000;
  let run: TranscribeRun;
  try {
    run = transcribe(item.input, ctx.transcribeOptions);
  } catch (error) {
    ctx.progress.startFile(item.label).done(false);
    return { status: 'failed', summary: undefined, error, files: [], wallSec: elapsed() };
  }
  const output = createBatchOutput(item.outputs);
  const speed = ctx.transcribeOptions.speed ?? 1;
  let bar: FileProgress | undefined;
  let failure: unknown;
  const note = (line: string) => ctx.log(`${item.label}: ${line}`);
  try {
    for await (const event of run) {
      switch (event.type) {
        case 'segment':
          output.add(event.segment);
          break;
        case 'progress':
          bar ??= ctx.progress.startFile(item.label, event.totalSec);
          bar.update({ sentSec: event.sentSec, realtimeFactor: speed, session: event.session, resumes: event.resumes, utterances: event.utterances });
          break;
        case 'warning':
          note(`warning: ${event.message}`);
          break;
        case 'reconnect':
          if (ctx.verbose) note(`reconnecting (attempt ${event.attempt}) in ${(event.delayMs / 1000).toFixed(1)} s from ${event.fromSec.toFixed(1)} s: ${event.cause}`);
          break;
        case 'session-end':
          if (ctx.verbose) note(`session ${event.session} ended: ${event.reason} (${event.detail})`);
          break;
        default:
          break;
      }
    }
  } catch (error) {
    failure = error;
  }
  const summary = await run.summary;
  const interrupted = ctx.interruptedBy();
  const complete = failure === undefined && interrupted === undefined;
  let files: string[] = [];
  try {
    files = await output.finish(
      {
        input: item.label,
        ...(summary.audioSec > 0 ? { durationSec: summary.audioSec } : {}),
        provider: run.endpoint.provider,
        model: run.endpoint.transcriptionModel,
        sessions: summary.sessions,
        resumes: summary.resumes,
        rotations: summary.rotations,
        startedAt: startedAt.toISOString(),
        finishedAt: new Date().toISOString(),
        toolVersion: ctx.toolVersion,
        complete,
        ...(complete ? {} : { notTranscribedFromSec: summary.acknowledgedSec }),
      },
      complete,
    );
  } catch (error) {
    failure ??= error;
  }
  if (interrupted !== undefined && failure === undefined) {
    failure = new TranscribeError('INTERRUPTED', `interrupted by ${interrupted}: not transcribed from ${summary.acknowledgedSec.toFixed(1)} s`);
  }
  // A file that failed before its first progress (not audio) still counts in the total bar.
  (bar ?? ctx.progress.startFile(item.label)).done(failure === undefined);
  const wallSec = elapsed();
  return failure === undefined ? { status: 'ok', summary, files, wallSec } : { status: 'failed', summary, error: failure, files, wallSec };
}
