// The alignment checker on made-up deliveries: what was skipped, re-sent, padded or never found.
import { describe, expect, it } from 'vitest';
import { alignDelivery } from '../helpers/speech-delivery.js';
import { prng } from '../helpers/speech-signals.js';
import { SAMPLE_RATE as S } from '../../src/audio/pcm-format.js'; // samples per second

const at = (sec: number) => Math.round(sec * S);
// Five seconds of noise with digital silence from 3.0 to 3.5 s.
const input = (() => {
  const random = prng(42);
  const x = Int16Array.from({ length: 5 * S }, () => Math.floor(random() * 20_000) - 10_000);
  x.fill(0, 3 * S, at(3.5));
  return x;
})();
const speech: [number, number][] = [
  [at(0.5), at(1.8)],
  [at(2.2), at(2.9)],
  [at(3.6), at(4.8)],
];
const part = (from: number, to: number) => input.subarray(Math.round(from * S), Math.round(to * S));
const join = (...parts: Int16Array[]) => Int16Array.from(parts.flatMap((p) => [...p]));
const zeros = (sec: number) => new Int16Array(Math.round(sec * S));

describe('alignDelivery', () => {
  it('finds the whole input, digital silence included, sent once', () => {
    const report = alignDelivery(input, [{ session: 1, pcm: input }], speech);
    expect(report).toMatchObject({
      receivedSamples: 5 * S,
      unmatchedSamples: 0,
      duplicateSamples: 0,
      speechLost: [],
      speechLostMs: 0,
      speechSamples: at(3.2),
    });
    expect(report.pieces).toEqual([{ session: 1, at: 0, inputStart: 0, length: 5 * S }]);
    expect(report.sessionEdgesInSpeech).toEqual([]);
  });

  it('reports speech skipped in the middle, and padding as unmatched', () => {
    const pcm = join(part(0, 1.5), zeros(0.2), part(2.5, 5));
    const report = alignDelivery(input, [{ session: 1, pcm }], speech);
    expect(report.speechLost).toEqual([
      [at(1.5), at(1.8)],
      [at(2.2), at(2.5)],
    ]);
    expect(report.speechLostMs).toBe(600);
    expect(report.unmatchedSamples).toBe(at(0.2));
    expect(report.receivedSamples).toBe(at(4.2));
    expect(report.pieces.map((p) => [p.at, p.inputStart, p.length])).toEqual([
      [0, 0, at(1.5)],
      [at(1.7), at(2.5), at(2.5)],
    ]);
  });

  it('counts re-sends within a session and across sessions, at any sample offset', () => {
    const report = alignDelivery(
      input,
      [
        { session: 1, pcm: join(part(0, 2), input.subarray(at(1.5) + 1234, 3 * S)) },
        { session: 2, pcm: part(2.75, 5) },
      ],
      speech,
    );
    expect(report.speechLost).toEqual([]);
    expect(report.duplicateSamples).toBe(at(0.5) - 1234 + at(0.25));
    expect(report.unmatchedSamples).toBe(0);
    // Session 1 ends at 3.0 s (a pause); session 2 starts at 2.75 s, inside speech.
    expect(report.sessionEdgesInSpeech).toEqual([{ session: 2, at: at(2.75) }]);
    expect(report.pieces.map((p) => [p.session, p.inputStart])).toEqual([
      [1, 0],
      [1, at(1.5) + 1234],
      [2, at(2.75)],
    ]);
  });

  it('leaves a piece shorter than a window (10 ms) unfound, and says so', () => {
    const report = alignDelivery(
      input,
      [{ session: 1, pcm: join(part(0, 1), input.subarray(S + 5000, S + 5200)) }],
      speech,
    );
    expect(report.unmatchedSamples).toBe(200);
    expect(report.speechLostSamples).toBe(at(3.2) - at(0.5));
  });

  it('finds nothing in a session that received only silence', () => {
    const report = alignDelivery(input, [{ session: 1, pcm: zeros(2) }], speech);
    expect(report).toMatchObject({ pieces: [], unmatchedSamples: 2 * S, speechLostSamples: at(3.2) });
  });
});
