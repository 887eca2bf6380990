// One file of a batch: transcribe it, show it on its bar, write its transcripts, and say how it
// went. Never throws: a failing file is a result, and the batch goes on.
import {
  TranscribeError,
  isTranscribeError,
  transcribe,
  type RunSummary,
  type TranscribeOptions,
  type TranscribeRun,
} from '../../index.js';
import type { CueOptions } from '../../transcript/index.js';
import type { createBatchProgress } from '../../terminal/index.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createBatchOutput } from './output.js';
import { openCheckpoint, settleCheckpoint, type Checkpoint } from '../../checkpoint/journal.js';
import { transcriptMetadata } from '../metadata.js';
import { withFlagText } from '../option-flags.js';
import type { BatchItem } from './plan.js';

export type BatchProgress = ReturnType<typeof createBatchProgress>;
type FileProgress = ReturnType<BatchProgress['startFile']>;

export interface FileRunContext {
  transcribeOptions: TranscribeOptions;
  progress: BatchProgress;
  /** Subtitle layout for srt and vtt. */
  cue: CueOptions | undefined;
  /** A line above the bars (or on its own without them). */
  log(line: string): void;
  verbose: boolean;
  toolVersion: string;
  /** --local: metadata says so. */
  local: boolean;
  /** Called with every segment's text (the --local marker note, said once a batch). */
  onSegmentText(text: string): void;
  /** Set when SIGINT / SIGTERM arrived. */
  interruptedBy(): 'SIGINT' | 'SIGTERM' | undefined;
}

export interface FileResult {
  /** Interrupted is not failed: the same command continues the file from its checkpoint. */
  status: 'ok' | 'failed' | 'interrupted';
  summary: RunSummary | undefined;
  error?: unknown;
  files: string[];
  wallSec: number;
  /** Seconds of the input a checkpoint held done before this run, so counts are this run's. */
  priorSec: number;
}

export async function transcribeFile(item: BatchItem, ctx: FileRunContext): Promise<FileResult> {
  const startedAt = new Date();
  const elapsed = () => (Date.now() - startedAt.getTime()) / 1000;
  const note = (line: string) => ctx.log(`${item.label}: ${line}`);
  let run: TranscribeRun;
  let checkpoint: Checkpoint | undefined;
  try {
    // The output tree is mirrored below -o; the checkpoint goes there before the transcript does.
    if (item.outputs[0]) mkdirSync(dirname(item.outputs[0].path), { recursive: true });
    checkpoint = openCheckpoint(item.input, item.outputs[0]?.path, note);
    run = transcribe(item.input, {
      ...ctx.transcribeOptions,
      ...(checkpoint?.resume ? { resume: checkpoint.resume } : {}),
    });
  } catch (error) {
    checkpoint?.journal.close();
    ctx.progress.startFile(item.label).done('failed');
    return { status: 'failed', summary: undefined, error, files: [], wallSec: elapsed(), priorSec: 0 };
  }
  const output = createBatchOutput(item.outputs, ctx.cue);
  const speed = ctx.transcribeOptions.speed ?? 1;
  const priorSec = checkpoint?.doneSec ?? 0;
  let acknowledgedSec = checkpoint?.startAtSec ?? 0;
  let totalSec: number | undefined;
  let bar: FileProgress | undefined;
  let failure: unknown;
  try {
    for await (const event of run) {
      switch (event.type) {
        case 'segment':
          checkpoint?.journal.segment(event.segment);
          output.add(event.segment);
          ctx.onSegmentText(event.segment.text);
          break;
        case 'acknowledged':
          checkpoint?.journal.ack(event.sec);
          acknowledgedSec = Math.max(acknowledgedSec, event.sec);
          break;
        case 'span-checkpoint':
          checkpoint?.journal.spanCheckpoint(event.fromSec, event.ackSec, event.segments);
          break;
        case 'progress':
          if (event.totalSec !== undefined) checkpoint?.journal.inputLength(event.totalSec);
          totalSec ??= event.totalSec;
          bar ??= ctx.progress.startFile(item.label, event.totalSec);
          bar.update({
            sentSec: event.sentSec,
            realtimeFactor: speed,
            session: event.session,
            resumes: event.resumes,
            utterances: event.utterances,
            spans: event.spans,
          });
          break;
        case 'warning':
          note(`warning: ${withFlagText(event.message)}`);
          break;
        case 'reconnect':
          if (ctx.verbose)
            note(
              `reconnecting (attempt ${event.attempt}) in ${(event.delayMs / 1000).toFixed(1)} s from ${event.fromSec.toFixed(1)} s: ${event.cause}`,
            );
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
      transcriptMetadata({
        label: item.label,
        run,
        summary,
        startedAt,
        toolVersion: ctx.toolVersion,
        complete,
        provider: ctx.local ? 'local' : undefined,
        totalSec,
        acknowledgedSec,
      }),
      complete,
    );
  } catch (error) {
    failure ??= error;
  }
  // Kept after a failure or an interruption: the same command continues from it.
  settleCheckpoint(checkpoint, complete && failure === undefined, failure);
  const wallSec = elapsed();
  // A file that failed before its first progress (not audio) still counts in the total bar.
  const fileBar = bar ?? ctx.progress.startFile(item.label);
  // Ctrl-C on a terminal reaches ffmpeg too; its "decoding was interrupted" is the same interrupt.
  const stoppedByUser = failure === undefined || (isTranscribeError(failure) && failure.code === 'INTERRUPTED');
  if (interrupted !== undefined && stoppedByUser) {
    fileBar.done('interrupted');
    const error = new TranscribeError(
      'INTERRUPTED',
      `interrupted by ${interrupted}: not transcribed from ${acknowledgedSec.toFixed(1)} s`,
    );
    return { status: 'interrupted', summary, error, files, wallSec, priorSec };
  }
  fileBar.done(failure === undefined ? 'ok' : 'failed');
  return failure === undefined
    ? { status: 'ok', summary, files, wallSec, priorSec }
    : { status: 'failed', summary, error: failure, files, wallSec, priorSec };
}
