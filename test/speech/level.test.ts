import { describe, expect, it } from 'vitest';
import { peakDbfs, quietestOffset, rmsDbfs } from '../../src/speech/level.js';
import { sine16 } from '../helpers/sine.js';

// A 1 kHz sine (a period of 24 samples at 24 kHz).
const sine = (samples: number, amplitude: number) => sine16(1000, 24_000, samples, amplitude);

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

describe('peakDbfs', () => {
  it('is the largest sample against full scale', () => {
    expect(peakDbfs(new Int16Array(480))).toBe(-Infinity);
    expect(peakDbfs(sine(480, 32768 / 10))).toBeCloseTo(-20, 1);
    expect(peakDbfs(Int16Array.from([0, -16384, 100]))).toBeCloseTo(-6.02, 2);
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
