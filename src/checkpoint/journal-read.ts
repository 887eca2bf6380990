// Reading a checkpoint journal back, trusting nothing it has not verified. Pure: the file's text
// in, what a continued run may rely on (or why it may not) out.
//   - Every line carries a checksum (journal-line.ts). Lines that fail it are a torn write only
//     at the end of the file (a crash mid-append, a power loss): those are dropped, which is safe
//     because the file is a log and any prefix of it is a state the run went through. A failing
//     line followed by a good one is damage: the journal is not used.
//   - What the lines say must hold together: each entry well-formed, acknowledged offsets never
//     moving back within a run, a continued run's `resume` mark equal to the offset the journal
//     had reached, no offset past the input's length (when the journal recorded it).
//   - An exact copy of a segment (a duplicated line) is the same utterance: read once.
import type { DoneRange, Segment } from '../index.js';
import { decodeLine } from './journal-line.js';

export const JOURNAL_VERSION = 2;

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
  /** Bytes of the file that were verified: a continued run appends after them, past a torn tail. */
  verifiedBytes: number;
}

export type JournalReading =
  | { kind: 'ok'; state: JournalState }
  /** Another input, or another version of it. */
  | { kind: 'stale' }
  /** Not to be trusted; `why` says what failed, as the end of a sentence. */
  | { kind: 'damaged'; why: string };

// Offsets and times are floats written by JSON.stringify and read back exactly; the tolerance is
// for the input's length, which ffmpeg reports rounded.
const EPS = 1e-6;
const LENGTH_SLACK_SEC = 1;

class Damage extends Error {}

export function readJournalText(text: string, identity: JournalIdentity): JournalReading {
  const pieces = text.split('\n');
  pieces.pop(); // after the last newline: '' or a torn write
  const decoded = pieces.map(decodeLine);
  let end = decoded.length;
  while (end > 0 && decoded[end - 1]?.ok === false) end--;
  const first = decoded[0];
  if (first && !first.ok && first.unchecked && 'v' in first.unchecked) {
    return first.unchecked.v === 1
      ? { kind: 'damaged', why: 'it was written by an earlier version, without checksums' }
      : { kind: 'stale' };
  }
  if (end === 0) return { kind: 'damaged', why: 'no line of it passes its checksum' };
  const bad = decoded.findIndex((line) => !line.ok);
  if (bad >= 0 && bad < end) return { kind: 'damaged', why: `line ${bad + 1} fails its checksum` };
  const entries = decoded.slice(0, end).map((line) => (line.ok ? line.entry : {}));
  const header = entries[0] ?? {};
  if (header.v !== JOURNAL_VERSION) return { kind: 'stale' };
  if (header.input !== identity.input || header.size !== identity.size || header.mtimeMs !== identity.mtimeMs) {
    return { kind: 'stale' };
  }
  const verifiedBytes = Buffer.byteLength(pieces.slice(0, end).join('\n') + '\n');
  try {
    return { kind: 'ok', state: { ...replay(entries.slice(1)), verifiedBytes } };
  } catch (error) {
    if (error instanceof Damage) return { kind: 'damaged', why: error.message };
    throw error;
  }
}

function replay(entries: Record<string, unknown>[]): Omit<JournalState, 'verifiedBytes'> {
  let segments: Segment[] = [];
  // Segment lines and span lines are counted apart: a span's segment is written again as a
  // segment line once the in-order transcript reaches it.
  const seen = { segment: new Set<string>(), span: new Set<string>() };
  let ackSec = 0;
  let lengthSec: number | undefined;
  const spans = new Map<number, { ack: number; segments: Segment[] }>();
  const once = (segment: Segment, kind: keyof typeof seen): boolean => {
    const key = JSON.stringify(segment);
    if (seen[kind].has(key)) return false;
    seen[kind].add(key);
    return true;
  };
  entries.forEach((entry, i) => {
    const where = `line ${i + 2}`;
    if ('segment' in entry) {
      const segment = asSegment(entry.segment, where);
      if (once(segment, 'segment')) segments.push(segment);
    } else if ('ack' in entry) {
      const ack = asOffset(entry.ack, where);
      if (ack < ackSec - EPS)
        throw new Damage(`${where} moves the acknowledged offset back, to ${ack} s from ${ackSec} s`);
      ackSec = ack;
    } else if ('resume' in entry) {
      const resume = asOffset(entry.resume, where);
      if (Math.abs(resume - ackSec) > EPS) {
        throw new Damage(`${where} continues from ${resume} s, but the journal had reached ${ackSec} s`);
      }
      segments = covered(segments, resume);
    } else if ('span' in entry) {
      const { from, ack } = asSpan(entry.span, where);
      if (!Array.isArray(entry.segments)) throw new Damage(`${where} is not a well-formed span`);
      const span = spans.get(from) ?? { ack: from, segments: [] };
      span.ack = Math.max(span.ack, ack);
      for (const s of entry.segments) {
        const segment = asSegment(s, where);
        if (once(segment, 'span')) span.segments.push(segment);
      }
      spans.set(from, span);
    } else if ('length' in entry) {
      lengthSec = asOffset(entry.length, where);
    } else {
      throw new Damage(`${where} is not an entry this version writes`);
    }
  });
  if (lengthSec !== undefined) {
    const furthest = Math.max(ackSec, ...[...spans.values()].map((s) => s.ack));
    if (furthest > lengthSec + LENGTH_SLACK_SEC) {
      throw new Damage(`it acknowledges ${furthest} s of an input ${lengthSec} s long`);
    }
  }
  // A segment past the last acknowledged offset (one the acknowledgement never covered, or torn)
  // will be transcribed again, so drop it here.
  segments = covered(segments, ackSec);
  const done: DoneRange[] = ackSec > 0 ? [{ startSec: 0, endSec: ackSec }] : [];
  for (const [from, span] of spans) {
    if (from < ackSec - EPS || span.ack <= from) continue; // the in-order transcript has it, or nothing
    done.push({ startSec: from, endSec: span.ack });
    segments.push(...span.segments);
  }
  return { segments: segments.sort((a, b) => a.start - b.start), ackSec, done: joined(done) };
}

function asOffset(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Damage(`${where} holds an offset that is not a time (${String(value)})`);
  }
  return value;
}

function asSpan(value: unknown, where: string): { from: number; ack: number } {
  const span = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return { from: asOffset(span.from, where), ack: asOffset(span.ack, where) };
}

function asSegment(value: unknown, where: string): Segment {
  const s = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const ok =
    typeof s.start === 'number' &&
    typeof s.end === 'number' &&
    Number.isFinite(s.start) &&
    Number.isFinite(s.end) &&
    s.start >= 0 &&
    s.end >= s.start &&
    typeof s.text === 'string' &&
    typeof s.session === 'number' &&
    typeof s.itemId === 'string';
  if (!ok) throw new Damage(`${where} is not a well-formed segment`);
  return value as Segment;
}

function covered(segments: Segment[], ackSec: number): Segment[] {
  return segments.filter((segment) => segment.end <= ackSec + EPS);
}

// In order, touching ranges joined.
function joined(ranges: DoneRange[]): DoneRange[] {
  const out: DoneRange[] = [];
  for (const range of ranges.sort((a, b) => a.startSec - b.startSec)) {
    const last = out.at(-1);
    if (last && range.startSec <= last.endSec + EPS) last.endSec = Math.max(last.endSec, range.endSec);
    else out.push({ ...range });
  }
  return out;
}
