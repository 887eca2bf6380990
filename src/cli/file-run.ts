// One input's run, the same for a single run and for each file of a batch: its checkpoint opened,
// transcribe() started from it, every event kept (the journal, the transcript, the offset done),
// the transcript written whatever ends the run, and the checkpoint settled. What the two show and
// where they write differ, so the caller passes those in: a FileOutput and a FileView.
import { transcribe, type RunSummary, type Segment, type TranscribeEvent, type TranscribeOptions } from '../index.js';
import type { TranscribeRun } from '../index.js';
import type { TranscriptMetadata } from '../transcript/index.js';
import { openCheckpoint, settleCheckpoint, type Checkpoint } from '../checkpoint/journal.js';
import { transcriptMetadata } from './metadata.js';

/** Where the transcript goes. */
interface FileOutput {
  add(segment: Segment): void;
  /** Resolves once what was added is written out (a stream's backlog); before the summary is shown. */
  drained?(): Promise<void>;
  /** Writes the transcript's end; resolves with the files written. */
  finish(metadata: TranscriptMetadata, complete: boolean): Promise<string[]>;
}

/** What the user sees of the run. */
export interface FileView {
  /** Every event, after the run has kept it (journal, transcript). */
  event(event: TranscribeEvent): void;
  /** The events are over and the transcript drained: leave the display as it is. */
  stop?(): void;
}

export interface FileStart {
  input: string;
  /** Every input shares these; a checkpoint adds its `resume`. */
  transcribeOptions: TranscribeOptions;
  /** The transcript's first file, which the checkpoint sits beside; unset: no checkpoint (stdout, a device). */
  checkpointBeside: string | undefined;
  /** Where the checkpoint's notes go (continuing, set aside). */
  log(line: string): void;
}

/** A run started: transcribe() returned, its checkpoint is open. */
export interface StartedFile {
  run: TranscribeRun;
  checkpoint: Checkpoint | undefined;
}

/**
 * Opens the checkpoint and starts the run from it. Throws what the configuration or the output's
 * place is refused with (nothing is left open then).
 */
export function startFile(o: FileStart): StartedFile {
  const checkpoint = openCheckpoint(o.input, o.checkpointBeside, o.log);
  try {
    // The run emits the checkpoint's segments again, in their place, before and between its own.
    const resume = checkpoint?.resume;
    return { run: transcribe(o.input, { ...o.transcribeOptions, ...(resume ? { resume } : {}) }), checkpoint };
  } catch (error) {
    checkpoint?.journal.close();
    throw error;
  }
}

export interface FileFinish {
  /** How the input is named in the transcript's metadata. */
  label: string;
  startedAt: Date;
  output: FileOutput;
  view: FileView;
  toolVersion: string;
  /** --local: the metadata names the emulator as the provider. */
  local: boolean;
  interruptedBy(): 'SIGINT' | 'SIGTERM' | undefined;
}

export interface FileOutcome {
  summary: RunSummary;
  /** What the run's events ended with, if anything. */
  runFailure: unknown;
  /** That, or else what writing the transcript met. */
  failure: unknown;
  interrupted: 'SIGINT' | 'SIGTERM' | undefined;
  /** The whole input transcribed (no failure, no interruption), as the metadata says. */
  complete: boolean;
  /** The offset the checkpoint holds: what the interrupt line and a continued run both say. */
  acknowledgedSec: number;
  totalSec: number | undefined;
  files: string[];
  /** Seconds of the input a checkpoint held done before this run, so counts are this run's. */
  priorSec: number;
}

/** Runs the started file to its end and writes its transcript. Never throws for the run or the output. */
export async function finishFile({ run, checkpoint }: StartedFile, o: FileFinish): Promise<FileOutcome> {
  let acknowledgedSec = checkpoint?.startAtSec ?? 0;
  let totalSec: number | undefined;
  let runFailure: unknown;
  try {
    for await (const event of run) {
      switch (event.type) {
        case 'segment':
          checkpoint?.journal.segment(event.segment);
          o.output.add(event.segment);
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
          break;
        default:
          break;
      }
      o.view.event(event);
    }
  } catch (error) {
    runFailure = error;
  }
  // The display is left as it is before anything else is printed: the summary goes below it, and
  // so does nothing of the transcript.
  await o.output.drained?.();
  o.view.stop?.();
  const summary = await run.summary;
  const interrupted = o.interruptedBy();
  const complete = runFailure === undefined && interrupted === undefined;
  let failure = runFailure;
  let files: string[] = [];
  try {
    files = await o.output.finish(
      transcriptMetadata({
        label: o.label,
        run,
        summary,
        startedAt: o.startedAt,
        toolVersion: o.toolVersion,
        complete,
        provider: o.local ? 'local' : undefined,
        totalSec,
        acknowledgedSec,
      }),
      complete,
    );
  } catch (error) {
    failure ??= error;
  }
  // The checkpoint goes once the output is whole; otherwise the same command continues from it.
  settleCheckpoint(checkpoint, complete && failure === undefined, failure);
  return {
    summary,
    runFailure,
    failure,
    interrupted,
    complete,
    acknowledgedSec,
    totalSec,
    files,
    priorSec: checkpoint?.doneSec ?? 0,
  };
}
