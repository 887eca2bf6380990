import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, identityOf, journalPathFor, openCheckpoint, readJournal } from '../../src/cli/journal.js';
import type { Segment } from '../../src/index.js';

let dir: string;
let input: string;
let output: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'journal-'));
  input = join(dir, 'talk.wav');
  output = join(dir, 'talk.txt');
  writeFileSync(input, 'not really audio');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const seg = (i: number, session = 1): Segment => ({ start: i * 2, end: i * 2 + 1.5, text: `sentence ${i}`, session, itemId: `item_${i}` });

// What the transcriber emits for sentences `from`…`to−1`: each segment, then its acknowledgement
// (the end of the silence after it); every third acknowledgement covers two segments.
type Event = { segment: Segment } | { ack: number };
function events(from: number, to: number, session = 1): Event[] {
  const out: Event[] = [];
  for (let i = from; i < to; i++) {
    out.push({ segment: seg(i, session) });
    if (i % 3 !== 1 || i === to - 1) out.push({ ack: i * 2 + 2 });
  }
  return out;
}

function apply(journal: Journal, list: Event[]): void {
  for (const e of list) 'segment' in e ? journal.segment(e.segment) : journal.ack(e.ack);
}

const lines = (path: string) => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as unknown);

describe('Journal', () => {
  it('writes the header, then each acknowledgement with the segments it covers, in the version-1 format', () => {
    const checkpoint = openCheckpoint(input, output, () => {})!;
    apply(checkpoint.journal, events(0, 3));
    const path = journalPathFor(output);
    expect(lines(path)).toEqual([
      { v: 1, ...identityOf(input) },
      { segment: seg(0) },
      { ack: 2 },
      { segment: seg(1) },
      { segment: seg(2) },
      { ack: 6 },
    ]);
    checkpoint.journal.segment(seg(3)); // not yet covered: held
    expect(lines(path).length).toBe(6);
    checkpoint.journal.close();
    expect(lines(path).length).toBe(6);
    expect(checkpoint.journal.counts).toEqual({ writes: 3, syncs: 1 });
  });

  it('after a kill -9 at any point, and again in the continued run, ends with every segment exactly once', () => {
    const all = events(0, 12);
    const expected = Array.from({ length: 12 }, (_, i) => seg(i).text);
    const path = journalPathFor(output);
    for (let crash1 = 0; crash1 <= all.length; crash1++) {
      for (let crash2 = 0; crash2 <= 6; crash2 += 3) {
        rmSync(path, { force: true });
        // Run 1 dies after `crash1` events: what the file holds is what kill -9 leaves (writes
        // are synchronous; only what the journal holds in memory is lost).
        const first = openCheckpoint(input, output, () => {})!;
        apply(first.journal, all.slice(0, crash1));
        // Run 2 continues from the checkpoint and dies after `crash2` more events.
        const second = openCheckpoint(input, output, () => {})!;
        const redo = (from: number) => events(from, 12, 2).filter((e) => !('segment' in e) || e.segment.start >= from * 2);
        const resumeAt = Math.round(second.startAtSec / 2);
        apply(second.journal, redo(resumeAt).slice(0, crash2));
        // Run 3 continues and finishes.
        const third = openCheckpoint(input, output, () => {})!;
        const rest = redo(Math.round(third.startAtSec / 2)).flatMap((e) => ('segment' in e ? [e.segment.text] : []));
        const text = [...third.earlier.map((s) => s.text), ...rest];
        expect(text, `crash after ${crash1}, then ${crash2}`).toEqual(expected);
        third.journal.remove();
        first.journal.close();
        second.journal.close();
      }
    }
  });

  it('marks where a continued run starts, so a segment its acknowledgement never covered is dropped', () => {
    const path = journalPathFor(output);
    // A journal as the version before this one wrote it: segment 1 reached the file, its
    // acknowledgement did not.
    const header = JSON.stringify({ v: 1, ...identityOf(input) });
    writeFileSync(path, [header, JSON.stringify({ segment: seg(0) }), JSON.stringify({ ack: 2 }), JSON.stringify({ segment: seg(1) })].join('\n') + '\n');
    const second = openCheckpoint(input, output, () => {})!;
    expect(second).toMatchObject({ startAtSec: 2, earlier: [seg(0)] });
    apply(second.journal, [{ segment: seg(1, 2) }, { ack: 4 }]);
    second.journal.close();
    expect(lines(path).slice(3)).toEqual([{ segment: seg(1) }, { resume: 2 }, { segment: seg(1, 2) }, { ack: 4 }]);
    // Without the marker, segment 1 would be read twice (the old reader's duplicate).
    expect(readJournal(path, identityOf(input))).toEqual({ segments: [seg(0), seg(1, 2)], ackSec: 4 });
  });

  it('reads a torn last line as not written', () => {
    const checkpoint = openCheckpoint(input, output, () => {})!;
    apply(checkpoint.journal, events(0, 2));
    checkpoint.journal.close();
    const path = journalPathFor(output);
    writeFileSync(path, readFileSync(path, 'utf8') + '{"segment":{"start":4,"en');
    expect(readJournal(path, identityOf(input))).toEqual({ segments: [seg(0), seg(1)], ackSec: 4 });
  });
});
