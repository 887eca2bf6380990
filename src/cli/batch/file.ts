// One file of a batch: transcribe it (the per-file run that single runs use too), show it on its
// bar, write its transcripts, and say how it went. Never throws: a failing file is a result, and
// the batch goes on.
import { TranscribeError, isTranscribeError, type RunSummary, type TranscribeOptions } from '../../index.js';
import type { CueOptions } from '../../transcript/index.js';
import type { createBatchProgress } from '../../terminal/index.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createBatchOutput } from './output.js';
import { finishFile, startFile, type FileView, type StartedFile } from '../file-run.js';
import { withFlagText } from '../option-flags.js';
import type { BatchItem } from './plan.js';

type BatchProgress = ReturnType<typeof createBatchProgress>;
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
  let started: StartedFile;
  try {
    // The output tree is mirrored below -o; the checkpoint goes there before the transcript does.
    if (item.outputs[0]) mkdirSync(dirname(item.outputs[0].path), { recursive: true });
    started = startFile({
      input: item.input,
      transcribeOptions: ctx.transcribeOptions,
      checkpointBeside: item.outputs[0]?.path,
      log: note,
    });
  } catch (error) {
    ctx.progress.startFile(item.label).done('failed');
    return { status: 'failed', summary: undefined, error, files: [], wallSec: elapsed(), priorSec: 0 };
  }
  const output = createBatchOutput(item.outputs, ctx.cue);
  const view = fileView(item.label, ctx, note);
  const outcome = await finishFile(started, {
    label: item.label,
    startedAt,
    toolVersion: ctx.toolVersion,
    local: ctx.local,
    interruptedBy: ctx.interruptedBy,
    output: {
      add(segment) {
        output.add(segment);
        ctx.onSegmentText(segment.text);
      },
      finish: (metadata, complete) => output.finish(metadata, complete),
    },
    view,
  });
  const { summary, failure, interrupted, acknowledgedSec, files, priorSec } = outcome;
  const wallSec = elapsed();
  // A file that failed before its first progress (not audio) still counts in the total bar.
  const fileBar = view.bar() ?? ctx.progress.startFile(item.label);
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

// A file among others: its own bar, started at its first progress, and its lines prefixed by its
// name (with --verbose, reconnects and session ends too).
function fileView(
  label: string,
  ctx: FileRunContext,
  note: (line: string) => void,
): FileView & { bar(): FileProgress | undefined } {
  const speed = ctx.transcribeOptions.speed ?? 1;
  let bar: FileProgress | undefined;
  return {
    bar: () => bar,
    event(event) {
      switch (event.type) {
        case 'progress':
          bar ??= ctx.progress.startFile(label, event.totalSec);
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
    },
  };
}
