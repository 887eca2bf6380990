import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { alawToLinear, bytesPerSample, decodeSamples, mulawToLinear } from '../../src/audio/sample-codecs.js';
import { ffmpegPath } from './fixtures.js';

describe('G.711 μ-law', () => {
  it('expands the reference points of the standard', () => {
    expect(mulawToLinear(0xff)).toBe(0); // positive zero
    expect(mulawToLinear(0x7f)).toBe(0); // negative zero
    expect(mulawToLinear(0x80)).toBe(32124); // positive full scale
    expect(mulawToLinear(0x00)).toBe(-32124);
    expect(mulawToLinear(0xfe)).toBe(8);
    expect(mulawToLinear(0xf0)).toBe(120); // top of the first segment
    expect(mulawToLinear(0xef)).toBe(132); // bottom of the second
  });

  it('is odd-symmetric and monotonic over each half', () => {
    for (let b = 0; b < 128; b++) expect(mulawToLinear(b) + mulawToLinear(b | 0x80)).toBe(0);
    for (let b = 0x81; b <= 0xff; b++) expect(mulawToLinear(b)).toBeLessThan(mulawToLinear(b - 1));
  });

  it('decodes bytes to floats of the same 16-bit scale ffmpeg uses', () => {
    expect(Array.from(decodeSamples('mulaw', Buffer.from([0xff, 0x80, 0x00])))).toEqual([
      0,
      32124 / 32768,
      -32124 / 32768,
    ]);
  });
});

describe('G.711 A-law', () => {
  it('expands the reference points of the standard', () => {
    expect(alawToLinear(0xd5)).toBe(8); // smallest positive
    expect(alawToLinear(0x55)).toBe(-8);
    expect(alawToLinear(0xaa)).toBe(32256); // positive full scale
    expect(alawToLinear(0x2a)).toBe(-32256);
  });

  it('is odd-symmetric', () => {
    for (let b = 0; b < 128; b++) expect(alawToLinear(b) + alawToLinear(b | 0x80)).toBe(0);
  });
});

describe('decodeSamples', () => {
  it('reads s16le, s24le and s32le to [-1, 1)', () => {
    const s16 = Buffer.alloc(6);
    s16.writeInt16LE(-32768, 0);
    s16.writeInt16LE(16384, 2);
    s16.writeInt16LE(32767, 4);
    expect(Array.from(decodeSamples('s16le', s16))).toEqual([-1, 0.5, 32767 / 32768]);

    const s24 = Buffer.alloc(6);
    s24.writeIntLE(-0x800000, 0, 3);
    s24.writeIntLE(0x400000, 3, 3);
    expect(Array.from(decodeSamples('s24le', s24))).toEqual([-1, 0.5]);

    const s32 = Buffer.alloc(8);
    s32.writeInt32LE(-0x80000000, 0);
    s32.writeInt32LE(0x40000000, 4);
    expect(Array.from(decodeSamples('s32le', s32))).toEqual([-1, 0.5]);
  });

  it('reads f32le as it is, and NaN as silence', () => {
    const f32 = Buffer.alloc(12);
    f32.writeFloatLE(0.25, 0);
    f32.writeFloatLE(-0.75, 4);
    f32.writeFloatLE(Number.NaN, 8);
    expect(Array.from(decodeSamples('f32le', f32))).toEqual([0.25, -0.75, 0]);
  });

  it('reads unsigned 8-bit around 128', () => {
    expect(Array.from(decodeSamples('u8', Buffer.from([0, 128, 192])))).toEqual([-1, 0, 0.5]);
  });

  it('ignores a trailing partial sample (the caller keeps it)', () => {
    expect(decodeSamples('s16le', Buffer.alloc(5)).length).toBe(2);
    expect(decodeSamples('s24le', Buffer.alloc(8)).length).toBe(2);
    expect(bytesPerSample('s24le')).toBe(3);
  });
});

describe('G.711 against ffmpeg', () => {
  it.each(['mulaw', 'alaw'] as const)('%s: all 256 codes expand to the values ffmpeg gives', (encoding) => {
    const codes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const run = spawnSync(
      ffmpegPath,
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-f',
        encoding,
        '-ar',
        '8000',
        '-ac',
        '1',
        '-i',
        'pipe:0',
        '-f',
        's16le',
        'pipe:1',
      ],
      {
        input: codes,
      },
    );
    const ours = decodeSamples(encoding, codes);
    const theirs = Array.from({ length: 256 }, (_, i) => run.stdout.readInt16LE(i * 2) / 32768);
    expect(Array.from(ours)).toEqual(theirs);
  });
});
