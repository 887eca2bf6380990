// RIFF/WAVE framing for PCM16, the one container written without ffmpeg.
import { endianness } from 'node:os';
import { TranscribeError } from '../errors.js';

export const WAV_HEADER_BYTES = 44;
const MAX_DATA_BYTES = 0xffffffff - (WAV_HEADER_BYTES - 8);

/** The 44-byte header of a PCM16 WAV file holding `dataBytes` bytes of samples. */
export function wavHeader(dataBytes: number, sampleRate: number, channels: number): Buffer {
  if (!Number.isInteger(dataBytes) || dataBytes < 0 || dataBytes > MAX_DATA_BYTES) {
    throw new TranscribeError(
      'USAGE',
      `tonecode: a WAV file holds 0 to ${MAX_DATA_BYTES} bytes of samples, got ${dataBytes}`,
      {
        hint: 'use fewer sentences, a lower sample rate, or one channel',
      },
    );
  }
  const blockAlign = channels * 2;
  const header = Buffer.alloc(WAV_HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(WAV_HEADER_BYTES - 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size for plain PCM
  header.writeUInt16LE(1, 20); // format tag 1 = integer PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

const bigEndianHost = endianness() === 'BE';

/** Little-endian bytes of PCM16 samples (a view, not a copy, on little-endian hosts). */
export function pcm16Bytes(samples: Int16Array): Buffer {
  const view = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  return bigEndianHost ? Buffer.from(view).swap16() : view;
}
