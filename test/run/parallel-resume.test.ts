// A parallel run killed mid-way and continued from its checkpoint (issue 12), on the virtual clock
// through the in-process emulator: the journal keeps each span's progress, and the continued run
// transcribes only what no span got through, each span from where it stopped, and still yields
// every sentence exactly once, in order.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCheckReport } from '../../src/tonecode/index.js';
import { Journal, identityOf, readJournal } from '../../src/checkpoint/journal.js';
import type { ResumeState } from '../../src/index.js';
import { faultRun, type FaultRunResult } from '../helpers/fault-run.js';
import { makeCorpusFile, type CorpusFile } from '../helpers/tonecode-files.js';

const COUNT = 150; // about six minutes: three spans of a minute or more of speech
let dir: string;
let file: CorpusFile;
let whole: FaultRunResult;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-span-resume-'));
  file = await makeCorpusFile(dir, { count: COUNT });
  whole = await run();
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(resume?: ResumeState): Promise<FaultRunResult> {
  return faultRun({
    corpus: { count: COUNT },
    file: file.path,
    emulator: { seed: 3 },
    transcribe: { parallel: 3, ...(resume ? { resume } : {}) },
  });
}

// What a kill -9 at `atMs` leaves of a run's journal: every event before it, as the CLI writes
// them (deferred acknowledgements never come due), and nothing after.
function journalUntil(path: string, result: FaultRunResult, atMs: number, continuing: boolean): void {
  const reading = continuing ? readJournal(path, identityOf(file.path)) : undefined;
  const state = reading?.kind === 'ok' ? reading.state : undefined;
  const journal = new Journal(path, identityOf(file.path), continuing, {
    ackDeferMs: 3_600_000,
    ...(state ? { resumeAtSec: state.ackSec, verifiedBytes: state.verifiedBytes } : {}),
  });
  for (const [i, event] of result.events.entries()) {
    if (result.eventTimes[i]! >= atMs) break;
    if (event.type === 'segment') journal.segment(event.segment);
    else if (event.type === 'acknowledged') journal.ack(event.sec);
    else if (event.type === 'span-checkpoint') journal.spanCheckpoint(event.fromSec, event.ackSec, event.segments);
  }
}

function resumeOf(path: string): ResumeState {
  const reading = readJournal(path, identityOf(file.path));
  if (reading?.kind !== 'ok') throw new Error(`no checkpoint to trust in ${path}`);
  return { done: reading.state.done, segments: reading.state.segments };
}

const texts = (r: FaultRunResult) => r.segments.map((s) => s.text.toLowerCase().replace(/\.$/, ''));
// When span sessions ended with their input whole, in the order they did.
const finishedAt = (r: FaultRunResult) =>
  r.events.flatMap((e, i) => (e.type === 'session-end' && e.reason === 'finished' ? [r.eventTimes[i]!] : []));

describe('continuing a parallel run from its checkpoint', () => {
  it('the uninterrupted run: three spans, every sentence once', () => {
    expect(whole.error).toBeUndefined();
    expect(whole.check.ok, formatCheckReport(whole.check)).toBe(true);
    expect(whole.summary.sessions).toBe(3);
    expect(whole.events.some((e) => e.type === 'span-checkpoint' && e.segments.length > 0)).toBe(true);
  });

  for (const [when, atMs] of [
    ['mid-way, every span unfinished', () => finishedAt(whole)[0]! / 2],
    ['just after the first span finished', () => finishedAt(whole)[0]! + 1],
  ] as const) {
    it(`killed ${when}: the continued run sends only what was not done, and the transcript is exact`, async () => {
      const at = atMs();
      const path = join(dir, `${when}.rt-journal`);
      journalUntil(path, whole, at, false);
      const resume = resumeOf(path);
      const continued = await run(resume);
      expect(continued.error).toBeUndefined();
      expect(continued.check.ok, formatCheckReport(continued.check)).toBe(true);
      expect(texts(continued)).toEqual(file.expectedText);

      // Before: a continued run started at the in-order acknowledged offset and sent every later
      // span again. Each span now continues from its own.
      const acked = resume.done[0]!.endSec;
      const before = await run({
        done: [{ startSec: 0, endSec: acked }],
        segments: resume.segments.filter((s) => s.end <= acked),
      });
      expect(before.check.ok, formatCheckReport(before.check)).toBe(true);
      expect(resume.done.length).toBeGreaterThan(1); // later spans' progress was kept
      expect(continued.summary.sentSec).toBeLessThan(before.summary.sentSec * 0.75);
      // A span finished before the kill opens no session.
      const finished = finishedAt(whole).filter((t) => t < at).length;
      expect(continued.summary.sessions).toBe(3 - finished);
    }, 60_000);
  }

  it('killed again while continuing, and continued once more: still every sentence exactly once', async () => {
    const path = join(dir, 'twice.rt-journal');
    journalUntil(path, whole, finishedAt(whole)[0]! / 2, false);
    const second = await run(resumeOf(path));
    expect(second.check.ok, formatCheckReport(second.check)).toBe(true);
    const secondDone = finishedAt(second);
    journalUntil(path, second, (secondDone[0] ?? second.virtualMs) / 2, true);
    const third = await run(resumeOf(path));
    expect(third.error).toBeUndefined();
    expect(texts(third)).toEqual(file.expectedText);
    expect(third.summary.sentSec).toBeLessThan(second.summary.sentSec);
  }, 60_000);
});
