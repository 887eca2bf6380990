// A checkpoint next to the output: every final segment and every acknowledged offset, appended as
// they happen (segments with the acknowledgement that covers them, fsync'd in the background: see
// journal-writer.ts). A parallel run's later spans add their own progress as they go (each
// span-checkpoint with the segments it covers). After a crash (kill -9, power loss) the same
// command reads it back and continues from the acknowledged offset, and each later span from its
// own, so the finished transcript equals an uninterrupted one.
import { closeSync, fsync, fsyncSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { JournalWriter, type JournalWriterCounts } from './journal-writer.js';
import { resolve } from 'node:path';
import { isTranscribeError, type DoneRange, type ResumeState, type Segment } from '../index.js';
import { outputFailed } from '../output/index.js';

const VERSION = 1;

/** What the journal belongs to: a different or changed input makes it stale. */
export interface JournalIdentity {
  input: string;
  size: number;
  mtimeMs: number;
}

export interface JournalState {
  /** Every segment of `done`, in order. */
  segments: Segment[];
  /** Every input sample before this was transcribed; continue from here. */
  ackSec: number;
  /** Input ranges transcribed, in order: [0, ackSec) and what later spans got through. */
  done: DoneRange[];
}

export function journalPathFor(outputFile: string): string {
  return `${outputFile}.rt-journal`;
}

export function identityOf(inputPath: string): JournalIdentity {
  const info = statSync(inputPath);
  return { input: resolve(inputPath), size: info.size, mtimeMs: Math.round(info.mtimeMs) };
}

// `resume` (added later; readers that predate it skip it) marks where a continued run starts: a
// segment before it that its acknowledgement never covered is transcribed again after it.
// `span` (added later still; older readers skip it and continue from `ack` alone): a later span of
// a parallel run is transcribed over [from, ack), with these segments (those of its earlier lines
// not repeated). Its segments are written again as `segment` lines once the in-order transcript
// reaches them, so a span line counts only while it starts at or after the last `ack`.
type SpanLine = { span: { from: number; ack: number }; segments: Segment[] };
type Line = ({ v: number } & JournalIdentity) | { segment: Segment } | { ack: number } | { resume: number } | SpanLine;

/**
 * Reads a journal. Undefined when there is none; 'stale' when it belongs to another input or
 * another version of it. A torn last line (the crash hit mid-write) is ignored.
 */
export function readJournal(path: string, identity: JournalIdentity): JournalState | 'stale' | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const lines = text.split('\n').filter(Boolean);
  const parsed: Line[] = [];
  for (const line of lines) {
    try {
      parsed.push(JSON.parse(line) as Line);
    } catch {
      break; // only the last line can be torn
    }
  }
  const header = parsed[0];
  if (!header || !('v' in header) || header.v !== VERSION) return 'stale';
  if (header.input !== identity.input || header.size !== identity.size || header.mtimeMs !== identity.mtimeMs)
    return 'stale';
  let segments: Segment[] = [];
  let ackSec = 0;
  const spans = new Map<number, { ack: number; segments: Segment[] }>();
  for (const entry of parsed.slice(1)) {
    if ('span' in entry) {
      const span = spans.get(entry.span.from) ?? { ack: entry.span.from, segments: [] };
      span.ack = Math.max(span.ack, entry.span.ack);
      span.segments.push(...entry.segments);
      spans.set(entry.span.from, span);
    } else if ('segment' in entry) segments.push(entry.segment);
    else if ('ack' in entry) ackSec = Math.max(ackSec, entry.ack);
    else if ('resume' in entry) segments = covered(segments, entry.resume);
  }
  // A segment past the last acknowledged offset (one the acknowledgement never covered: written by
  // an older version before it, or torn) will be transcribed again, so drop it here.
  segments = covered(segments, ackSec);
  const done: DoneRange[] = ackSec > 0 ? [{ startSec: 0, endSec: ackSec }] : [];
  for (const [from, span] of spans) {
    if (from < ackSec - 1e-6 || span.ack <= from) continue; // the in-order transcript has it, or nothing
    done.push({ startSec: from, endSec: span.ack });
    segments.push(...span.segments);
  }
  return { segments: segments.sort((a, b) => a.start - b.start), ackSec, done: joined(done) };
}

// In order, touching ranges joined.
function joined(ranges: DoneRange[]): DoneRange[] {
  const out: DoneRange[] = [];
  for (const range of ranges.sort((a, b) => a.startSec - b.startSec)) {
    const last = out.at(-1);
    if (last && range.startSec <= last.endSec + 1e-6) last.endSec = Math.max(last.endSec, range.endSec);
    else out.push({ ...range });
  }
  return out;
}

/** Seconds of input the ranges cover. */
export function doneSec(state: Pick<JournalState, 'done'>): number {
  return state.done.reduce((sum, range) => sum + range.endSec - range.startSec, 0);
}

function covered(segments: Segment[], ackSec: number): Segment[] {
  return segments.filter((segment) => segment.end <= ackSec + 1e-6);
}

export interface JournalOptions {
  /** At most one background fsync per this long. Default 2000 ms. */
  syncIntervalMs?: number;
  /** An acknowledgement that covers no segment waits this long for a later one. Default 1000 ms. */
  ackDeferMs?: number;
  /** Continuing: the acknowledged offset the run continues from. */
  resumeAtSec?: number;
}

// Each span's lines over silence alone are deferred apart from the others' and the `ack` lines.
const spanKey = (fromSec: number) => `span ${fromSec}`;

export class Journal {
  private readonly writer: JournalWriter;
  private open = true;
  private ackSec = 0;
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
    if (!continuing) this.writer.commit(line({ v: VERSION, ...identity }));
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
  return JSON.stringify(entry) + '\n';
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
  const state = readJournal(path, identity);
  if (state === 'stale') log(`ignoring the checkpoint ${path}: it belongs to another version of the input`);
  const continuing = state !== undefined && state !== 'stale';
  if (continuing) {
    const ahead = doneSec(state) - state.ackSec;
    log(
      `continuing from ${state.ackSec.toFixed(1)} s with ${state.segments.length} utterance${state.segments.length === 1 ? '' : 's'} from the checkpoint ${path}` +
        (ahead > 0.05 ? ` (and ${ahead.toFixed(1)} s further on, done by later spans)` : ''),
    );
  }
  let journal: Journal;
  try {
    journal = new Journal(path, identity, continuing, continuing ? { resumeAtSec: state.ackSec } : {});
  } catch (error) {
    // The checkpoint is the first thing written next to the output, so its failure (a missing or
    // read-only directory) is the output's failure: say so about the file the user asked for.
    throw outputFailed(firstOutputFile, error);
  }
  return {
    resume: continuing ? { done: state.done, segments: state.segments } : undefined,
    startAtSec: continuing ? state.ackSec : 0,
    doneSec: continuing ? doneSec(state) : 0,
    journal,
  };
}

/**
 * Ends a run's checkpoint: gone once the output is complete, or when the input itself is at fault
 * (not audio, truncated: continuing would not help); kept otherwise, so the same command continues.
 */
export function settleCheckpoint(checkpoint: Checkpoint | undefined, complete: boolean, failure: unknown): void {
  if (!checkpoint) return;
  const inputAtFault = isTranscribeError(failure) && failure.code.startsWith('INPUT_');
  if (complete || inputAtFault) checkpoint.journal.remove();
  else checkpoint.journal.close();
}
