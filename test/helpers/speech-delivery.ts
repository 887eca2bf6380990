// Which samples of the input reached the service: align each session's recorded audio (the
// emulator's `record` option) with the input, decoded by the project's own decoder so the samples
// are bit-exact with what the client sent. A session receives exact runs of input samples, in
// order, between zero padding and the occasional re-send after a drop or rotation; so a run is
// found by exact 10 ms windows of the input, then extended sample by sample both ways.
import { decodeToPcm } from '../../src/audio/decode.js';
import { locateFfmpeg } from '../../src/audio/ffmpeg-locate.js';

const WINDOW = 240; // 10 ms at 24 kHz

/** The input as the client sends it: decoded by src/audio/decode.ts to PCM16 mono 24 kHz. */
export async function decodeInput(path: string): Promise<Int16Array> {
  const decoded = decodeToPcm({ input: path, ffmpegPath: locateFfmpeg().path });
  const parts: Buffer[] = [];
  for await (const part of decoded.pcm) parts.push(part);
  await decoded.finished;
  // Copied: a Buffer's offset into Node's pool need not be 2-aligned.
  return new Int16Array(Uint8Array.from(Buffer.concat(parts)).buffer);
}

/** A run of received samples that are input samples: received[at, at+length) = input[inputStart, …). */
interface Piece {
  session: number;
  at: number;
  inputStart: number;
  length: number;
}

export interface DeliveryReport {
  pieces: Piece[];
  /** Every sample every session received (the audio sent). */
  receivedSamples: number;
  /** Received samples not placed in the input: padding, silence, or a piece too short to anchor (under 20 ms). */
  unmatchedSamples: number;
  /** Input samples received more than once, counted once per extra time (re-sends). */
  duplicateSamples: number;
  /** Ground-truth speech never received: [start, end) on the input's clock, and its total. */
  speechLost: [number, number][];
  speechLostSamples: number;
  speechLostMs: number;
  speechSamples: number;
  /** Where a session's audio starts or ends on the input's clock, when that is inside speech. */
  sessionEdgesInSpeech: { session: number; at: number }[];
}

/**
 * Aligns each session's audio with `input` and measures it against the ground-truth `speech`
 * intervals. Runs are anchored on 10 ms windows of the input that occur once in it (digital
 * silence, near-silence and other repeats anchor nothing) and extended through any samples that still match,
 * so a run of at least two windows (20 ms) is always found, a shorter one may go unfound (and counts
 * as unmatched).
 */
export function alignDelivery(
  input: Int16Array,
  sessions: { session: number; pcm: Int16Array }[],
  speech: [number, number][],
): DeliveryReport {
  const index = windowIndex(input);
  const pieces: Piece[] = [];
  let receivedSamples = 0;
  for (const { session, pcm } of sessions) {
    receivedSamples += pcm.length;
    pieces.push(...piecesOf(session, pcm, input, index));
  }
  const matched = pieces.reduce((n, p) => n + p.length, 0);
  const { covered, duplicateSamples } = coverage(pieces.map((p) => [p.inputStart, p.inputStart + p.length]));
  const speechLost = subtract(speech, covered);
  const speechLostSamples = total(speechLost);
  return {
    pieces,
    sessionEdgesInSpeech: edgesInSpeech(pieces, speech),
    receivedSamples,
    unmatchedSamples: Math.max(0, receivedSamples - matched), // a sample may match in two places
    duplicateSamples,
    speechLost,
    speechLostSamples,
    speechLostMs: speechLostSamples / 24,
    speechSamples: total(speech),
  };
}

// A session that starts or ends strictly inside a speech interval cut an utterance in two.
function edgesInSpeech(pieces: Piece[], speech: [number, number][]): { session: number; at: number }[] {
  const edges: { session: number; at: number }[] = [];
  for (const session of new Set(pieces.map((p) => p.session))) {
    const own = pieces.filter((p) => p.session === session);
    const first = own[0]!.inputStart;
    const last = own[own.length - 1]!;
    for (const at of [first, last.inputStart + last.length]) {
      if (speech.some(([a, b]) => a < at && at < b)) edges.push({ session, at });
    }
  }
  return edges;
}

