import { describe, expect, it } from 'vitest';
import {
  corpusDurationSec,
  synthesizeCorpus,
  synthesizeCorpusChunks,
  type CorpusOptions,
} from '../../src/tonecode/index.js';

function concat(chunks: Iterable<Int16Array>): Int16Array {
  const parts = [...chunks];
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// vitest's deep equality walks typed arrays element by element, far too slowly for audio.
function sameSamples(a: Int16Array, b: Int16Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function rmsDbfs(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return 20 * Math.log10(Math.sqrt(sum / samples.length) / 32767);
}

describe('synthesizeCorpus / synthesizeCorpusChunks', () => {
  const variants: Array<[string, CorpusOptions]> = [
    ['plain', { count: 4 }],
    ['stereo 44.1 kHz with noise', { first: 7, count: 3, sampleRate: 44100, channels: 2, noiseDbfs: -55, seed: 9 }],
    [
      'monologue with lead and no trail',
      { count: 5, pauseMs: 150, leadingSilenceMs: 333, trailingSilenceMs: 0, noiseDbfs: -40 },
    ],
  ];

  it.each(variants)('gives identical samples whole or in chunks of any size (%s)', (_, opts) => {
    const whole = synthesizeCorpus(opts).pcm;
    for (const chunkFrames of [undefined, 1000, 4801, 7]) {
      expect(sameSamples(concat(synthesizeCorpusChunks(opts, chunkFrames)), whole)).toBe(true);
    }
  });

  it('yields chunks of exactly chunkFrames frames, the last one shorter', () => {
    const lengths = [...synthesizeCorpusChunks({ count: 2, channels: 2 }, 5000)].map((c) => c.length);
    const frames = Math.round(corpusDurationSec({ count: 2 }) * 24000);
    expect(lengths.slice(0, -1).every((n) => n === 10000)).toBe(true);
    expect(lengths.reduce((a, b) => a + b, 0)).toBe(frames * 2);
    expect(lengths.at(-1)).toBe(frames * 2 - 10000 * (lengths.length - 1));
  });

  it('streams a two-hour corpus with bounded memory', () => {
    // Not synthesized to the end (that takes seconds): only the first minutes, lazily.
    const opts = { count: 3000 };
    expect(corpusDurationSec(opts)).toBeGreaterThan(7000);
    const chunks = synthesizeCorpusChunks(opts);
    for (let k = 0; k < 120; k++) expect(chunks.next().value).toHaveLength(24000);
    chunks.return(undefined);
    expect(() => synthesizeCorpus(opts)).toThrow(/too large to hold in memory/);
  });

  it('writes tones at 0.3 of full scale, with both stereo channels the same', () => {
    const { pcm, channels } = synthesizeCorpus({ count: 1, channels: 2 });
    expect(channels).toBe(2);
    let peak = 0;
    let channelsDiffer = 0;
    for (let n = 0; n < pcm.length; n += 2) {
      if (pcm[n + 1] !== pcm[n]) channelsDiffer++;
      peak = Math.max(peak, Math.abs(pcm[n]!));
    }
    expect(channelsDiffer).toBe(0);
    expect(peak).toBeGreaterThan(0.29 * 32767);
    expect(peak).toBeLessThanOrEqual(Math.round(0.3 * 32767));
  });

  it('fades each tone in over 5 ms instead of starting with a click', () => {
    const { pcm } = synthesizeCorpus({ count: 1 });
    expect(Math.abs(pcm[1]!)).toBeLessThan(50);
    expect(Math.max(...Array.from(pcm.subarray(0, 24), Math.abs))).toBeLessThan(0.05 * 32767);
  });

  it('adds white noise at the requested level, the same for the same seed', () => {
    const silence = { count: 0, leadingSilenceMs: 2000, trailingSilenceMs: 0, noiseDbfs: -55 };
    const a = synthesizeCorpus({ ...silence, seed: 1 }).pcm;
    expect(a).toHaveLength(48000);
    expect(rmsDbfs(a)).toBeCloseTo(-55, 0);
    expect(sameSamples(synthesizeCorpus({ ...silence, seed: 1 }).pcm, a)).toBe(true);
    expect(sameSamples(synthesizeCorpus({ ...silence, seed: 2 }).pcm, a)).toBe(false);
    expect(synthesizeCorpus({ count: 0, leadingSilenceMs: 100 }).pcm.every((s) => s === 0)).toBe(true);
  });
});
