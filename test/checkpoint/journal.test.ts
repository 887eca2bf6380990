import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal, identityOf, journalPathFor, openCheckpoint, readJournal } from '../../src/checkpoint/journal.js';
import { encodeLine } from '../../src/checkpoint/journal-line.js';
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

const seg = (i: number, session = 1): Segment => ({
  start: i * 2,
  end: i * 2 + 1.5,
  text: `sentence ${i}`,
  session,
  itemId: `item_${i}`,
});

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
  for (const e of list) {
    if ('segment' in e) journal.segment(e.segment);
    else journal.ack(e.ack);
  }
}

// Each line's entry, its checksum checked and left out.
const lines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const { crc, ...entry } = JSON.parse(l) as { crc: string };
      expect(encodeLine(entry)).toBe(`${l}\n`);
      expect(crc).toMatch(/^[0-9a-f]{8}$/);
      return entry;
    });

// What a continued run may trust, or undefined when it may trust nothing.
function trusted(path: string) {
  const reading = readJournal(path, identityOf(input));
  if (reading?.kind !== 'ok') return undefined;
  const { verifiedBytes: _verified, ...state } = reading.state;
  return state;
}

describe('Journal', () => {
  it('writes the header, then each acknowledgement with the segments it covers, in the version-2 format, each line with its checksum', () => {
    const checkpoint = openCheckpoint(input, output, () => {})!;
    apply(checkpoint.journal, events(0, 3));
    const path = journalPathFor(output);
    expect(lines(path)).toEqual([
      { v: 2, ...identityOf(input) },
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

  it('a continued run says how many utterances the checkpoint holds: "1 utterance", "2 utterances"', () => {
    for (const [count, words] of [
      [1, '1 utterance'],
      [2, '2 utterances'],
    ] as const) {
      const first = openCheckpoint(input, output, () => {})!;
      apply(first.journal, events(0, count));
      first.journal.close();
      const said: string[] = [];
      const second = openCheckpoint(input, output, (line) => said.push(line))!;
      second.journal.remove();
      expect(said).toEqual([
        expect.stringMatching(new RegExp(`^continuing from \\d+\\.\\d s with ${words} from the checkpoint `)),
      ]);
    }
  });

  it('after a kill -9 at any point, and again in the continued run, ends with every segment exactly once', () => {
    // Sentences 3 s apart; after every other one a second acknowledgement over silence alone,
    // which the journal defers (never written here: its timer is an hour).
    const all = (session: number): Event[] =>
      Array.from({ length: 12 }, (_, i): Event[] => {
        const segment = { ...seg(i, session), start: i * 3, end: i * 3 + 1.5 };
        return i % 2 ? [{ segment }, { ack: i * 3 + 2 }, { ack: i * 3 + 3 }] : [{ segment }, { ack: i * 3 + 2 }];
      }).flat();
    const expected = Array.from({ length: 12 }, (_, i) => seg(i).text);
    const path = journalPathFor(output);
    const identity = identityOf(input);
    // What openCheckpoint does, with a journal whose deferred acknowledgements never come due.
    const open = () => {
      const reading = readJournal(path, identity);
      const state = reading?.kind === 'ok' ? reading.state : undefined;
      const journal = new Journal(path, identity, state !== undefined, {
        ackDeferMs: 3_600_000,
        ...(state ? { resumeAtSec: state.ackSec, verifiedBytes: state.verifiedBytes } : {}),
      });
      return { journal, startAtSec: state?.ackSec ?? 0, earlier: state?.segments ?? [] };
    };
    // The transcriber continuing from `at`: the checkpoint's segments again (the library emits
    // them in their place), then the segments that start there or later, and the
    // acknowledgements past it.
    const redo = (at: number, session: number, earlier: Segment[]) => [
      ...earlier.map((segment): Event => ({ segment })),
      ...all(session).filter((e) => ('segment' in e ? e.segment.start >= at : e.ack > at)),
    ];
    const abandoned: Journal[] = [];
    for (let crash1 = 0; crash1 <= all(1).length; crash1++) {
      for (let crash2 = 0; crash2 <= 6; crash2 += 3) {
        rmSync(path, { force: true });
        // Run 1 dies after `crash1` events: what the file holds is what kill -9 leaves (writes
        // are synchronous; only what the journal holds in memory is lost).
        const first = open();
        apply(first.journal, all(1).slice(0, crash1));
        // Run 2 continues from the checkpoint and dies after `crash2` more events.
        const second = open();
        apply(second.journal, redo(second.startAtSec, 2, second.earlier).slice(0, second.earlier.length + crash2));
        // Run 3 continues and finishes.
        const third = open();
        const texts = redo(third.startAtSec, 3, third.earlier).flatMap((e) => ('segment' in e ? [e.segment.text] : []));
        expect(texts, `crash after ${crash1}, then ${crash2}`).toEqual(expected);
        third.journal.remove();
        abandoned.push(first.journal, second.journal);
      }
    }
    for (const journal of abandoned) journal.close(); // their files are gone: this writes nowhere that matters
  });

  it('defers an acknowledgement over silence alone, and writes the latest one at close', () => {
    const checkpoint = openCheckpoint(input, output, () => {})!;
    const path = journalPathFor(output);
    apply(checkpoint.journal, [{ segment: seg(0) }, { ack: 2 }, { ack: 3 }, { ack: 4 }]);
    expect(lines(path).slice(1)).toEqual([{ segment: seg(0) }, { ack: 2 }]);
    checkpoint.journal.close();
    expect(lines(path).slice(1)).toEqual([{ segment: seg(0) }, { ack: 2 }, { ack: 4 }]);
  });

  it('marks where a continued run starts, so a segment its acknowledgement never covered is dropped', () => {
    const path = journalPathFor(output);
    // Segment 1 reached the file, its acknowledgement did not (as a version that wrote segments
    // before their acknowledgement left it).
    writeFileSync(
      path,
      [{ v: 2, ...identityOf(input) }, { segment: seg(0) }, { ack: 2 }, { segment: seg(1) }].map(encodeLine).join(''),
    );
    const second = openCheckpoint(input, output, () => {})!;
    expect(second).toMatchObject({ startAtSec: 2, resume: { done: [{ startSec: 0, endSec: 2 }], segments: [seg(0)] } });
    apply(second.journal, [{ segment: seg(1, 2) }, { ack: 4 }]);
    second.journal.close();
    expect(lines(path).slice(3)).toEqual([{ segment: seg(1) }, { resume: 2 }, { segment: seg(1, 2) }, { ack: 4 }]);
    // Without the marker, segment 1 would be read twice (the old reader's duplicate).
    expect(trusted(path)).toEqual({
      segments: [seg(0), seg(1, 2)],
      ackSec: 4,
      done: [{ startSec: 0, endSec: 4 }],
    });
  });

  it('reads a torn last line as not written', () => {
    const checkpoint = openCheckpoint(input, output, () => {})!;
    apply(checkpoint.journal, events(0, 2));
    checkpoint.journal.close();
    const path = journalPathFor(output);
    writeFileSync(path, readFileSync(path, 'utf8') + '{"segment":{"start":4,"en');
    expect(trusted(path)).toEqual({
      segments: [seg(0), seg(1)],
      ackSec: 4,
      done: [{ startSec: 0, endSec: 4 }],
    });
  });
});

describe('Journal: the progress of later spans (a parallel run)', () => {
  const path = () => journalPathFor(output);
  const state = () => trusted(path());

  it('writes a span line at once when it covers segments, defers one over silence alone, and reads both back', () => {
    const checkpoint = openCheckpoint(input, output, () => {})!;
    apply(checkpoint.journal, events(0, 1)); // segment 0, ack 2
    checkpoint.journal.spanCheckpoint(10, 13, [seg(5)]);
    checkpoint.journal.spanCheckpoint(10, 14, []); // silence: waits (or goes with the next)
    expect(lines(path()).slice(3)).toEqual([{ span: { from: 10, ack: 13 }, segments: [seg(5)] }]);
    checkpoint.journal.close();
    expect(lines(path()).slice(3)).toEqual([
      { span: { from: 10, ack: 13 }, segments: [seg(5)] },
      { span: { from: 10, ack: 14 }, segments: [] },
    ]);
    expect(state()).toEqual({
      segments: [seg(0), seg(5)],
      ackSec: 2,
      done: [
        { startSec: 0, endSec: 2 },
        { startSec: 10, endSec: 14 },
      ],
    });
    const again = openCheckpoint(input, output, () => {})!;
    expect(again).toMatchObject({ startAtSec: 2, doneSec: 6, resume: { segments: [seg(0), seg(5)] } });
    again.journal.close();
  });

  it('a span line the in-order transcript has since reached counts once, as its segment lines', () => {
    const checkpoint = openCheckpoint(input, output, () => {})!;
    apply(checkpoint.journal, events(0, 1));
    checkpoint.journal.spanCheckpoint(4, 6, [seg(2)]);
    // Span 0 is done: span 1's segments are emitted in order, with the acknowledgement after them.
    apply(checkpoint.journal, [{ ack: 4 }, { segment: seg(2) }, { ack: 6 }]);
    checkpoint.journal.close();
    expect(state()).toEqual({ segments: [seg(0), seg(2)], ackSec: 6, done: [{ startSec: 0, endSec: 6 }] });
  });

  it("a continued run's span lines join the earlier ones, and segments it emits again are not written twice", () => {
    const first = openCheckpoint(input, output, () => {})!;
    apply(first.journal, events(0, 1));
    first.journal.spanCheckpoint(10, 13, [seg(5)]);
    first.journal.close();
    const second = openCheckpoint(input, output, () => {})!;
    // The continued run emits segment 0 again (done before its start), then goes on; span 1
    // continues from 13.
    apply(second.journal, [{ segment: seg(0, 2) }, { segment: seg(1, 2) }, { ack: 4 }]);
    second.journal.spanCheckpoint(13, 16, [seg(7, 2)]);
    second.journal.close();
    expect(state()).toEqual({
      segments: [seg(0), seg(1, 2), seg(5), seg(7, 2)],
      ackSec: 4,
      done: [
        { startSec: 0, endSec: 4 },
        { startSec: 10, endSec: 16 },
      ],
    });
  });

  it('reads a torn last span line as not written', () => {
    const checkpoint = openCheckpoint(input, output, () => {})!;
    apply(checkpoint.journal, events(0, 1));
    checkpoint.journal.spanCheckpoint(10, 13, [seg(5)]);
    checkpoint.journal.close();
    writeFileSync(path(), readFileSync(path(), 'utf8') + '{"span":{"from":20,"ack":25},"segments":[{"sta');
    expect(state()).toEqual({
      segments: [seg(0), seg(5)],
      ackSec: 2,
      done: [
        { startSec: 0, endSec: 2 },
        { startSec: 10, endSec: 13 },
      ],
    });
  });

  it('a journal of an earlier version (no checksums) is set aside, and the input transcribed from the start', () => {
    const header = JSON.stringify({ v: 1, ...identityOf(input) });
    const old = [header, { segment: seg(0) }, { ack: 2 }, { segment: seg(1) }, { ack: 4 }, { segment: seg(2) }];
    const text = old.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
    writeFileSync(path(), text);
    const said: string[] = [];
    const checkpoint = openCheckpoint(input, output, (l) => said.push(l))!;
    expect(checkpoint).toMatchObject({ startAtSec: 0, doneSec: 0, resume: undefined });
    expect(said).toEqual([
      `setting aside the checkpoint ${path()} as ${path()}.damaged: it was written by an earlier version, without checksums; transcribing from the start`,
    ]);
    expect(readFileSync(`${path()}.damaged`, 'utf8')).toBe(text);
    checkpoint.journal.close();
    expect(lines(path())).toEqual([{ v: 2, ...identityOf(input) }]);
  });
});

describe('Journal: a checkpoint that cannot be trusted or used', () => {
  const path = () => journalPathFor(output);

  it('a damaged journal is set aside (renamed, named in one line) and a new one started', () => {
    const first = openCheckpoint(input, output, () => {})!;
    apply(first.journal, events(0, 4));
    first.journal.close();
    const damaged = readFileSync(path(), 'utf8').replace('sentence 1', 'sentencf 1');
    writeFileSync(path(), damaged);
    const said: string[] = [];
    const second = openCheckpoint(input, output, (l) => said.push(l))!;
    expect(second).toMatchObject({ startAtSec: 0, doneSec: 0, resume: undefined });
    expect(said).toEqual([
      `setting aside the checkpoint ${path()} as ${path()}.damaged: line 4 fails its checksum; transcribing from the start`,
    ]);
    expect(readFileSync(`${path()}.damaged`, 'utf8')).toBe(damaged);
    second.journal.close();
    expect(lines(path())).toEqual([{ v: 2, ...identityOf(input) }]);
  });

  it('a continued run cuts a torn tail before appending, so its journal reads back whole', () => {
    const first = openCheckpoint(input, output, () => {})!;
    apply(first.journal, events(0, 2));
    first.journal.close();
    writeFileSync(path(), readFileSync(path(), 'utf8') + '{"segment":{"start":4,"en');
    const second = openCheckpoint(input, output, () => {})!;
    apply(second.journal, [{ segment: seg(2, 2) }, { ack: 6 }]);
    second.journal.close();
    expect(trusted(path())).toEqual({
      segments: [seg(0), seg(1), seg(2, 2)],
      ackSec: 6,
      done: [{ startSec: 0, endSec: 6 }],
    });
  });

  it('records the input length once; a later offset past it is not trusted', () => {
    const checkpoint = openCheckpoint(input, output, () => {})!;
    checkpoint.journal.inputLength(5);
    checkpoint.journal.inputLength(99); // once
    apply(checkpoint.journal, events(0, 2));
    checkpoint.journal.close();
    expect(lines(path()).filter((l) => 'length' in l)).toEqual([{ length: 5 }]);
    expect(trusted(path())).toMatchObject({ ackSec: 4 });
    writeFileSync(path(), readFileSync(path(), 'utf8') + encodeLine({ ack: 7 }));
    expect(readJournal(path(), identityOf(input))).toEqual({
      kind: 'damaged',
      why: 'it acknowledges 7 s of an input 5 s long',
    });
  });

  it('a directory where the journal should be is named as the checkpoint, not the output', () => {
    mkdirSync(path());
    expect(() => openCheckpoint(input, output, () => {})).toThrow(
      expect.objectContaining({
        code: 'OUTPUT_FAILED',
        message: `cannot read the checkpoint (${path()}): EISDIR is a directory`,
        hint: `remove ${path()} (or give it back its permissions) and run the same command again`,
      }),
    );
  });

  it('a journal that cannot be opened (a link to itself) is named as the checkpoint', () => {
    symlinkSync(path(), path());
    expect(() => openCheckpoint(input, output, () => {})).toThrow(
      `cannot read the checkpoint (${path()}): ELOOP too many symbolic links encountered`,
    );
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable journal (no permissions) is named as the checkpoint', () => {
    writeFileSync(path(), encodeLine({ v: 2, ...identityOf(input) }));
    chmodSync(path(), 0o000);
    expect(() => openCheckpoint(input, output, () => {})).toThrow(
      `cannot read the checkpoint (${path()}): EACCES permission denied`,
    );
  });
});