// Hash of each aligned 10 ms window of the input → its start, or -1 where it is not unique.
// A window of a few distinct values (digital near-silence: a voice's tail at ±3) may recur
// anywhere, not only at aligned places, so it anchors nothing; runs are extended through it.
function windowIndex(input: Int16Array): Map<number, number> {
  const index = new Map<number, number>();
  for (let start = 0; start + WINDOW <= input.length; start += WINDOW) {
    if (distinctValues(input, start) < MIN_DISTINCT) continue;
    const h = hashAt(input, start);
    index.set(h, index.has(h) ? -1 : start);
  }
  return index;
}

const MIN_DISTINCT = 24;

function distinctValues(x: Int16Array, start: number): number {
  const seen = new Set<number>();
  for (let i = start; i < start + WINDOW && seen.size < MIN_DISTINCT; i++) seen.add(x[i]!);
  return seen.size;
}

const BASE = 0x01000193;
const BASE_POW = (() => {
  let p = 1;
  for (let i = 0; i < WINDOW - 1; i++) p = Math.imul(p, BASE);
  return p; // BASE^(WINDOW-1): the weight of the oldest sample in the window
})();

// A polynomial hash of x[start, start+WINDOW), the same one the rolling update keeps.
function hashAt(x: Int16Array, start: number): number {
  let h = 0;
  for (let i = start; i < start + WINDOW; i++) h = (Math.imul(h, BASE) + x[i]!) | 0;
  return h;
}

function piecesOf(session: number, pcm: Int16Array, input: Int16Array, index: Map<number, number>): Piece[] {
  const pieces: Piece[] = [];
  // Received samples that match the input in two places (the near-silence at a skip's two edges)
  // carry the same audio to the service either way: they count for both. So a piece extends back
  // into the last one's samples as far as they match, never past its start.
  let lastStart = 0;
  let j = 0;
  let h = pcm.length >= WINDOW ? hashAt(pcm, 0) : 0;
  while (j + WINDOW <= pcm.length) {
    const anchor = index.get(h);
    if (anchor !== undefined && anchor >= 0 && same(pcm, j, input, anchor, WINDOW)) {
      // Extend back and forward while the samples still match.
      let back = 0;
      while (j - back > lastStart && anchor - back > 0 && pcm[j - back - 1] === input[anchor - back - 1]) back++;
      const at = j - back;
      let length = back + WINDOW;
      while (at + length < pcm.length && anchor - back + length < input.length) {
        if (pcm[at + length] !== input[anchor - back + length]) break;
        length++;
      }
      pieces.push({ session, at, inputStart: anchor - back, length });
      j = at + length;
      lastStart = at + 1;
      if (j + WINDOW <= pcm.length) h = hashAt(pcm, j);
      continue;
    }
    if (j + WINDOW < pcm.length) {
      h = (Math.imul(h - Math.imul(pcm[j]!, BASE_POW), BASE) + pcm[j + WINDOW]!) | 0;
    }
    j++;
  }
  return pieces;
}

function same(a: Int16Array, at: number, b: Int16Array, bt: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[at + i] !== b[bt + i]) return false;
  return true;
}

// The union of the ranges, and how many samples lie under more than one of them (each extra time).
function coverage(ranges: [number, number][]): { covered: [number, number][]; duplicateSamples: number } {
  const events: [number, number][] = [];
  for (const [a, b] of ranges) events.push([a, 1], [b, -1]);
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const covered: [number, number][] = [];
  let depth = 0;
  let last = 0;
  let start = 0;
  let duplicateSamples = 0;
  for (const [at, step] of events) {
    if (depth > 1) duplicateSamples += (depth - 1) * (at - last);
    if (depth === 0) start = at;
    depth += step;
    if (depth === 0) {
      const prev = covered[covered.length - 1];
      if (prev && prev[1] === start) prev[1] = at;
      else covered.push([start, at]);
    }
    last = at;
  }
  return { covered, duplicateSamples };
}

// Parts of `a` not under `b` (both sorted, disjoint).
function subtract(a: [number, number][], b: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let k = 0;
  for (const [start, end] of a) {
    let at = start;
    while (k < b.length && b[k]![1] <= at) k++;
    for (let m = k; m < b.length && b[m]![0] < end; m++) {
      if (b[m]![0] > at) out.push([at, b[m]![0]]);
      at = Math.max(at, b[m]![1]);
    }
    if (at < end) out.push([at, end]);
  }
  return out;
}

function total(intervals: [number, number][]): number {
  return intervals.reduce((n, [a, b]) => n + b - a, 0);
}
