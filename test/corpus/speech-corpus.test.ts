// The speech corpus builds deterministically, and its ground truth says what the recipes promise:
// levels, formats, speech inside the file, noise where it was put.
import { readFile, rm, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusEntry, corpusNames } from '../helpers/speech-corpus.js';
import { decodeInput } from '../helpers/speech-delivery.js';

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

async function freshRoot(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'rt-corpus-'));
  roots.push(root);
  return root;
}

function dbfs(x: number): number {
  return 20 * Math.log10(x / 32767);
}

describe('the speech corpus', () => {
  it('builds the same bytes and the same ground truth twice', async () => {
    for (const name of ['level-37', 'nonstationary', 'mp3-stereo']) {
      const [a, b] = [await corpusEntry(name, await freshRoot()), await corpusEntry(name, await freshRoot())];
      // Buffer.equals: a deep toEqual over megabytes takes a minute.
      expect((await readFile(a.path)).equals(await readFile(b.path)), name).toBe(true);
      expect({ ...a, path: '' }).toEqual({ ...b, path: '' });
    }
  }, 60_000);

  it('has every entry the issue asks for, with speech inside each file', async () => {
    const names = corpusNames();
    for (const name of [
      'level-6',
      'level-20',
      'level-30',
      'level-37',
      'level-45',
      'far-talker',
      'noise-white-55',
      'noise-pink-35',
      'reverb',
      'long-pauses-noise',
      'nonstationary',
      'telephone-ulaw',
      'mp3-stereo',
      'ten-minutes',
    ]) {
      expect(names).toContain(name);
    }
    for (const name of names) {
      const entry = await corpusEntry(name);
      expect(entry.speechSamples, name).toBeGreaterThan(0);
      const ends = entry.speech.flat();
      expect(ends, name).toEqual([...ends].sort((x, y) => x - y));
      expect(ends[ends.length - 1]!, name).toBeLessThanOrEqual(entry.samples);
      expect(entry.utterances.length, name).toBeGreaterThan(0);
    }
  }, 120_000);

  it('puts each level entry’s peaks where its name says, and the ten-minute file lasts about ten minutes', async () => {
    for (const level of [-6, -20, -30, -37, -45]) {
      const entry = await corpusEntry(`level${level}`);
      expect(entry.utterances.map((u) => Math.round(u.peakDbfs))).toEqual(Array(10).fill(level));
      const pcm = await decodeInput(entry.path);
      const loudest = pcm.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(Math.abs(dbfs(loudest) - level)).toBeLessThan(0.2);
    }
    const far = await corpusEntry('far-talker');
    expect([...new Set(far.utterances.map((u) => Math.round(u.peakDbfs)))].sort()).toEqual([-10, -34]);
    const long = await corpusEntry('ten-minutes');
    expect(long.samples / 24_000).toBeGreaterThan(540);
    expect(long.samples / 24_000).toBeLessThan(720);
  }, 120_000);

  it('lays room noise at its level in the pauses', async () => {
    const entry = await corpusEntry('noise-pink-45');
    const pcm = await decodeInput(entry.path);
    // The first pause: before the first speech frame.
    const pause = pcm.subarray(0, entry.speech[0]![0]);
    const rms = Math.sqrt(pause.reduce((s, v) => s + v * v, 0) / pause.length);
    expect(Math.abs(dbfs(rms) - -45)).toBeLessThan(1.5);
  }, 60_000);

  it('writes the telephone entry as 8 kHz μ-law WAV and the mp3 entry at 44.1 kHz stereo', async () => {
    const phone = await readFile((await corpusEntry('telephone-ulaw')).path);
    expect([
      phone.toString('ascii', 8, 12),
      phone.readUInt16LE(20),
      phone.readUInt16LE(22),
      phone.readUInt32LE(24),
    ]).toEqual(['WAVE', 7, 1, 8000]);
    const mp3 = await corpusEntry('mp3-stereo');
    expect(mp3.path.endsWith('.mp3')).toBe(true);
    const pcm = await decodeInput(mp3.path);
    expect(Math.abs(pcm.length - mp3.samples)).toBeLessThan(24_000 * 0.1);
  }, 60_000);
});
