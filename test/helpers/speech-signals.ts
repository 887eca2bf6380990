// Signals for the speech corpus, made in TypeScript from a seed so every build is bit-identical:
// room noise (white, pink), clatter (clicks and short bursts), music-like chords, and the ground
// truth rule that says which 10 ms frames of a clean voice are speech. Float samples, 24 kHz.
export const RATE = 24_000;
import { mulberry32 } from '../../src/util/random.js';

const FRAME = 240; // 10 ms at 24 kHz: the ground truth's grid, on the input's own clock

/** A seeded generator of uniform numbers in [0, 1): the project's own, so the same seed gives the same noise. */
export const prng = mulberry32;

export function dbToAmp(db: number): number {
  return 10 ** (db / 20);
}

export function ampToDb(amp: number): number {
  return amp > 0 ? 20 * Math.log10(amp) : -Infinity;
}

function rms(x: Float32Array, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! * x[i]!;
  return to > from ? Math.sqrt(sum / (to - from)) : 0;
}

export function peak(x: Float32Array): number {
  let p = 0;
  for (const v of x) p = Math.max(p, Math.abs(v));
  return p;
}

// Scales in place so the RMS is `dbfs` (0 dBFS = a full-scale square wave).
function scaleToRms(x: Float32Array, dbfs: number): Float32Array {
  const level = rms(x);
  if (level > 0) {
    const g = dbToAmp(dbfs) / level;
    for (let i = 0; i < x.length; i++) x[i]! *= g;
  }
  return x;
}

// Roughly Gaussian (sum of four uniforms), zero mean.
function gaussian(random: () => number): number {
  return random() + random() + random() + random() - 2;
}

/** Steady room noise at an RMS level: white, or pink (Paul Kellet's filter, −3 dB per octave). */
export function roomNoise(samples: number, color: 'white' | 'pink', dbfs: number, seed: number): Float32Array {
  const random = prng(seed);
  const out = new Float32Array(samples);
  let b0 = 0,
    b1 = 0,
    b2 = 0,
    b3 = 0,
    b4 = 0,
    b5 = 0,
    b6 = 0;
  for (let i = 0; i < samples; i++) {
    const w = gaussian(random);
    if (color === 'white') {
      out[i] = w;
      continue;
    }
    b0 = 0.99886 * b0 + w * 0.0555179;
    b1 = 0.99332 * b1 + w * 0.0750759;
    b2 = 0.969 * b2 + w * 0.153852;
    b3 = 0.8665 * b3 + w * 0.3104856;
    b4 = 0.55 * b4 + w * 0.5329522;
    b5 = -0.7616 * b5 - w * 0.016898;
    out[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
    b6 = w * 0.115926;
  }
  return scaleToRms(out, dbfs);
}

/** Clatter: clicks (1–3 ms) and knocks (20–80 ms of decaying noise), about three a second, peaks near `peakDbfs`. */
export function clatter(samples: number, peakDbfs: number, seed: number): Float32Array {
  const random = prng(seed);
  const out = new Float32Array(samples);
  for (let at = Math.floor(random() * RATE * 0.3); at < samples; at += Math.floor(RATE * (0.05 + random() * 0.6))) {
    const knock = random() < 0.4;
    const length = Math.floor(RATE * (knock ? 0.02 + random() * 0.06 : 0.001 + random() * 0.002));
    const amp = dbToAmp(peakDbfs) * (0.3 + 0.7 * random());
    const decay = 5 / length;
    for (let i = 0; i < length && at + i < samples; i++) {
      out[at + i]! += amp * Math.exp(-decay * i) * (random() * 2 - 1);
    }
  }
  return out;
}

/** Mains hum: 50 Hz with its second to fifth harmonics, steady, at an RMS level. */
export function hum(samples: number, dbfs: number): Float32Array {
  const out = new Float32Array(samples);
  for (let i = 0; i < samples; i++) {
    const t = i / RATE;
    out[i] = [1, 0.5, 0.35, 0.2, 0.1].reduce((v, a, k) => v + a * Math.sin(2 * Math.PI * 50 * (k + 1) * t), 0);
  }
  return scaleToRms(out, dbfs);
}

/** Music-like sound: chords of three tones with two harmonics, 0.4–1.4 s each, at an RMS level. */
export function chords(samples: number, dbfs: number, seed: number): Float32Array {
  const random = prng(seed);
  const out = new Float32Array(samples);
  for (let at = 0; at < samples;) {
    const length = Math.floor(RATE * (0.4 + random())); // 0.4–1.4 s
    const root = 110 * 2 ** (Math.floor(random() * 24) / 12);
    const tones = [root, root * 2 ** (4 / 12), root * 2 ** (7 / 12)];
    for (let i = 0; i < length && at + i < samples; i++) {
      const t = i / RATE;
      const envelope = Math.min(1, i / (RATE * 0.02)) * Math.exp(-1.5 * t);
      let v = 0;
      for (const f of tones) {
        v += Math.sin(2 * Math.PI * f * t) + 0.4 * Math.sin(4 * Math.PI * f * t) + 0.2 * Math.sin(6 * Math.PI * f * t);
      }
      out[at + i] = v * envelope;
    }
    at += length;
  }
  return scaleToRms(out, dbfs);
}

/**
 * The ground truth of one clean utterance placed at `offset` on the input's clock: the 10 ms
 * frames (on the absolute grid, multiples of 240 samples) whose RMS is within `rangeDb` (45 dB)
 * of the utterance's own loudest frame. Measured on the clean voice, before gain, reverb and
 * noise, so it says where the talker spoke, not what a detector could hear. 45 dB below the
 * peak frame reaches the soft consonants and word tails a transcript needs; exact digital
 * silence (espeak's gaps) is never speech. Returns [start, end) sample intervals, merged.
 */
export function speechFrames(
  voice: Float32Array,
  offset: number,
  rangeDb = 45,
  /** For a recording: frames must also stand this many dB above its quietest fifth of frames (its own room). */
  aboveBackgroundDb?: number,
): [number, number][] {
  const firstFrame = Math.floor(offset / FRAME);
  const lastFrame = Math.ceil((offset + voice.length) / FRAME);
  const levels: number[] = [];
  for (let f = firstFrame; f < lastFrame; f++) {
    const from = Math.max(0, f * FRAME - offset);
    const to = Math.min(voice.length, (f + 1) * FRAME - offset);
    // Averaged over the whole frame: a frame the utterance only half covers is half as loud.
    let sum = 0;
    for (let i = from; i < to; i++) sum += voice[i]! * voice[i]!;
    levels.push(Math.sqrt(sum / FRAME));
  }
  const loudest = Math.max(0, ...levels);
  let floor = loudest * dbToAmp(-rangeDb);
  if (aboveBackgroundDb !== undefined) {
    const sorted = levels.filter((level) => level > 0).sort((a, b) => a - b);
    const background = sorted[Math.floor(sorted.length / 5)] ?? 0;
    floor = Math.max(floor, background * dbToAmp(aboveBackgroundDb));
  }
  const intervals: [number, number][] = [];
  levels.forEach((level, k) => {
    if (level <= 0 || level < floor) return;
    const start = (firstFrame + k) * FRAME;
    const last = intervals[intervals.length - 1];
    if (last && last[1] === start) last[1] = start + FRAME;
    else intervals.push([start, start + FRAME]);
  });
  return intervals;
}
