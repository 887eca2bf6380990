// Decides, from the first bytes on stdin, who decodes it: a WAV in a layout we read ourselves
// (no ffmpeg, no probing delay), or ffmpeg for everything else. Pure.
import { HEADER_PROBE_BYTES } from './input-probe.js';
import type { PcmLayout } from './pcm-converter.js';
import { RAW_RATE_RANGE } from './raw-format.js';
import type { SampleEncoding } from './sample-codecs.js';
import { parseWavHeader, wavDeclaredSeconds, type WavHeader } from './wav-header.js';

export type StdinSniff =
  | { kind: 'need-more' }
  | {
      kind: 'wav';
      layout: PcmLayout;
      /** Where the samples start in the bytes sniffed. */
      dataOffset: number;
      /** Bytes of samples the header declares; undefined for a streaming placeholder. */
      dataBytes: number | undefined;
      declaredSeconds: number | undefined;
    }
  | { kind: 'ffmpeg'; reason: string };

/** `ended`: the stream has closed, so `head` is all there will be. */
export function sniffStdin(head: Buffer, ended: boolean): StdinSniff {
  const parsed = parseWavHeader(head.length > HEADER_PROBE_BYTES ? head.subarray(0, HEADER_PROBE_BYTES) : head);
  if ('incomplete' in parsed) {
    if (!ended && head.length < HEADER_PROBE_BYTES) return { kind: 'need-more' };
    return {
      kind: 'ffmpeg',
      reason: ended ? 'the stream ended inside a WAV header' : 'no complete WAV header in the first 64 KiB',
    };
  }
  if ('notWav' in parsed) return { kind: 'ffmpeg', reason: `not a WAV stream (${parsed.reason})` };
  const encoding = wavEncoding(parsed);
  if (!encoding) {
    return {
      kind: 'ffmpeg',
      reason: `WAV format ${parsed.formatCode} at ${parsed.bitsPerSample} bits is left to ffmpeg`,
    };
  }
  // Rates outside the span raw input allows are no live source's; ffmpeg copes with odd ones.
  if (parsed.sampleRate < RAW_RATE_RANGE[0] || parsed.sampleRate > RAW_RATE_RANGE[1]) {
    return { kind: 'ffmpeg', reason: `WAV sample rate ${parsed.sampleRate} Hz is left to ffmpeg` };
  }
  // A block size that disagrees with the sample size means a layout we would misread.
  const frameBytes = (parsed.bitsPerSample / 8) * parsed.channels;
  if (parsed.blockAlign !== frameBytes) {
    return {
      kind: 'ffmpeg',
      reason: `WAV block size ${parsed.blockAlign} does not match ${parsed.channels} × ${parsed.bitsPerSample} bits`,
    };
  }
  return {
    kind: 'wav',
    layout: { encoding, sampleRate: parsed.sampleRate, channels: parsed.channels },
    dataOffset: parsed.dataOffset,
    dataBytes: parsed.dataBytes,
    declaredSeconds: wavDeclaredSeconds(parsed),
  };
}

// WAVE_FORMAT_EXTENSIBLE stores samples left-justified in their container, so a 20-bit
// stream in 24-bit containers reads correctly as 24-bit.
function wavEncoding(h: WavHeader): SampleEncoding | undefined {
  switch (h.subFormat) {
    case 'pcm':
      return ({ 8: 'u8', 16: 's16le', 24: 's24le', 32: 's32le' } as Record<number, SampleEncoding>)[h.bitsPerSample];
    case 'float':
      return h.bitsPerSample === 32 ? 'f32le' : undefined;
    case 'mulaw':
      return h.bitsPerSample === 8 ? 'mulaw' : undefined;
    case 'alaw':
      return h.bitsPerSample === 8 ? 'alaw' : undefined;
    default:
      return undefined;
  }
}
