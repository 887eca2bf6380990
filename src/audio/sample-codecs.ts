// Sample encodings we decode without ffmpeg: the ones live sources (arecord, sox, telephony
// gateways) write. Each turns little-endian bytes into floats in [-1, 1), interleaved as they came.

export type SampleEncoding = 's16le' | 's24le' | 's32le' | 'f32le' | 'u8' | 'mulaw' | 'alaw';

const BYTES: Record<SampleEncoding, number> = { s16le: 2, s24le: 3, s32le: 4, f32le: 4, u8: 1, mulaw: 1, alaw: 1 };

export function bytesPerSample(encoding: SampleEncoding): number {
  return BYTES[encoding];
}

// Decodes every whole sample in `bytes` (a trailing partial sample is the caller's to keep).
export function decodeSamples(encoding: SampleEncoding, bytes: Buffer): Float32Array {
  const count = Math.floor(bytes.length / BYTES[encoding]);
  const out = new Float32Array(count);
  // i stays below count, and a byte indexes a 256-entry table: the `??` defaults never apply.
  switch (encoding) {
    case 's16le':
      for (let i = 0; i < count; i++) out[i] = bytes.readInt16LE(i * 2) / 0x8000;
      break;
    case 's24le':
      for (let i = 0; i < count; i++) out[i] = bytes.readIntLE(i * 3, 3) / 0x800000;
      break;
    case 's32le':
      for (let i = 0; i < count; i++) out[i] = bytes.readInt32LE(i * 4) / 0x80000000;
      break;
    case 'f32le':
      // NaN would poison the resampler's history for as long as it stays in the window.
      for (let i = 0; i < count; i++) {
        const value = bytes.readFloatLE(i * 4);
        out[i] = Number.isNaN(value) ? 0 : value;
      }
      break;
    case 'u8':
      for (let i = 0; i < count; i++) out[i] = ((bytes[i] ?? 0x80) - 0x80) / 0x80;
      break;
    case 'mulaw':
      for (let i = 0; i < count; i++) out[i] = (MULAW[bytes[i] ?? 0] ?? 0) / 0x8000;
      break;
    case 'alaw':
      for (let i = 0; i < count; i++) out[i] = (ALAW[bytes[i] ?? 0] ?? 0) / 0x8000;
      break;
  }
  return out;
}

// G.711 expansion to the 16-bit values a telephone codec means (the range ffmpeg decodes to).
// μ-law: bits are inverted on the wire; magnitude = ((mantissa·8 + 132) << exponent) − 132.
export function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? 0 - magnitude : magnitude; // 0 − 0 is +0: "negative zero" is silence too
}

// A-law: even bits are inverted on the wire (xor 0x55); a set sign bit means positive.
export function alawToLinear(byte: number): number {
  const a = (byte ^ 0x55) & 0xff;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : 0 - magnitude;
}

const MULAW = Int16Array.from({ length: 256 }, (_, byte) => mulawToLinear(byte));
const ALAW = Int16Array.from({ length: 256 }, (_, byte) => alawToLinear(byte));
