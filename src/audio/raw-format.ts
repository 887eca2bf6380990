// Headerless PCM (arecord -t raw, sox -t raw): the layout the caller states, since the bytes
// cannot say it themselves.
import { TranscribeError } from '../errors.js';
import type { PcmLayout } from './pcm-converter.js';

/** Sample encodings of headerless PCM: 16-bit and 32-bit float little-endian, or 8-bit µ-law. */
export type RawEncoding = 's16le' | 'f32le' | 'mulaw';

/** The layout of headerless PCM, which the bytes cannot state themselves. */
export interface RawInputFormat {
  /** How each sample is stored. */
  encoding: RawEncoding;
  /** Samples per second per channel, in Hz (1000 to 768000); it is resampled to 24 kHz. */
  sampleRate: number;
  /** Interleaved channels, 1 to 64; they are mixed down to mono. */
  channels: number;
}

const ENCODINGS: readonly RawEncoding[] = ['s16le', 'f32le', 'mulaw'];
export const RAW_RATE_RANGE = [1000, 768_000] as const;
export const RAW_CHANNEL_RANGE = [1, 64] as const;

// Throws USAGE naming the field and the value; returns the layout the converter takes.
export function rawInputLayout(raw: RawInputFormat): PcmLayout {
  if (!ENCODINGS.includes(raw.encoding)) {
    throw usage(`rawInput.encoding must be ${ENCODINGS.join(', ')} (${String(raw.encoding)})`);
  }
  const [minRate, maxRate] = RAW_RATE_RANGE;
  if (!Number.isInteger(raw.sampleRate) || raw.sampleRate < minRate || raw.sampleRate > maxRate) {
    throw usage(`rawInput.sampleRate must be a whole number of Hz from ${minRate} to ${maxRate} (${raw.sampleRate})`);
  }
  const [minChannels, maxChannels] = RAW_CHANNEL_RANGE;
  if (!Number.isInteger(raw.channels) || raw.channels < minChannels || raw.channels > maxChannels) {
    throw usage(`rawInput.channels must be a whole number from ${minChannels} to ${maxChannels} (${raw.channels})`);
  }
  return { encoding: raw.encoding, sampleRate: raw.sampleRate, channels: raw.channels };
}

// The same statement for ffmpeg, for a headerless file read by path.
export function rawInputFfmpegArgs(raw: RawInputFormat): string[] {
  rawInputLayout(raw);
  return ['-f', raw.encoding, '-ar', String(raw.sampleRate), '-ac', String(raw.channels)];
}

function usage(message: string): TranscribeError {
  return new TranscribeError('USAGE', message, {
    hint: 'describe headerless input as { encoding, sampleRate, channels }, e.g. s16le, 16000, 1',
  });
}
