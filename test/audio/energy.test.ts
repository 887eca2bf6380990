import { describe, expect, it } from 'vitest';
import { firstSoundOffset, isSilent, quietestOffset, rmsDbfs } from '../../src/audio/energy.js';

const sine = (samples: number, amplitude: number, period = 24) =>
  Int16Array.from({ length: samples }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * i) / period)));

const toBuffer = (samples: Int16Array) => {
  const buf = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => buf.writeInt16LE(s, i * 2));
  return buf;
};

describe('rmsDbfs', () => {
  it('is −Infinity for digital silence and for no samples', () => {
    expect(rmsDbfs(new Int16Array(480))).toBe(-Infinity);
    expect(rmsDbfs(Buffer.alloc(0))).toBe(-Infinity);
  });

  it('puts a full-scale square at 0 dB and a full-scale sine at −3 dB', () => {
    const square = Int16Array.from({ length: 480 }, (_, i) => (i % 2 ? 32767 : -32768));
    expect(rmsDbfs(square)).toBeCloseTo(0, 3);
    expect(rmsDbfs(sine(2400, 32767))).toBeCloseTo(-3.01, 2);
  });

  it('falls 20 dB for each tenth of the amplitude', () => {
    expect(rmsDbfs(sine(2400, 3277)) - rmsDbfs(sine(2400, 32767))).toBeCloseTo(-20, 1);
  });

  it('reads a Buffer as little-endian samples, aligned or not', () => {
    const samples = sine(960, 10_000);
    const aligned = toBuffer(samples);
    const shifted = Buffer.alloc(aligned.length + 1).subarray(1);
    aligned.copy(shifted);
    expect(shifted.byteOffset % 2).toBe(1);
    expect(rmsDbfs(aligned)).toBeCloseTo(rmsDbfs(samples), 9);
    expect(rmsDbfs(shifted)).toBeCloseTo(rmsDbfs(samples), 9);
  });
});

describe('isSilent', () => {
  it('uses −45 dBFS by default', () => {
    expect(isSilent(new Int16Array(480))).toBe(true);
    expect(isSilent(sine(480, 100))).toBe(true); // about −53 dBFS: room tone
    expect(isSilent(sine(480, 1000))).toBe(false); // about −33 dBFS: quiet speech
    expect(isSilent(sine(480, 1000), -30)).toBe(true);
  });
});

describe('quietestOffset', () => {
  it('finds the start of the quietest window', () => {
    const samples = Int16Array.from({ length: 24_000 }, (_, i) => (i % 2 ? 8000 : -8000));
    samples.fill(3, 15_000, 15_480); // a 20 ms pause
    expect(quietestOffset(samples, 480)).toBe(15_000);
    expect(quietestOffset(toBuffer(samples), 480)).toBe(15_000);
  });

  it('prefers the earliest of equally quiet windows', () => {
    const samples = Int16Array.from({ length: 4_800 }, (_, i) => (i % 2 ? 8000 : -8000));
    samples.fill(0, 1_000, 1_600);
    samples.fill(0, 3_000, 3_600);
    // Windows starting at 1000…1120 and 3000…3120 are all silent: the first one wins.
    expect(quietestOffset(samples, 480)).toBe(1_000);
  });

  it('returns 0 when the buffer is no longer than one window', () => {
    expect(quietestOffset(sine(100, 8000), 480)).toBe(0);
  });

  it('rejects a window that is not a positive whole number of samples', () => {
    expect(() => quietestOffset(new Int16Array(10), 0)).toThrow('windowSamples must be a positive integer, got 0');
  });
});

describe('firstSoundOffset', () => {
  it('finds the first window with sound, to the window', () => {
    const pcm = new Int16Array(2400);
    pcm.set(sine(600, 8000), 1000);
    expect(firstSoundOffset(pcm, 240, -50)).toBe(960); // the window 960..1199 holds the onset at 1000
    expect(firstSoundOffset(pcm, 100, -50)).toBe(1000);
  });

  it('judges a short last window too', () => {
    const pcm = new Int16Array(250);
    pcm.set(sine(10, 8000), 240);
    expect(firstSoundOffset(pcm, 100, -50)).toBe(200);
  });

  it('is undefined for silence, for nothing, and refuses a bad window', () => {
    expect(firstSoundOffset(new Int16Array(1000), 100, -50)).toBeUndefined();
    expect(firstSoundOffset(Buffer.alloc(0), 100)).toBeUndefined();
    expect(() => firstSoundOffset(new Int16Array(10), 0)).toThrow(RangeError);
  });
});
