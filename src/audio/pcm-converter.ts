// Bytes of one PCM layout in, PCM16 LE mono 24 kHz out, chunk by chunk: decode, average the
// channels, resample, round. Pure; a frame split across two chunks is held until it is whole.
import { downmix } from './downmix.js';
import { BYTES_PER_SAMPLE, SAMPLE_RATE } from './pcm-format.js';
import { Resampler } from './resampler.js';
import { bytesPerSample, decodeSamples, type SampleEncoding } from './sample-codecs.js';

export interface PcmLayout {
  encoding: SampleEncoding;
  sampleRate: number;
  channels: number;
}

export class PcmConverter {
  readonly layout: PcmLayout;
  readonly frameBytes: number;
  readonly #resampler: Resampler;
  #carry: Buffer = Buffer.alloc(0);

  constructor(layout: PcmLayout) {
    if (!Number.isInteger(layout.channels) || layout.channels < 1) {
      throw new RangeError(`channels must be a whole number, 1 or more, got ${layout.channels}`);
    }
    this.layout = layout;
    this.frameBytes = bytesPerSample(layout.encoding) * layout.channels;
    this.#resampler = new Resampler({ inRate: layout.sampleRate, outRate: SAMPLE_RATE });
  }

  /** Bytes of an incomplete frame waiting for the rest (dropped by end()). */
  get pendingBytes(): number {
    return this.#carry.length;
  }

  /** Converts every whole frame so far; the output may be empty (the resampler's short delay). */
  push(bytes: Buffer): Buffer {
    const input = this.#carry.length > 0 ? Buffer.concat([this.#carry, bytes]) : bytes;
    const whole = input.length - (input.length % this.frameBytes);
    // Copied: `bytes` belongs to the caller (a stream may reuse it).
    this.#carry = Buffer.from(input.subarray(whole));
    if (whole === 0) return Buffer.alloc(0);
    const mono = downmix(decodeSamples(this.layout.encoding, input.subarray(0, whole)), this.layout.channels);
    return toPcm16(this.#resampler.process(mono));
  }

  /** The last samples the resampler held back. An incomplete trailing frame is not audio. */
  end(): Buffer {
    return toPcm16(this.#resampler.flush());
  }
}

// Rounds to 16 bits and clips; 16-bit input at 24 kHz comes out bit for bit as it went in.
export function toPcm16(samples: Float32Array): Buffer {
  const out = Buffer.allocUnsafe(samples.length * BYTES_PER_SAMPLE);
  for (let i = 0; i < samples.length; i++) {
    const value = Math.round((samples[i] ?? 0) * 0x8000); // always in range
    out.writeInt16LE(value > 0x7fff ? 0x7fff : value < -0x8000 ? -0x8000 : value, i * BYTES_PER_SAMPLE);
  }
  return out;
}
