import { describe, expect, it } from 'vitest';
import {
  corpusDurationSec,
  corpusTimings,
  pauseAfterMs,
  resolveCorpusOptions,
  synthesizeCorpus,
  synthesizeCorpusChunks,
} from '../../src/tonecode/index.js';

describe('varied pauses', () => {
  it('are drawn from the seed and the sentence number alone', () => {
    const first = Array.from({ length: 50 }, (_, i) => pauseAfterMs('varied', 1000, 7, i));
    expect(Array.from({ length: 50 }, (_, i) => pauseAfterMs('varied', 1000, 7, i))).toEqual(first);
    expect(Array.from({ length: 50 }, (_, i) => pauseAfterMs('varied', 1000, 8, i))).not.toEqual(first);
    expect(pauseAfterMs('fixed', 1234, 7, 3)).toBe(1234);
  });

  it('are mostly 1–2 s, one in eight 5–20 s, in whole tens of ms', () => {
    const pauses = Array.from({ length: 8000 }, (_, i) => pauseAfterMs('varied', 1000, 1, i));
    for (const p of pauses) {
      expect(p % 10).toBe(0);
      expect((p >= 1000 && p <= 2000) || (p >= 5000 && p <= 20_000)).toBe(true);
    }
    const long = pauses.filter((p) => p >= 5000).length;
    expect(long).toBe(1006); // of 8000: an eighth is 1000
  });

  it('shape the timings and the samples alike, and a corpus split in two still concatenates', () => {
    const corpus = { count: 20, pauses: 'varied' as const, seed: 3 };
    const timings = corpusTimings(corpus);
    for (let i = 0; i + 1 < timings.length; i++) {
      const gap = timings[i + 1]!.startSec - timings[i]!.endSec;
      expect(gap).toBeCloseTo(0.08 + pauseAfterMs('varied', 1000, 3, i) / 1000, 9);
    }
    const whole = synthesizeCorpus(corpus).pcm;
    expect(whole.length).toBe(Math.round(corpusDurationSec(corpus) * 24_000));
    const head = synthesizeCorpus({ ...corpus, count: 8, trailingSilenceMs: pauseAfterMs('varied', 1000, 3, 7) }).pcm;
    const tail = synthesizeCorpus({ ...corpus, first: 8, count: 12 }).pcm;
    expect(Buffer.from(new Int16Array([...head, ...tail]).buffer).equals(Buffer.from(whole.buffer))).toBe(true);
    // Streamed in odd chunks: the same samples.
    const chunks = [...synthesizeCorpusChunks(corpus, 777)];
    expect(
      Buffer.concat(chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength))).equals(
        Buffer.from(whole.buffer),
      ),
    ).toBe(true);
  });

  it('names the option when the profile is unknown', () => {
    expect(() => resolveCorpusOptions({ count: 1, pauses: 'random' as never })).toThrow(
      'tonecode: pauses must be one of fixed, varied, got random',
    );
  });
});
