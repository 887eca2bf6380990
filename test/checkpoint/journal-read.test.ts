// A checkpoint is verified before it is trusted: each damage a disk fault or a stray process can
// do is caught (the journal is not used) or harmless (a torn tail is dropped, a duplicated line
// read once). Pure: journal text in, what a continued run may rely on out.
import { describe, expect, it } from 'vitest';
import { encodeLine } from '../../src/checkpoint/journal-line.js';
import { readJournalText, type JournalIdentity } from '../../src/checkpoint/journal-read.js';
import type { Segment } from '../../src/index.js';

const identity: JournalIdentity = { input: '/talks/talk.wav', size: 480_044, mtimeMs: 1_700_000_000_000 };
const seg = (i: number, text = `Alpha bravo ${i}.`): Segment => ({
  start: i * 3,
  end: i * 3 + 2,
  text,
  session: 1,
  itemId: `item_${i}`,
});
const entries = [
  { v: 2, ...identity },
  { length: 30 },
  { segment: seg(0) },
  { ack: 2.5 },
  { segment: seg(1) },
  { segment: seg(2) },
  { ack: 8.5 },
  { segment: seg(3) },
  { ack: 11.5 },
];
const good = entries.map(encodeLine);
const text = (lines: string[]) => lines.join('');
const intact = { segments: [seg(0), seg(1), seg(2), seg(3)], ackSec: 11.5, done: [{ startSec: 0, endSec: 11.5 }] };

function state(lines: string[]) {
  const reading = readJournalText(text(lines), identity);
  if (reading.kind !== 'ok') return reading;
  const { verifiedBytes: _v, ...rest } = reading.state;
  return rest;
}
const edit = (i: number, f: (line: string) => string) => good.map((l, j) => (j === i ? f(l) : l));

describe('reading a checkpoint journal back', () => {
  it('an intact journal: every segment, the acknowledged offset, and how many bytes were verified', () => {
    const reading = readJournalText(text(good), identity);
    expect(reading).toEqual({ kind: 'ok', state: { ...intact, verifiedBytes: Buffer.byteLength(text(good)) } });
  });

  it('a flipped letter in a segment ("Alqha" for "Alpha") fails its checksum: not used', () => {
    expect(state(edit(4, (l) => l.replace('Alpha', 'Alqha')))).toEqual({
      kind: 'damaged',
      why: 'line 5 fails its checksum',
    });
  });

  it('one digit changed in an acknowledged offset fails its checksum: not used', () => {
    expect(state(edit(6, (l) => l.replace('"ack":8.5', '"ack":9.5')))).toEqual({
      kind: 'damaged',
      why: 'line 7 fails its checksum',
    });
  });

  it('a duplicated segment line is the same utterance, read once', () => {
    expect(state([...good.slice(0, 5), good[4]!, ...good.slice(5)])).toEqual(intact);
    expect(state([...good, good[7]!])).toEqual(intact); // duplicated at the end, after its ack
  });

  it('a torn tail (a crash mid-write, truncation, garbage or a flip in the last line) is dropped', () => {
    const upToSecondAck = { segments: [seg(0), seg(1), seg(2)], ackSec: 8.5, done: [{ startSec: 0, endSec: 8.5 }] };
    expect(state([...good.slice(0, 8), good[8]!.slice(0, 7)])).toEqual(upToSecondAck); // no newline
    expect(state([...good, '\u0000\u0000\u0000garbage\n', 'more garbage\n'])).toEqual(intact);
    expect(state(edit(8, (l) => l.replace('11.5', '12.5')))).toEqual(upToSecondAck);
  });

  it('garbage in the middle is damage, not a torn tail', () => {
    expect(state([...good.slice(0, 5), 'garbage\n', ...good.slice(5)])).toEqual({
      kind: 'damaged',
      why: 'line 6 fails its checksum',
    });
  });

  it('lines that pass their checksums must still agree with each other and with the input', () => {
    const crafted = (lines: object[]) => state([...good, ...lines.map(encodeLine)]);
    expect(crafted([{ ack: 5 }])).toEqual({
      kind: 'damaged',
      why: 'line 10 moves the acknowledged offset back, to 5 s from 11.5 s',
    });
    expect(crafted([{ resume: 20 }])).toEqual({
      kind: 'damaged',
      why: 'line 10 continues from 20 s, but the journal had reached 11.5 s',
    });
    expect(crafted([{ ack: 45 }])).toEqual({ kind: 'damaged', why: 'it acknowledges 45 s of an input 30 s long' });
    expect(crafted([{ segment: { ...seg(4), end: 1 } }])).toEqual({
      kind: 'damaged',
      why: 'line 10 is not a well-formed segment',
    });
    expect(crafted([{ ack: 'soon' }])).toEqual({
      kind: 'damaged',
      why: 'line 10 holds an offset that is not a time (soon)',
    });
    expect(crafted([{ what: 1 }])).toEqual({ kind: 'damaged', why: 'line 10 is not an entry this version writes' });
  });

  it('a journal of an earlier version, without checksums, is not used', () => {
    const v1 = entries.map((e) => JSON.stringify({ ...e, ...('v' in e ? { v: 1 } : {}) }) + '\n');
    expect(state(v1)).toEqual({ kind: 'damaged', why: 'it was written by an earlier version, without checksums' });
  });

  it('a journal of nothing that passes its checksum is not used', () => {
    expect(state(['garbage\n'])).toEqual({ kind: 'damaged', why: 'no line of it passes its checksum' });
  });

  it('a journal of another input, or of another version of it, is stale', () => {
    expect(readJournalText(text(good), { ...identity, size: 1 })).toEqual({ kind: 'stale' });
    expect(readJournalText(encodeLine({ v: 3, ...identity }), identity)).toEqual({ kind: 'stale' });
  });
});

describe('a journal line', () => {
  it('holds no raw control character, and reads back the text as it came', () => {
    const dirty = 'a\u0007b\u009b31mc\u2028d';
    const lines = [encodeLine({ v: 2, ...identity }), encodeLine({ segment: seg(0, dirty) }), encodeLine({ ack: 3 })];
    expect(text(lines)).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028]/);
    expect(readJournalText(text(lines), identity)).toMatchObject({
      kind: 'ok',
      state: { segments: [{ text: dirty }] },
    });
  });
});
