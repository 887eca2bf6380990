import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  corpusDurationSec,
  corpusTimings,
  decodeTonecode,
  synthesizeCorpus,
  type CorpusOptions,
} from '../../src/tonecode/index.js';
import { makeCorpusFile, readPcm, transcode } from '../helpers/tonecode-files.js';
import { sine16 } from '../helpers/sine.js';

const FFMPEG_TIMEOUT = 30_000;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tonecode-decode-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function decodedText(samples: Int16Array, sampleRate?: number): string {
  return decodeTonecode(samples, sampleRate)
    .words.map((w) => w.text)
    .join(' ');
}

function expectedText(opts: CorpusOptions): string {
  return corpusTimings(opts)
    .map((t) => t.text)
    .join(' ');
}

// A pure sine that is not tonecode: too long for a word.
const sine = (frequencyHz: number, ms: number) => sine16(frequencyHz, 24_000, ms * 24, 9000);

describe('decodeTonecode on synthesized audio', () => {
  it('recovers every word, exactly, with no other sound', () => {
    const opts = { count: 40 };
    const result = decodeTonecode(synthesizeCorpus(opts).pcm);
    expect(result.words.map((w) => w.text).join(' ')).toBe(expectedText(opts));
    expect(result.otherSoundMs).toBe(0);
  });

  it('places words where the timings say, to within one 10 ms frame', () => {
    const opts = { first: 500, count: 5, leadingSilenceMs: 1234 };
    const words = decodeTonecode(synthesizeCorpus(opts).pcm).words;
    let w = 0;
    for (const t of corpusTimings(opts)) {
      const count = t.text.split(' ').length;
      expect(words[w]!.startMs).toBeGreaterThanOrEqual(t.startSec * 1000 - 10);
      expect(words[w]!.startMs).toBeLessThanOrEqual(t.startSec * 1000 + 10);
      expect(words[w + count - 1]!.endMs).toBeGreaterThanOrEqual(t.endSec * 1000 - 10);
      expect(words[w + count - 1]!.endMs).toBeLessThanOrEqual(t.endSec * 1000 + 10);
      w += count;
    }
    expect(w).toBe(words.length);
  });

  it.each([8000, 16000, 44100, 48000])('decodes a corpus synthesized at %i Hz', (sampleRate) => {
    const opts = { first: 1000, count: 8, sampleRate };
    expect(decodedText(synthesizeCorpus(opts).pcm, sampleRate)).toBe(expectedText(opts));
  });

  it('decodes under white noise at -55 dBFS, and even at -40 dBFS', () => {
    for (const noiseDbfs of [-55, -40]) {
      const opts = { count: 20, noiseDbfs, seed: 7 };
      const result = decodeTonecode(synthesizeCorpus(opts).pcm);
      expect(result.words.map((w) => w.text).join(' ')).toBe(expectedText(opts));
      expect(result.otherSoundMs).toBe(0);
    }
  });

  it('decodes a monologue whose sentences are 150 ms apart', () => {
    const opts = { first: 77, count: 10, pauseMs: 150 };
    expect(decodedText(synthesizeCorpus(opts).pcm)).toBe(expectedText(opts));
  });

  it('ignores a tone cut to under 60 ms at the start or end of a buffer', () => {
    const { pcm } = synthesizeCorpus({ count: 1, trailingSilenceMs: 0 }); // ends right after the last gap
    const cutStart = pcm.subarray(Math.round(0.07 * 24000)); // 50 ms of the first tone left
    expect(decodeTonecode(cutStart).words.map((w) => w.text)).toEqual(['alpha', 'alpha', 'hotel', 'lotus']);
    const cutEnd = pcm.subarray(0, Math.round(0.85 * 24000)); // 50 ms of the last tone left
    expect(decodeTonecode(cutEnd).words.map((w) => w.text)).toEqual(['alpha', 'alpha', 'alpha', 'hotel']);
    expect(decodeTonecode(cutEnd).otherSoundMs).toBe(0);
  });

  it('reports a held note as other sound, never as a word', () => {
    const result = decodeTonecode(sine(1000, 1000)); // 1000 Hz is symbol 8's frequency
    expect(result.words).toEqual([]);
    expect(result.otherSoundMs).toBe(1000);
  });

  it('reports a chord (two symbols at once) as other sound', () => {
    const a = sine(1000, 120);
    const b = sine(2000, 120);
    const chord = a.map((s, n) => Math.round((s + b[n]!) / 2));
    const result = decodeTonecode(chord);
    expect(result.words).toEqual([]);
    expect(result.otherSoundMs).toBe(120);
  });

  it('finds nothing in silence or in an empty buffer', () => {
    expect(decodeTonecode(new Int16Array(24000))).toEqual({ words: [], otherSoundMs: 0 });
    expect(decodeTonecode(new Int16Array(0))).toEqual({ words: [], otherSoundMs: 0 });
  });

  it('refuses a sample rate it cannot work with', () => {
    expect(() => decodeTonecode(new Int16Array(10), 0)).toThrow(
      'tonecode: decode needs a sample rate of 8000 Hz or more, got 0',
    );
  });

  it('decodes ten minutes of audio in well under a second', () => {
    let count = 200;
    while (corpusDurationSec({ count }) < 600) count += 10;
    const { pcm } = synthesizeCorpus({ count });
    const started = performance.now();
    const result = decodeTonecode(pcm);
    const elapsed = performance.now() - started;
    expect(result.words.map((w) => w.text).join(' ')).toBe(expectedText({ count }));
    expect(elapsed).toBeLessThan(1500); // ~130 ms on a 2-core CI machine; generous for slow runners
  });
});

