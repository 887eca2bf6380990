// Loudness of PCM16 audio, for what is not a speech verdict: the quiet-input notice's level, the
// quietest point to cut a monologue at, and a frame's level against the room's. Whether a frame is
// speech is the detector's answer (detector.ts), never a level test.
import { endianness } from 'node:os';

const FULL_SCALE = 32768;
const LITTLE_ENDIAN_HOST = endianness() === 'LE';

// RMS level in dBFS, where a full-scale square wave is 0 dB and a full-scale sine −3 dB.
// Digital silence (and an empty buffer) is −Infinity.
export function rmsDbfs(pcm: Buffer | Int16Array): number {
  const samples = toSamples(pcm);
  if (samples.length === 0) return -Infinity;
  let sumSquares = 0;
  for (const sample of samples) sumSquares += sample * sample;
  if (sumSquares === 0) return -Infinity;
  return 20 * Math.log10(Math.sqrt(sumSquares / samples.length) / FULL_SCALE);
}

/** RMS and peak level of one frame in dBFS, in one pass (−Infinity for digital silence). */
export function frameLevels(samples: Int16Array): { rmsDbfs: number; peakDbfs: number } {
  let sumSquares = 0;
  let peak = 0;
  for (const sample of samples) {
    sumSquares += sample * sample;
    const magnitude = sample < 0 ? -sample : sample;
    if (magnitude > peak) peak = magnitude;
  }
  if (peak === 0) return { rmsDbfs: -Infinity, peakDbfs: -Infinity };
  return {
    rmsDbfs: 20 * Math.log10(Math.sqrt(sumSquares / samples.length) / FULL_SCALE),
    peakDbfs: 20 * Math.log10(peak / FULL_SCALE),
  };
}

// The largest absolute sample, in dBFS (−Infinity for digital silence).
export function peakDbfs(samples: Int16Array): number {
  let peak = 0;
  for (const sample of samples) {
    const magnitude = sample < 0 ? -sample : sample;
    if (magnitude > peak) peak = magnitude;
  }
  return peak === 0 ? -Infinity : 20 * Math.log10(peak / FULL_SCALE);
}

// Sample offset where the quietest window of `windowSamples` starts (the earliest, on a tie).
// A buffer shorter than the window is one window, at 0.
export function quietestOffset(pcm: Buffer | Int16Array, windowSamples: number): number {
  if (!Number.isInteger(windowSamples) || windowSamples <= 0) {
    throw new RangeError(`windowSamples must be a positive integer, got ${windowSamples}`);
  }
  const samples = toSamples(pcm);
  if (samples.length <= windowSamples) return 0;

  // A running sum of squares stays an exact integer (each term < 2^30) for windows up to 2^23
  // samples, so sliding it never drifts.
  let energy = 0;
  for (const sample of samples.subarray(0, windowSamples)) energy += sample * sample;
  let best = energy;
  let bestOffset = 0;
  for (let start = 1; start + windowSamples <= samples.length; start++) {
    // Typed-array reads inside the bounds the loop keeps; `?? 0` only satisfies the index check.
    const leaving = samples[start - 1] ?? 0;
    const entering = samples[start + windowSamples - 1] ?? 0;
    energy += entering * entering - leaving * leaving;
    if (energy < best) {
      best = energy;
      bestOffset = start;
    }
  }
  return bestOffset;
}

// A view when the bytes allow one (aligned, little-endian host); a decoded copy otherwise.
export function toSamples(pcm: Buffer | Int16Array): Int16Array {
  if (pcm instanceof Int16Array) return pcm;
  const count = pcm.length >> 1;
  if (LITTLE_ENDIAN_HOST && pcm.byteOffset % 2 === 0) return new Int16Array(pcm.buffer, pcm.byteOffset, count);
  const samples = new Int16Array(count);
  for (let i = 0; i < count; i++) samples[i] = pcm.readInt16LE(i * 2);
  return samples;
}
