// A checkpoint next to the output: every final segment and every acknowledged offset, appended and
// fsync'd as they happen. After a crash (kill -9, power loss) the same command reads it back and
// continues from the acknowledged offset, so the finished transcript equals an uninterrupted one.
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { isTranscribeError, type Segment } from '../index.js';
import { outputFailed } from '../output/index.js';

const VERSION = 1;

/** What the journal belongs to: a different or changed input makes it stale. */
export interface JournalIdentity {
  input: string;
  size: number;
  mtimeMs: number;
}

export interface JournalState {
  segments: Segment[];
  /** Every input sample before this was transcribed; continue from here. */
  ackSec: number;
}

export function journalPathFor(outputFile: string): string {
  return `${outputFile}.rt-journal`;
}

export function identityOf(inputPath: string): JournalIdentity {
  const info = statSync(inputPath);
  return { input: resolve(inputPath), size: info.size, mtimeMs: Math.round(info.mtimeMs) };
}

type Line = { v: number } & JournalIdentity | { segment: Segment } | { ack: number };

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
  if (header.input !== identity.input || header.size !== identity.size || header.mtimeMs !== identity.mtimeMs) return 'stale';
  const state: JournalState = { segments: [], ackSec: 0 };
  for (const entry of parsed.slice(1)) {
    if ('segment' in entry) state.segments.push(entry.segment);
    else if ('ack' in entry) state.ackSec = Math.max(state.ackSec, entry.ack);
  }
  // A segment past the last acknowledged offset cannot exist (segments come first), but a torn
  // write could leave one: it will be transcribed again, so drop it here.
  state.segments = state.segments.filter((segment) => segment.end <= state.ackSec + 1e-6);
  return state;
}

export class Journal {
  private fd: number | undefined;

  constructor(
    readonly path: string,
    identity: JournalIdentity,
    continuing: boolean,
  ) {
    this.fd = openSync(path, continuing ? 'a' : 'w');
    if (!continuing) this.append({ v: VERSION, ...identity });
  }

  segment(segment: Segment): void {
    this.append({ segment });
  }

  ack(sec: number): void {
    this.append({ ack: sec });
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** The output is complete: the checkpoint is no longer needed. */
  remove(): void {
    this.close();
    rmSync(this.path, { force: true });
  }

  private append(entry: Line): void {
    if (this.fd === undefined) return;
    writeSync(this.fd, JSON.stringify(entry) + '\n');
    fsyncSync(this.fd);
  }
}

export interface Checkpoint {
  /** Segments already final in an earlier run, to write before the new ones. */
  earlier: Segment[];
  /** Where to continue, in seconds of input. */
  startAtSec: number;
  journal: Journal;
}

/**
 * The checkpoint of a file-to-file run: continues an earlier run's journal when it matches the
 * input, starts a new one otherwise. Undefined where none applies (stdin, stdout).
 */
export function openCheckpoint(input: string, firstOutputFile: string | undefined, log: (line: string) => void): Checkpoint | undefined {
  if (input === '-' || firstOutputFile === undefined) return undefined;
  const path = journalPathFor(firstOutputFile);
  const identity = identityOf(input);
  const state = readJournal(path, identity);
  if (state === 'stale') log(`ignoring the checkpoint ${path}: it belongs to another version of the input`);
  const continuing = state !== undefined && state !== 'stale';
  if (continuing) log(`continuing from ${state.ackSec.toFixed(1)} s with ${state.segments.length} utterances from the checkpoint ${path}`);
  let journal: Journal;
  try {
    journal = new Journal(path, identity, continuing);
  } catch (error) {
    // The checkpoint is the first thing written next to the output, so its failure (a missing or
    // read-only directory) is the output's failure: say so about the file the user asked for.
    throw outputFailed(firstOutputFile, error);
  }
  return {
    earlier: continuing ? state.segments : [],
    startAtSec: continuing ? state.ackSec : 0,
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
