import { describe, expect, it } from 'vitest';
import { PcmConverter, toPcm16 } from '../../src/audio/pcm-converter.js';
import { db, pcm16Samples, rms, s16Bytes, sine } from './signal-fixtures.js';

function convertAll(converter: PcmConverter, pieces: Buffer[]): Int16Array {
  const out = [...pieces.map((p) => converter.push(p)), converter.end()];
  return pcm16Samples(Buffer.concat(out));
}

describe('PcmConverter', () => {
  it('passes s16le mono 24 kHz through bit for bit', () => {
    const bytes = s16Bytes(sine(440, 24_000, 2400, 0.9));
    const converter = new PcmConverter({ encoding: 's16le', sampleRate: 24_000, channels: 1 });
    expect(Buffer.concat([converter.push(bytes), converter.end()])).toEqual(bytes);
  });

  it('holds a frame split across pushes until it is whole, and gives the same output as one push', () => {
    const layout = { encoding: 's24le' as const, sampleRate: 16_000, channels: 2 };
    const bytes = Buffer.alloc(6 * 1000);
    const tone = sine(1000, 16_000, 1000);
    for (let f = 0; f < 1000; f++) {
      bytes.writeIntLE(Math.round(tone[f]! * 0x7fffff), f * 6, 3);
      bytes.writeIntLE(Math.round(tone[f]! * 0x7fffff), f * 6 + 3, 3);
    }
    const whole = convertAll(new PcmConverter(layout), [bytes]);
    // Cuts inside a sample and inside a frame (between the channels).
    const split = convertAll(new PcmConverter(layout), [
      bytes.subarray(0, 1),
      bytes.subarray(1, 4),
      bytes.subarray(4, 3001),
      bytes.subarray(3001),
    ]);
    expect(split).toEqual(whole);
    expect(whole.length).toBe(1500);
  });

  it('reports and drops a trailing partial frame', () => {
    const converter = new PcmConverter({ encoding: 's16le', sampleRate: 24_000, channels: 2 });
    expect(converter.push(Buffer.alloc(7)).length).toBe(2); // one frame → one mono sample
    expect(converter.pendingBytes).toBe(3);
    expect(converter.end().length).toBe(0);
  });

  it('downmixes stereo by averaging: opposite channels cancel, equal channels keep their level', () => {
    const left = sine(1000, 48_000, 4800, 0.5);
    const stereo = new Float32Array(9600);
    const opposite = new Float32Array(9600);
    for (let i = 0; i < 4800; i++) {
      stereo[2 * i] = stereo[2 * i + 1] = left[i]!;
      opposite[2 * i] = left[i]!;
      opposite[2 * i + 1] = -left[i]!;
    }
    const layout = { encoding: 's16le' as const, sampleRate: 48_000, channels: 2 };
    const same = convertAll(new PcmConverter(layout), [s16Bytes(stereo)]);
    expect(Math.abs(db(rms(same, 240, 2160) / 32768 / (0.5 / Math.SQRT2)))).toBeLessThan(0.1);
    const cancelled = convertAll(new PcmConverter(layout), [s16Bytes(opposite)]);
    expect(rms(cancelled)).toBeLessThan(1);
  });

  it('decodes 8 kHz μ-law to 24 kHz: a constant code keeps its exact 16-bit value', () => {
    const dc = convertAll(new PcmConverter({ encoding: 'mulaw', sampleRate: 8000, channels: 1 }), [
      Buffer.alloc(800, 0xa0),
    ]);
    expect(dc.length).toBe(2400);
    expect(Array.from(dc.subarray(300, 2100)).every((v) => v === 7932)).toBe(true); // G.711 code 0xa0
  });

  it('rounds and clips to 16 bits', () => {
    expect(Array.from(pcm16Samples(toPcm16(Float32Array.from([1.5, -2, 0.5, -0.5, 1 / 65536]))))).toEqual([
      32767, -32768, 16384, -16384, 1,
    ]);
  });

  it('rejects a channel count below 1', () => {
    expect(() => new PcmConverter({ encoding: 's16le', sampleRate: 16_000, channels: 0 })).toThrow(
      'channels must be a whole number, 1 or more, got 0',
    );
  });
});
