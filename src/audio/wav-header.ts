// Reads the RIFF/WAVE header at the start of a byte stream: enough to tell WAV from raw PCM on
// stdin, and to know how much audio a file's header promises (for truncation checks).

type WavSampleFormat = 'pcm' | 'float' | 'mulaw' | 'alaw' | 'extensible' | 'other';

export interface WavHeader {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** `extensible` carries its real encoding in `subFormat`; `other` covers ADPCM, GSM, MP3-in-WAV… */
  format: WavSampleFormat;
  /** The encoding behind WAVE_FORMAT_EXTENSIBLE; equals `format` otherwise. */
  subFormat: Exclude<WavSampleFormat, 'extensible'>;
  /** The raw wFormatTag (1 PCM, 3 float, 6 A-law, 7 mu-law, 0xFFFE extensible, …). */
  formatCode: number;
  blockAlign: number;
  byteRate: number;
  /** Byte offset of the first audio byte. */
  dataOffset: number;
  /** undefined when the writer could not know it (a pipe): 0, or a placeholder near 2 or 4 GiB. */
  dataBytes: number | undefined;
}

export type WavParseResult = WavHeader | { incomplete: true } | { notWav: true; reason: string };

const FORMAT_CODES: Record<number, Exclude<WavSampleFormat, 'extensible'>> = {
  0x0001: 'pcm',
  0x0003: 'float',
  0x0006: 'alaw',
  0x0007: 'mulaw',
};
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

// Streaming writers cannot seek back to patch the size, so they write a placeholder: arecord
// writes 0x80000000 or 0x7fffffff (its 2 GiB cap), ffmpeg and others 0xffffffff. A real file
// within 64 KiB of those sizes is vanishingly rare; treating it as "unknown" only skips a check.
const PLACEHOLDER_SLACK = 0x10000;

export function parseWavHeader(buf: Buffer): WavParseResult {
  const riff = ascii(buf, 0, 4);
  if (!'RIFF'.startsWith(riff) && !'RF64'.startsWith(riff)) return notWav('no RIFF tag');
  if (buf.length >= 12 && ascii(buf, 8, 4) !== 'WAVE') return notWav('RIFF but not WAVE');
  if (buf.length < 12) return 'WAVE'.startsWith(ascii(buf, 8, 4)) ? { incomplete: true } : notWav('RIFF but not WAVE');

  const isRf64 = riff === 'RF64';
  let rf64DataBytes: number | undefined;
  let fmt: Omit<WavHeader, 'dataOffset' | 'dataBytes'> | undefined;

  let offset = 12;
  for (;;) {
    if (offset + 8 > buf.length) return { incomplete: true };
    const id = ascii(buf, offset, 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;

    if (id === 'data') {
      if (!fmt) return notWav("'data' chunk before 'fmt '");
      const dataBytes = isRf64 && size === 0xffffffff ? rf64DataBytes : knownSize(size);
      return { ...fmt, dataOffset: body, dataBytes };
    }

    // Every other chunk must be whole in the buffer before we can step past it.
    if (body + size > buf.length) return { incomplete: true };
    if (id === 'fmt ') {
      const parsed = parseFmt(buf.subarray(body, body + size));
      if ('reason' in parsed) return notWav(parsed.reason);
      fmt = parsed;
    } else if (id === 'ds64' && size >= 16) {
      const bytes = Number(buf.readBigUInt64LE(body + 8));
      rf64DataBytes = bytes > 0 && Number.isSafeInteger(bytes) ? bytes : undefined;
    }
    // Chunks are word-aligned: an odd size is followed by one pad byte.
    offset = body + size + (size & 1);
  }
}

// Seconds of audio the header promises, when it says (undefined for streaming placeholders).
export function wavDeclaredSeconds(header: WavHeader): number | undefined {
  if (header.dataBytes === undefined) return undefined;
  const bytesPerSecond =
    header.subFormat === 'other'
      ? header.byteRate
      : header.sampleRate * header.channels * Math.ceil(header.bitsPerSample / 8);
  return bytesPerSecond > 0 ? header.dataBytes / bytesPerSecond : undefined;
}

function parseFmt(body: Buffer): Omit<WavHeader, 'dataOffset' | 'dataBytes'> | { reason: string } {
  if (body.length < 16) return { reason: `'fmt ' chunk of ${body.length} bytes is too short` };
  const formatCode = body.readUInt16LE(0);
  const channels = body.readUInt16LE(2);
  const sampleRate = body.readUInt32LE(4);
  const byteRate = body.readUInt32LE(8);
  const blockAlign = body.readUInt16LE(12);
  const bitsPerSample = body.readUInt16LE(14);
  if (channels === 0) return { reason: "'fmt ' declares 0 channels" };
  if (sampleRate === 0) return { reason: "'fmt ' declares a sample rate of 0" };

  if (formatCode === WAVE_FORMAT_EXTENSIBLE) {
    // The sub-format GUID starts with the classic format code (…-0000-0010-8000-00aa00389b71).
    const subCode = body.length >= 26 ? body.readUInt16LE(24) : -1;
    const subFormat = FORMAT_CODES[subCode] ?? 'other';
    return { sampleRate, channels, bitsPerSample, format: 'extensible', subFormat, formatCode, blockAlign, byteRate };
  }
  const format = FORMAT_CODES[formatCode] ?? 'other';
  return { sampleRate, channels, bitsPerSample, format, subFormat: format, formatCode, blockAlign, byteRate };
}

function knownSize(size: number): number | undefined {
  if (size === 0) return undefined;
  if (Math.abs(size - 0x80000000) <= PLACEHOLDER_SLACK) return undefined;
  if (size >= 0xffffffff - PLACEHOLDER_SLACK) return undefined;
  return size;
}

function ascii(buf: Buffer, start: number, length: number): string {
  return buf.toString('latin1', Math.min(start, buf.length), Math.min(start + length, buf.length));
}

function notWav(reason: string): { notWav: true; reason: string } {
  return { notWav: true, reason };
}
