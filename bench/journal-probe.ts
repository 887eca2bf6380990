// The checkpoint journal's cost on the thread that paces audio, measured on a real run's events:
// the journal as it is now (segments with their acknowledgement, background fsync) beside the
// one before it (writeSync + fsyncSync for every entry), each on its own file in a temp folder.
import { closeSync, fsyncSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal } from '../src/checkpoint/journal.js';
import type { Segment } from '../src/index.js';

export interface JournalFigures {
  writes: number;
  fsyncs: number;
  /** Time spent inside journal calls, on the event loop. */
  blockedMs: number;
}

export interface JournalProbe {
  segment(segment: Segment): void;
  ack(sec: number): void;
  finish(): { before: JournalFigures; after: JournalFigures };
  /** CPU spent on the old journal, which a real run no longer has: the bench takes it off. */
  readonly legacyCpuSec: number;
}

export function openJournalProbe(): JournalProbe {
  const dir = mkdtempSync(join(tmpdir(), 'rt-bench-journal-'));
  const input = join(dir, 'input');
  writeFileSync(input, '');
  const journal = new Journal(join(dir, 'new.rt-journal'), { input, size: 0, mtimeMs: 0 }, false);
  const legacyFd = openSync(join(dir, 'old.rt-journal'), 'w');
  const before: JournalFigures = { writes: 0, fsyncs: 0, blockedMs: 0 };
  let afterMs = 0;
  let legacyCpuUs = 0;
  const legacy = (entry: object) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    writeSync(legacyFd, JSON.stringify(entry) + '\n');
    fsyncSync(legacyFd);
    const spent = process.cpuUsage(cpu);
    legacyCpuUs += spent.user + spent.system;
    before.writes++;
    before.fsyncs++;
    before.blockedMs += performance.now() - started;
  };
  const timed = (fn: () => void) => {
    const started = performance.now();
    fn();
    afterMs += performance.now() - started;
  };
  legacy({ v: 1, input, size: 0, mtimeMs: 0 });
  return {
    get legacyCpuSec() {
      return legacyCpuUs / 1e6;
    },
    segment(segment) {
      legacy({ segment });
      timed(() => journal.segment(segment));
    },
    ack(sec) {
      legacy({ ack: sec });
      timed(() => journal.ack(sec));
    },
    finish() {
      timed(() => journal.close());
      closeSync(legacyFd);
      rmSync(dir, { recursive: true, force: true });
      const counts = journal.counts;
      return { before, after: { writes: counts.writes, fsyncs: counts.syncs, blockedMs: afterMs } };
    },
  };
}
