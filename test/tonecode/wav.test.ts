import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  corpusTimings,
  synthesizeCorpus,
  wavHeader,
  writeCorpusFile,
  writeCorpusWav,
} from '../../src/tonecode/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tonecode-wav-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('wavHeader', () => {
  it('describes PCM16 with the given rate, channels and data size', () => {
    const h = wavHeader(96_000, 48_000, 2);
    expect(h).toHaveLength(44);
    expect(h.toString('ascii', 0, 4)).toBe('RIFF');
    expect(h.readUInt32LE(4)).toBe(96_000 + 36);
    expect(h.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect(h.readUInt32LE(16)).toBe(16);
    expect(h.readUInt16LE(20)).toBe(1); // PCM
    expect(h.readUInt16LE(22)).toBe(2);
    expect(h.readUInt32LE(24)).toBe(48_000);
    expect(h.readUInt32LE(28)).toBe(48_000 * 4); // byte rate
    expect(h.readUInt16LE(32)).toBe(4); // block align
    expect(h.readUInt16LE(34)).toBe(16); // bits per sample
    expect(h.toString('ascii', 36, 40)).toBe('data');
    expect(h.readUInt32LE(40)).toBe(96_000);
  });

  it('refuses sizes a WAV cannot describe', () => {
    expect(() => wavHeader(2 ** 32, 24000, 1)).toThrow(
      /a WAV file holds 0 to 4294967259 bytes of samples, got 4294967296/,
    );
  });
});

describe('writeCorpusWav', () => {
  it('writes the header and exactly the synthesized samples, and returns the timings', async () => {
    const opts = { first: 3, count: 3, sampleRate: 16000, channels: 2 as const, noiseDbfs: -50 };
    const path = join(dir, 'a.wav');
    expect(await writeCorpusWav(path, opts)).toEqual(corpusTimings(opts));
    const bytes = await readFile(path);
    const { pcm } = synthesizeCorpus(opts);
    expect(bytes.subarray(0, 44)).toEqual(wavHeader(pcm.byteLength, 16000, 2));
    expect(bytes.length).toBe(44 + pcm.byteLength);
    expect(bytes.subarray(44).equals(Buffer.from(pcm.buffer))).toBe(true);
  });

  it('says which file it could not write', async () => {
    const path = join(dir, 'no-such-dir', 'a.wav');
    await expect(writeCorpusWav(path, { count: 1 })).rejects.toMatchObject({
      code: 'OUTPUT_FAILED',
      message: expect.stringContaining(`tonecode: could not write ${path}: ENOENT`),
    });
  });

  it('validates options before creating a file', async () => {
    await expect(writeCorpusFile(join(dir, 'b.mp3'), { count: 1, bitrateKbps: 3 })).rejects.toThrow(
      'tonecode: bitrateKbps must be a whole number from 8 to 512, got 3',
    );
    await expect(writeCorpusFile(join(dir, 'b.xyz'), { count: 1, format: 'aiff' as 'wav' })).rejects.toThrow(
      'tonecode: format must be one of wav, mp3, flac, ogg, m4a, got "aiff"',
    );
  });
});
