// Test signals and WAV headers for the JS decoding path: sines, levels, and headers laid out
// as live writers (arecord, sox, ffmpeg to a pipe) lay them out.

export { sine } from '../helpers/sine.js';

export function rms(samples: ArrayLike<number>, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / (to - from));
}

export const db = (ratio: number) => 20 * Math.log10(ratio);

export function s16Bytes(samples: ArrayLike<number>): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++)
    out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32768))), i * 2);
  return out;
}

export function pcm16Samples(bytes: Buffer): Int16Array {
  const out = new Int16Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = bytes.readInt16LE(i * 2);
  return out;
}

export function riffChunk(id: string, body: Buffer, declaredSize = body.length): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(declaredSize, 4);
  return Buffer.concat([head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

export interface FmtOptions {
  code?: number;
  channels?: number;
  rate?: number;
  bits?: number;
  /** WAVE_FORMAT_EXTENSIBLE with this sub-format code. */
  extensibleOf?: number;
}

function fmtChunk(o: FmtOptions = {}): Buffer {
  const { channels = 1, rate = 16_000, bits = 16 } = o;
  const blockAlign = channels * Math.ceil(bits / 8);
  const body = Buffer.alloc(o.extensibleOf === undefined ? 16 : 40);
  body.writeUInt16LE(o.extensibleOf === undefined ? (o.code ?? 1) : 0xfffe, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(rate, 4);
  body.writeUInt32LE(rate * blockAlign, 8);
  body.writeUInt16LE(blockAlign, 12);
  body.writeUInt16LE(bits, 14);
  if (o.extensibleOf !== undefined) {
    body.writeUInt16LE(22, 16); // cbSize
    body.writeUInt16LE(bits, 18); // valid bits
    body.writeUInt32LE(channels === 2 ? 3 : 4, 20); // channel mask
    body.writeUInt16LE(o.extensibleOf, 24); // GUID starts with the classic code
    Buffer.from('000000001000800000aa00389b71', 'hex').copy(body, 26);
  }
  return riffChunk('fmt ', body);
}

/** A WAV header whose data chunk declares `dataSize` (placeholders: 0, 0x7fffffff, 0x80000000, 0xffffffff). */
export function wavStreamHeader(dataSize: number, fmt: FmtOptions = {}, before: Buffer[] = []): Buffer {
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(dataSize >= 0xffffffff - 36 ? 0xffffffff : dataSize + 36, 4);
  head.write('WAVE', 8, 'latin1');
  const data = Buffer.alloc(8);
  data.write('data', 0, 'latin1');
  data.writeUInt32LE(dataSize, 4);
  return Buffer.concat([head, fmtChunk(fmt), ...before, data]);
}
