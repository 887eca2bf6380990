import { describe, expect, it } from 'vitest';
import { WavSniffer } from '../../src/audio/input-probe.js';
import { parseWavHeader, wavDeclaredSeconds, type WavHeader } from '../../src/audio/wav-header.js';

// Builds headers chunk by chunk, the way writers in the wild lay them out.
function chunk(id: string, body: Buffer, declaredSize = body.length): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'latin1');
  head.writeUInt32LE(declaredSize, 4);
  return Buffer.concat([head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function fmtBody(o: { code?: number; channels?: number; rate?: number; bits?: number; extra?: Buffer } = {}): Buffer {
  const { code = 1, channels = 1, rate = 16000, bits = 16, extra } = o;
  const body = Buffer.alloc(16);
  const blockAlign = channels * Math.ceil(bits / 8);
  body.writeUInt16LE(code, 0);
  body.writeUInt16LE(channels, 2);
  body.writeUInt32LE(rate, 4);
  body.writeUInt32LE(rate * blockAlign, 8);
  body.writeUInt16LE(blockAlign, 12);
  body.writeUInt16LE(bits, 14);
  return extra ? Buffer.concat([body, extra]) : body;
}

function wav(chunks: Buffer[], magic = 'RIFF'): Buffer {
  const head = Buffer.alloc(12);
  head.write(magic, 0, 'latin1');
  head.writeUInt32LE(0xffffffff, 4);
  head.write('WAVE', 8, 'latin1');
  return Buffer.concat([head, ...chunks]);
}

const data = (declared: number, bytes = 4) => chunk('data', Buffer.alloc(bytes), declared);

describe('parseWavHeader', () => {
  it('reads a plain 16-bit PCM header', () => {
    const header = parseWavHeader(wav([chunk('fmt ', fmtBody()), data(32_000)]));
    expect(header).toEqual({
      sampleRate: 16000,
      channels: 1,
      bitsPerSample: 16,
      format: 'pcm',
      subFormat: 'pcm',
      formatCode: 1,
      blockAlign: 2,
      byteRate: 32000,
      dataOffset: 44,
      dataBytes: 32_000,
    });
    expect(wavDeclaredSeconds(header as WavHeader)).toBe(1);
  });

  it.each([
    ['0x80000000 (arecord to a pipe)', 0x80000000],
    ['0x7fffffff', 0x7fffffff],
    ['0xffffffff (ffmpeg to a pipe)', 0xffffffff],
    ['0', 0],
  ])('treats a data size of %s as unknown', (_, size) => {
    const header = parseWavHeader(wav([chunk('fmt ', fmtBody({ rate: 16000 })), data(size)])) as WavHeader;
    expect(header.dataBytes).toBeUndefined();
    expect(header.dataOffset).toBe(44);
    expect(wavDeclaredSeconds(header)).toBeUndefined();
  });

  it('walks past LIST and other chunks, with odd-size padding', () => {
    const list = chunk('LIST', Buffer.from('INFOISFT\x0e\x00\x00\x00Lavf58.24.100\x00', 'latin1'));
    const odd = chunk('junk', Buffer.alloc(5));
    const header = parseWavHeader(wav([list, chunk('fmt ', fmtBody()), odd, data(100)])) as WavHeader;
    expect(header.dataOffset).toBe(12 + list.length + 24 + 14 + 8);
    expect(header.dataBytes).toBe(100);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE and its sub-format', () => {
    // cbSize 22, valid bits, channel mask, then the sub-format GUID (KSDATAFORMAT_SUBTYPE_PCM).
    const extra = Buffer.alloc(24);
    extra.writeUInt16LE(22, 0);
    extra.writeUInt16LE(24, 2);
    extra.writeUInt32LE(0x3, 4);
    Buffer.from('0100000000001000800000aa00389b71', 'hex').copy(extra, 8);
    const header = parseWavHeader(
      wav([chunk('fmt ', fmtBody({ code: 0xfffe, channels: 2, rate: 48000, bits: 24, extra })), data(48000 * 6)]),
    ) as WavHeader;
    expect(header).toMatchObject({
      format: 'extensible',
      subFormat: 'pcm',
      formatCode: 0xfffe,
      channels: 2,
      bitsPerSample: 24,
    });
    expect(wavDeclaredSeconds(header)).toBe(1);
  });

  it.each([
    [3, 32, 'float'],
    [7, 8, 'mulaw'],
    [6, 8, 'alaw'],
    [0x11, 4, 'other'],
  ] as const)('names format code %i (%i bits) %s', (code, bits, format) => {
    const header = parseWavHeader(wav([chunk('fmt ', fmtBody({ code, bits, rate: 8000 })), data(8000)])) as WavHeader;
    expect(header.format).toBe(format);
    expect(header.bitsPerSample).toBe(bits);
  });

  it('declares float and mu-law durations from their sample size', () => {
    const float = parseWavHeader(
      wav([chunk('fmt ', fmtBody({ code: 3, bits: 32, rate: 8000 })), data(32000)]),
    ) as WavHeader;
    const mulaw = parseWavHeader(
      wav([chunk('fmt ', fmtBody({ code: 7, bits: 8, rate: 8000 })), data(8000)]),
    ) as WavHeader;
    expect(wavDeclaredSeconds(float)).toBe(1);
    expect(wavDeclaredSeconds(mulaw)).toBe(1);
  });

  it('takes an RF64 data size from its ds64 chunk', () => {
    const ds64 = Buffer.alloc(28);
    ds64.writeBigUInt64LE(5_000_000_000n, 8);
    const header = parseWavHeader(
      wav([chunk('ds64', ds64), chunk('fmt ', fmtBody()), data(0xffffffff)], 'RF64'),
    ) as WavHeader;
    expect(header.dataBytes).toBe(5_000_000_000);
  });

  it('asks for more bytes while the header is cut short', () => {
    const whole = wav([chunk('LIST', Buffer.alloc(100)), chunk('fmt ', fmtBody()), data(100)]);
    for (const length of [0, 3, 4, 11, 12, 19, 60, 140, whole.length - 9]) {
      expect(parseWavHeader(whole.subarray(0, length))).toEqual({ incomplete: true });
    }
    expect('dataOffset' in parseWavHeader(whole.subarray(0, whole.length - 4))).toBe(true);
  });

  it('says notWav for other bytes', () => {
    expect(parseWavHeader(Buffer.from('ID3\x04\x00', 'latin1'))).toMatchObject({ notWav: true });
    expect(parseWavHeader(Buffer.from('RIFF\x00\x00\x00\x00AVI LIST', 'latin1'))).toEqual({
      notWav: true,
      reason: 'RIFF but not WAVE',
    });
    expect(parseWavHeader(wav([data(4), chunk('fmt ', fmtBody())]))).toEqual({
      notWav: true,
      reason: "'data' chunk before 'fmt '",
    });
    expect(parseWavHeader(wav([chunk('fmt ', fmtBody({ channels: 0 })), data(4)]))).toEqual({
      notWav: true,
      reason: "'fmt ' declares 0 channels",
    });
  });
});

describe('WavSniffer', () => {
  it('reads the header as it trickles in', () => {
    const header = wav([chunk('fmt ', fmtBody()), data(64_000, 0)]);
    const sniffer = new WavSniffer();
    for (let i = 0; i < header.length; i += 5) sniffer.push(header.subarray(i, i + 5));
    sniffer.push(Buffer.alloc(1000));
    expect(sniffer.seconds).toBe(2);
  });

  it('stays undefined for raw audio', () => {
    const sniffer = new WavSniffer();
    sniffer.push(Buffer.alloc(4096, 7));
    expect(sniffer.seconds).toBeUndefined();
  });
});