describe('decodeTonecode after real ffmpeg conversions', () => {
  const opts = { first: 2000, count: 15 };
  const want = expectedText(opts);

  it(
    'survives resampling to 16 kHz (decoded at 16 kHz, and back at 24 kHz)',
    async () => {
      const { path } = await makeCorpusFile(dir, opts);
      const at16 = await transcode(path, join(dir, 'r16.wav'), ['-ar', '16000']);
      expect(decodedText(await readPcm(at16, 16000), 16000)).toBe(want);
      expect(decodedText(await readPcm(at16, 24000))).toBe(want);
    },
    FFMPEG_TIMEOUT,
  );

  it(
    'survives 44.1 kHz stereo and a downmix back to 24 kHz mono',
    async () => {
      const { path } = await makeCorpusFile(dir, opts);
      const stereo = await transcode(path, join(dir, 'r44s.wav'), ['-ar', '44100', '-ac', '2']);
      expect(decodedText(await readPcm(stereo, 24000))).toBe(want);
    },
    FFMPEG_TIMEOUT,
  );

  it(
    'survives a corpus written as 44.1 kHz stereo by the generator itself',
    async () => {
      const { path, expectedText: lines } = await makeCorpusFile(dir, { ...opts, sampleRate: 44100, channels: 2 });
      expect(decodedText(await readPcm(path, 24000))).toBe(lines.join(' '));
    },
    FFMPEG_TIMEOUT,
  );

  it.each([
    ['24 kHz mono', { sampleRate: 24000, channels: 1 as const }],
    ['44.1 kHz stereo', { sampleRate: 44100, channels: 2 as const }],
  ])(
    'survives mp3 at 64 kbps (%s)',
    async (_, variant) => {
      const { path } = await makeCorpusFile(dir, { ...opts, ...variant, format: 'mp3', bitrateKbps: 64 });
      const result = decodeTonecode(await readPcm(path, 24000));
      expect(result.words.map((w) => w.text).join(' ')).toBe(want);
      expect(result.otherSoundMs).toBe(0);
    },
    FFMPEG_TIMEOUT,
  );

  it.each(['flac', 'ogg', 'm4a'] as const)(
    'survives %s',
    async (format) => {
      const { path } = await makeCorpusFile(dir, { ...opts, format, bitrateKbps: 64 });
      expect(decodedText(await readPcm(path, 24000))).toBe(want);
    },
    FFMPEG_TIMEOUT,
  );

  it(
    'survives -55 dBFS noise through mp3 at 64 kbps and 16 kHz',
    async () => {
      const noisy = { ...opts, noiseDbfs: -55, sampleRate: 16000 };
      const { path } = await makeCorpusFile(dir, { ...noisy, format: 'mp3', bitrateKbps: 64 });
      expect(decodedText(await readPcm(path, 24000))).toBe(want);
    },
    FFMPEG_TIMEOUT,
  );
});

describe('decodeTonecode on real speech', () => {
  it(
    'finds no words in the speech fixture, and says there was other sound',
    async () => {
      const wav = await readFile(new URL('../../fixtures/speech.wav', import.meta.url));
      const samples = new Int16Array(Uint8Array.from(wav.subarray(44)).buffer); // sox writes a plain 44-byte header
      const at16 = decodeTonecode(samples, 16000);
      expect(at16.words).toEqual([]);
      expect(at16.otherSoundMs).toBeGreaterThan(1000);
      const at24 = decodeTonecode(await readPcm(new URL('../../fixtures/speech.wav', import.meta.url).pathname, 24000));
      expect(at24.words).toEqual([]);
      expect(at24.otherSoundMs).toBeGreaterThan(1000);
    },
    FFMPEG_TIMEOUT,
  );

  it(
    'keeps tonecode words and reports the speech between them',
    async () => {
      const speech = await readPcm(new URL('../../fixtures/speech.wav', import.meta.url).pathname, 24000);
      const tones = synthesizeCorpus({ count: 2 }).pcm;
      const mixed = new Int16Array(tones.length + speech.length);
      mixed.set(tones.subarray(0, 48000)); // sentence 0 and its pause
      mixed.set(speech, 48000);
      mixed.set(tones.subarray(48000), 48000 + speech.length);
      const result = decodeTonecode(mixed);
      expect(result.words.map((w) => w.text).join(' ')).toBe(expectedText({ count: 2 }));
      expect(result.otherSoundMs).toBeGreaterThan(1000);
    },
    FFMPEG_TIMEOUT,
  );
});
