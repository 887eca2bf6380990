import { describe, expect, it } from 'vitest';
import { rawInputFfmpegArgs, rawInputLayout, type RawInputFormat } from '../../src/audio/raw-format.js';
import { TranscribeError } from '../../src/errors.js';

function usageMessage(raw: RawInputFormat): string {
  try {
    rawInputLayout(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(TranscribeError);
    expect((err as TranscribeError).code).toBe('USAGE');
    return (err as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('raw input format', () => {
  it('turns a valid format into a converter layout and ffmpeg arguments', () => {
    const raw: RawInputFormat = { encoding: 'mulaw', sampleRate: 8000, channels: 1 };
    expect(rawInputLayout(raw)).toEqual(raw);
    expect(rawInputFfmpegArgs({ encoding: 's16le', sampleRate: 16_000, channels: 2 })).toEqual([
      '-f',
      's16le',
      '-ar',
      '16000',
      '-ac',
      '2',
    ]);
  });

  it('names the field and the value it rejects', () => {
    expect(usageMessage({ encoding: 'pcm' as never, sampleRate: 8000, channels: 1 })).toBe(
      'rawInput.encoding must be s16le, f32le, mulaw (pcm)',
    );
    expect(usageMessage({ encoding: 's16le', sampleRate: 44_100.5, channels: 1 })).toBe(
      'rawInput.sampleRate must be a whole number of Hz from 1000 to 768000 (44100.5)',
    );
    expect(usageMessage({ encoding: 's16le', sampleRate: 16_000, channels: 0 })).toBe(
      'rawInput.channels must be a whole number from 1 to 64 (0)',
    );
  });
});
