import { describe, expect, it } from 'vitest';
import { corpusDurationSec, corpusTimings, synthesizeCorpus } from '../../src/tonecode/index.js';

describe('corpusTimings', () => {
  it('lays sentences out as 200 ms words and 1000 ms pauses', () => {
    // Sentence 0 has 5 words, 1 has 6, 2 has 7; a word is 120 ms of tone then 80 ms of gap.
    expect(corpusTimings({ count: 3 })).toEqual([
      { index: 0, text: 'alpha alpha alpha hotel lotus', startSec: 0, endSec: 0.92 },
      { index: 1, text: 'alpha alpha bravo yankee dawn sierra', startSec: 2, endSec: 3.12 },
      { index: 2, text: expect.any(String), startSec: 4.2, endSec: 5.52 },
    ]);
    // The trailing silence (500 ms) follows the last word gap, in place of a pause.
    expect(corpusDurationSec({ count: 3 })).toBeCloseTo(4.2 + 1.4 + 0.5, 9);
  });

  it('honours first, pause, leading and trailing silence', () => {
    const timings = corpusTimings({ first: 10, count: 2, pauseMs: 150, leadingSilenceMs: 250, trailingSilenceMs: 0 });
    expect(timings.map((t) => t.index)).toEqual([10, 11]);
    expect(timings[0]!.startSec).toBeCloseTo(0.25, 9);
    expect(timings[1]!.startSec).toBeCloseTo(0.25 + 5 * 0.2 + 0.15, 9); // sentence 10 has 5 words
    expect(
      corpusDurationSec({ first: 10, count: 2, pauseMs: 150, leadingSilenceMs: 250, trailingSilenceMs: 0 }),
    ).toBeCloseTo(0.25 + 1 + 0.15 + 1.2, 9);
  });

  it('is whole samples at every rate, so timings index the synthesized audio exactly', () => {
    for (const sampleRate of [8000, 16000, 24000, 44100, 48000]) {
      const corpus = synthesizeCorpus({ count: 4, sampleRate, leadingSilenceMs: 30 });
      expect(corpus.pcm.length).toBe(
        Math.round(corpusDurationSec({ count: 4, sampleRate, leadingSilenceMs: 30 }) * sampleRate),
      );
      for (const t of corpus.sentences) {
        const start = Math.round(t.startSec * sampleRate);
        expect(corpus.pcm[start - 1] ?? 0).toBe(0); // silence right before the first tone
        expect(Math.max(...Array.from(corpus.pcm.subarray(start, start + sampleRate / 100), Math.abs))).toBeGreaterThan(
          1000,
        );
      }
    }
  });

  it('is cheap for the largest corpora (no audio is made)', () => {
    const started = performance.now();
    const timings = corpusTimings({ count: 3000 }); // about two hours
    expect(timings).toHaveLength(3000);
    expect(timings[2999]!.endSec / 3600).toBeGreaterThan(1.9);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('validates options up front, naming the option and the value', () => {
    expect(() => corpusTimings({ count: -1 })).toThrow(
      'tonecode: count must be a whole number from 0 to 262144, got -1',
    );
    expect(() => corpusTimings({ count: 2, first: 262143 })).toThrow(
      'tonecode: first + count must be at most 262144 (sentence numbers are 18 bits), got 262143 + 2',
    );
    expect(() => corpusTimings({ count: 1, sampleRate: 22050.5 })).toThrow(
      'tonecode: sampleRate must be a whole number from 8000 to 192000, got 22050.5',
    );
    expect(() => corpusTimings({ count: 1, channels: 3 as 1 })).toThrow('tonecode: channels must be 1 or 2, got 3');
    expect(() => corpusTimings({ count: 1, pauseMs: -5 })).toThrow(
      'tonecode: pauseMs must be a number of milliseconds, 0 or more, got -5',
    );
    expect(() => corpusTimings({ count: 1, noiseDbfs: 3 })).toThrow(
      'tonecode: noiseDbfs must be a level of 0 dBFS or below (e.g. -55), got 3',
    );
  });
});
