// A checkpoint next to the output: every final segment and every acknowledged offset, appended as
// they happen (segments with the acknowledgement that covers them, fsync'd in the background: see
// journal-writer.ts). A parallel run's later spans add their own progress as they go (each
// span-checkpoint with the segments it covers). After a crash (kill -9, power loss) the same
// command reads it back and continues from the acknowledged offset, and each later span from its
// own, so the finished transcript equals an uninterrupted one.
import {
  closeSync,
  fsync,
  fsyncSync,
  ftruncateSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { JournalWriter, type JournalWriterCounts } from './journal-writer.js';
import { resolve } from 'node:path';
import { isTranscribeError, TranscribeError, type ResumeState, type Segment } from '../index.js';
import { outputFailed } from '../transcript/index.js';
import { encodeLine } from './journal-line.js';
import {
  JOURNAL_VERSION,
  readJournalText,
  type JournalIdentity,
  type JournalReading,
  type JournalState,
} from './journal-read.js';

export function journalPathFor(outputFile: string): string {
  return `${outputFile}.rt-journal`;
}

export function identityOf(inputPath: string): JournalIdentity {
  const info = statSync(inputPath);
  return { input: resolve(inputPath), size: info.size, mtimeMs: Math.round(info.mtimeMs) };
}

// Lines (each with its checksum, see journal-line.ts; read back by journal-read.ts):
// the header `{v, input, size, mtimeMs}`; `segment`; `ack`; `resume` (where a continued run
// starts: a segment before it that its acknowledgement never covered is transcribed again after
// it); `span` (a later span of a parallel run is transcribed over [from, ack), with these
// segments; they are written again as `segment` lines once the in-order transcript reaches them,
// so a span line counts only while it starts at or after the last `ack`); `length` (the input's
// length in seconds, when known: no offset may pass it).
type Line =
  | ({ v: number } & JournalIdentity)
  | { segment: Segment }
  | { ack: number }
  | { resume: number }
  | { span: { from: number; ack: number }; segments: Segment[] }
  | { length: number };

/**
 * Reads a journal. Undefined when there is none (or it is empty); otherwise whether it can be
 * trusted, and what it holds. Throws OUTPUT_FAILED, naming the journal, when it cannot be read.
 */
export function readJournal(path: string, identity: JournalIdentity): JournalReading | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw checkpointFailed('read', path, error);
  }
  if (text === '') return undefined;
  return readJournalText(text, identity);
}

/** Seconds of input the ranges cover. */
function doneSec(state: Pick<JournalState, 'done'>): number {
  return state.done.reduce((sum, range) => sum + range.endSec - range.startSec, 0);
}

// The journal itself (not the output beside it) cannot be read or written: a directory in its
// place, a file without permissions. Named, so that the user can move it out of the way.
function checkpointFailed(verb: 'read' | 'write', path: string, cause: unknown): TranscribeError {
  const failed = outputFailed(path, cause);
  const detail = failed.message.slice(failed.message.indexOf('): ') + 3);
  return new TranscribeError('OUTPUT_FAILED', `cannot ${verb} the checkpoint (${path}): ${detail}`, {
    hint: `remove ${path} (or give it back its permissions) and run the same command again`,
    cause,
  });
}

interface JournalOptions {
  /** At most one background fsync per this long. Default 2000 ms. */
  syncIntervalMs?: number;
  /** An acknowledgement that covers no segment waits this long for a later one. Default 1000 ms. */
  ackDeferMs?: number;
  /** Continuing: the acknowledged offset the run continues from. */
  resumeAtSec?: number;
  /** Continuing: the verified part of the file; a torn tail after it is cut before appending. */
  verifiedBytes?: number;
}

// Each span's lines over silence alone are deferred apart from the others' and the `ack` lines.
const spanKey = (fromSec: number) => `span ${fromSec}`;

export class Journal {
  private readonly writer: JournalWriter;
  private open = true;
  private ackSec = 0;
  private lengthWritten = false;
  // The segments the file holds as `segment` lines already end here: a continued run emits them
  // again (in their place, before what it transcribes), and they are not written twice.
  private readonly heldTo: number;

  constructor(
    readonly path: string,
    identity: JournalIdentity,
    continuing: boolean,
    options: JournalOptions = {},
  ) {
    const fd = openSync(path, continuing ? 'a' : 'w');
    if (continuing && options.verifiedBytes !== undefined) ftruncateSync(fd, options.verifiedBytes);
    this.writer = new JournalWriter(
      {
        write: (text) => writeSync(fd, text),
        sync: (done) => fsync(fd, done),
        syncNow: () => fsyncSync(fd),
        close: () => closeSync(fd),
        now: () => performance.now(),
        schedule: (ms, fn) => {
          const timer = setTimeout(fn, ms);
          timer.unref();
          return { cancel: () => clearTimeout(timer) };
        },
      },
      options.syncIntervalMs,
      options.ackDeferMs,
    );
    if (!continuing) this.writer.commit(line({ v: JOURNAL_VERSION, ...identity }));
    else if (options.resumeAtSec !== undefined) {
      this.ackSec = options.resumeAtSec;
      this.writer.commit(line({ resume: options.resumeAtSec }));
    }
    this.heldTo = continuing ? this.ackSec : -1;
  }

