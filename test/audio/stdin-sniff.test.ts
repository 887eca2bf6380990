import { describe, expect, it } from 'vitest';
import { sniffStdin } from '../../src/audio/stdin-sniff.js';
import { riffChunk, wavStreamHeader } from './signal-fixtures.js';

const arecordLayout = { encoding: 's16le', sampleRate: 16_000, channels: 1 };

describe('sniffStdin', () => {
  it.each([
    ['0 (unknown)', 0],
    ['0x7fffffff (arecord)', 0x7fffffff],
    ['0x80000000 (arecord)', 0x80000000],
    ['0xffffffff (ffmpeg, sox)', 0xffffffff],
  ])('reads a streaming header with data size %s as unknown length', (_name, size) => {
    const head = Buffer.concat([wavStreamHeader(size), Buffer.alloc(10)]);
    expect(sniffStdin(head, false)).toEqual({
      kind: 'wav',
      layout: arecordLayout,
      dataOffset: 44,
      dataBytes: undefined,
      declaredSeconds: undefined,
    });
  });

  it('reads a declared length, and the seconds it promises', () => {
    expect(sniffStdin(wavStreamHeader(64_000), false)).toMatchObject({
      kind: 'wav',
      dataBytes: 64_000,
      declaredSeconds: 2,
    });
  });

  it('steps over LIST and other chunks before the data', () => {
    const list = riffChunk('LIST', Buffer.from('INFOISFT\x0e\x00\x00\x00Lavf58.29.100\x00', 'latin1'));
    const head = wavStreamHeader(0, {}, [list, riffChunk('fact', Buffer.alloc(4))]);
    expect(sniffStdin(head, false)).toMatchObject({ kind: 'wav', dataOffset: head.length, layout: arecordLayout });
  });

  it('asks for more until the header is whole, at any split', () => {
    const head = wavStreamHeader(0, {}, [riffChunk('LIST', Buffer.alloc(30))]);
    for (let cut = 0; cut < head.length; cut++)
      expect(sniffStdin(head.subarray(0, cut), false)).toEqual({ kind: 'need-more' });
    expect(sniffStdin(head, false).kind).toBe('wav');
  });

  it.each([
    [
      's24 stereo 48 kHz',
      { bits: 24, channels: 2, rate: 48_000 },
      { encoding: 's24le', sampleRate: 48_000, channels: 2 },
    ],
    ['s32', { bits: 32 }, { encoding: 's32le', sampleRate: 16_000, channels: 1 }],
    ['u8', { bits: 8 }, { encoding: 'u8', sampleRate: 16_000, channels: 1 }],
    ['float32', { code: 3, bits: 32, rate: 44_100 }, { encoding: 'f32le', sampleRate: 44_100, channels: 1 }],
    ['μ-law', { code: 7, bits: 8, rate: 8000 }, { encoding: 'mulaw', sampleRate: 8000, channels: 1 }],
    ['A-law', { code: 6, bits: 8, rate: 8000 }, { encoding: 'alaw', sampleRate: 8000, channels: 1 }],
    [
      'EXTENSIBLE PCM s16 stereo',
      { extensibleOf: 1, channels: 2 },
      { encoding: 's16le', sampleRate: 16_000, channels: 2 },
    ],
    ['EXTENSIBLE float', { extensibleOf: 3, bits: 32 }, { encoding: 'f32le', sampleRate: 16_000, channels: 1 }],
  ])('decodes %s in JS', (_name, fmt, layout) => {
    expect(sniffStdin(wavStreamHeader(0xffffffff, fmt), false)).toMatchObject({ kind: 'wav', layout });
  });

  it.each([
    ['float64', { code: 3, bits: 64 }, 'WAV format 3 at 64 bits is left to ffmpeg'],
    ['IMA ADPCM', { code: 0x11, bits: 4 }, 'WAV format 17 at 4 bits is left to ffmpeg'],
    ['a sample rate no microphone has', { rate: 500 }, 'WAV sample rate 500 Hz is left to ffmpeg'],
  ])('leaves %s to ffmpeg', (_name, fmt, reason) => {
    expect(sniffStdin(wavStreamHeader(0, fmt), false)).toEqual({ kind: 'ffmpeg', reason });
  });

  it('leaves a header whose block size disagrees with its sample size to ffmpeg', () => {
    const head = wavStreamHeader(0, { bits: 16, channels: 2 });
    head.writeUInt16LE(6, 32); // blockAlign
    expect(sniffStdin(head, false)).toEqual({ kind: 'ffmpeg', reason: 'WAV block size 6 does not match 2 × 16 bits' });
  });

  it('sends anything that is not RIFF/WAVE to ffmpeg as soon as the first bytes show it', () => {
    expect(sniffStdin(Buffer.from('ID3\x04'), false)).toEqual({
      kind: 'ffmpeg',
      reason: 'not a WAV stream (no RIFF tag)',
    });
    expect(sniffStdin(Buffer.from('fLaC'), false).kind).toBe('ffmpeg');
    expect(sniffStdin(Buffer.from([0xff, 0xfb, 0x90]), false).kind).toBe('ffmpeg');
    expect(sniffStdin(Buffer.from('RIFF\0\0\0\0AVI '), false)).toEqual({
      kind: 'ffmpeg',
      reason: 'not a WAV stream (RIFF but not WAVE)',
    });
  });

  it('gives up waiting at 64 KiB or at the end of the stream', () => {
    const huge = wavStreamHeader(0, {}, [riffChunk('LIST', Buffer.alloc(70_000))]);
    expect(sniffStdin(huge.subarray(0, 65_536), false)).toEqual({
      kind: 'ffmpeg',
      reason: 'no complete WAV header in the first 64 KiB',
    });
    expect(sniffStdin(Buffer.from('RIFF'), true)).toEqual({
      kind: 'ffmpeg',
      reason: 'the stream ended inside a WAV header',
    });
  });
});