  /** A final segment: written with the acknowledgement that covers it. */
  segment(segment: Segment): void {
    if (!this.open) return;
    if (segment.end <= this.heldTo + 1e-6) return;
    // One already covered (never expected: segments come before their acknowledgement) would be
    // trusted by a continued run, so it cannot wait for the next acknowledgement.
    if (segment.end <= this.ackSec + 1e-6) this.writer.commit(line({ segment }));
    else this.writer.hold(line({ segment }));
  }

  /** Every input sample before `sec` is transcribed: written at once when it covers segments,
   *  within a second (or with the next one) when it only moves over silence. */
  ack(sec: number): void {
    if (!this.open) return;
    this.ackSec = Math.max(this.ackSec, sec);
    if (this.writer.holding) this.writer.commit(line({ ack: sec }));
    else this.writer.defer(line({ ack: sec }));
  }

  /** A later span's progress (a `span-checkpoint` event): written at once when it covers
   *  segments, within a second (or with the next one) when it only moves over silence. */
  spanCheckpoint(fromSec: number, ackSec: number, segments: Segment[]): void {
    if (!this.open) return;
    const entry = line({ span: { from: fromSec, ack: ackSec }, segments });
    if (segments.length > 0) this.writer.commit(entry, spanKey(fromSec));
    else this.writer.defer(entry, spanKey(fromSec));
  }

  /** The input's length, once known: a continued run trusts no offset past it. */
  inputLength(sec: number): void {
    if (!this.open || this.lengthWritten) return;
    this.lengthWritten = true;
    this.writer.defer(line({ length: sec }), 'length');
  }

  /** Fsyncs and closes the file. Segments past the last acknowledgement are not written: a
   *  continued run transcribes them again. */
  close(): void {
    this.open = false;
    this.writer.close();
  }

  /** Writes and fsyncs so far (for the bench). */
  get counts(): JournalWriterCounts {
    return { ...this.writer.counts };
  }

  /** The output is complete: the checkpoint is no longer needed. */
  remove(): void {
    this.close();
    rmSync(this.path, { force: true });
  }
}

function line(entry: Line): string {
  return encodeLine(entry);
}

export interface Checkpoint {
  /** What an earlier run transcribed, for `transcribe()`'s `resume` (it emits those segments again). */
  resume: ResumeState | undefined;
  /** Where the in-order transcript continues, in seconds of input. */
  startAtSec: number;
  /** Seconds of input an earlier run transcribed (not this run's audio). */
  doneSec: number;
  journal: Journal;
}

/**
 * The checkpoint of a file-to-file run: continues an earlier run's journal when it matches the
 * input, starts a new one otherwise. Undefined where none applies (stdin, stdout).
 */
export function openCheckpoint(
  input: string,
  firstOutputFile: string | undefined,
  log: (line: string) => void,
): Checkpoint | undefined {
  if (input === '-' || firstOutputFile === undefined) return undefined;
  const path = journalPathFor(firstOutputFile);
  const identity = identityOf(input);
  const reading = readJournal(path, identity);
  if (reading?.kind === 'stale') log(`ignoring the checkpoint ${path}: it belongs to another version of the input`);
  if (reading?.kind === 'damaged') {
    const aside = `${path}.damaged`;
    try {
      renameSync(path, aside);
    } catch (error) {
      throw checkpointFailed('write', path, error);
    }
    log(`setting aside the checkpoint ${path} as ${aside}: ${reading.why}; transcribing from the start`);
  }
  const state = reading?.kind === 'ok' ? reading.state : undefined;
  const continuing = state !== undefined;
  if (state) {
    const ahead = doneSec(state) - state.ackSec;
    log(
      `continuing from ${state.ackSec.toFixed(1)} s with ${state.segments.length} utterance${state.segments.length === 1 ? '' : 's'} from the checkpoint ${path}` +
        (ahead > 0.05 ? ` (and ${ahead.toFixed(1)} s further on, done by later spans)` : ''),
    );
  }
  let journal: Journal;
  try {
    journal = new Journal(
      path,
      identity,
      continuing,
      state ? { resumeAtSec: state.ackSec, verifiedBytes: state.verifiedBytes } : {},
    );
  } catch (error) {
    // The journal's own path is at fault (a directory there, a file without permissions): name it.
    if (exists(path)) throw checkpointFailed('write', path, error);
    // Otherwise the checkpoint is the first thing written next to the output, so its failure (a
    // missing or read-only directory) is the output's failure: say so about the file asked for.
    throw outputFailed(firstOutputFile, error);
  }
  return {
    resume: state ? { done: state.done, segments: state.segments } : undefined,
    startAtSec: state ? state.ackSec : 0,
    doneSec: state ? doneSec(state) : 0,
    journal,
  };
}

/**
 * Ends a run's checkpoint: gone once the output is complete, or when the input itself is at fault
 * (not audio, truncated: continuing would not help); kept otherwise, so the same command continues.
 */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

export function settleCheckpoint(checkpoint: Checkpoint | undefined, complete: boolean, failure: unknown): void {
  if (!checkpoint) return;
  const inputAtFault = isTranscribeError(failure) && failure.code.startsWith('INPUT_');
  if (complete || inputAtFault) checkpoint.journal.remove();
  else checkpoint.journal.close();
}
