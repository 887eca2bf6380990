// Tonecode recognition: find loud bursts, name each by its strongest symbol frequency, and refuse
// bursts that are not one clean tone (speech, music) instead of guessing a word for them.
import { TranscribeError } from '../errors.js';
import { defined } from '../util/must.js';
import { goertzelCoefficient, goertzelPowers } from './goertzel.js';
import { SYMBOL_COUNT, VOCAB, symbolFrequencyHz } from './vocab.js';

export interface DecodedWord {
  symbol: number;
  text: string;
  startMs: number;
  endMs: number;
}

export interface DecodeResult {
  words: DecodedWord[];
  /** Total ms of bursts that are not a clean tone: speech, music. */
  otherSoundMs: number;
}

const FRAME_MS = 10;
// A word's tone peaks at 0.3 of full scale (RMS ≈ −13.5 dBFS); −30 dBFS leaves room for lossy
// codecs and quiet resampling while staying far above −55 dBFS background noise.
const THRESHOLD_DBFS = -30;
const MIN_BURST_MS = 60;
// A word is a 120 ms tone; a burst far longer is a held note or merged sounds, not a word.
const MAX_WORD_BURST_MS = 250;
// Skipped at each end of a burst: the fades, and frames only partly covered by the tone.
const EDGE_MS = 20;
// Windows are whole multiples of 20 ms, the period of the 50 Hz symbol spacing, so a clean tone
// puts (almost) no power into the other 63 bins. Three units resolve symbols with ease.
const WINDOW_UNIT_MS = 20;
const MAX_WINDOW_UNITS = 3;
// Share of the window's energy that the best symbol must hold: ~1 for tonecode even after mp3
// or noise; speech spreads its energy over harmonics and formants and stays far below.
const MIN_PURITY = 0.6;

const coefficientsByRate = new Map<number, Float64Array>();
const powers = new Float64Array(SYMBOL_COUNT); // scratch: decoding is synchronous, so one suffices

/** Words of tonecode found in mono PCM16 samples, and how much other sound there was. */
export function decodeTonecode(samples: Int16Array, sampleRate = 24_000): DecodeResult {
  if (!Number.isInteger(sampleRate) || sampleRate < 8000) {
    throw new TranscribeError('USAGE', `tonecode: decode needs a sample rate of 8000 Hz or more, got ${sampleRate}`);
  }
  const words: DecodedWord[] = [];
  let otherSoundMs = 0;
  for (const [start, end] of bursts(samples, sampleRate)) {
    const durationMs = ((end - start) * 1000) / sampleRate;
    if (durationMs < MIN_BURST_MS) continue; // a click, or a tone cut at the edge of the buffer
    const symbol = durationMs <= MAX_WORD_BURST_MS ? cleanSymbol(samples, start, end, sampleRate) : undefined;
    if (symbol === undefined) {
      otherSoundMs += durationMs;
      continue;
    }
    words.push({
      symbol,
      text: defined(VOCAB[symbol], 'vocabulary word'),
      startMs: (start * 1000) / sampleRate,
      endMs: (end * 1000) / sampleRate,
    });
  }
  return { words, otherSoundMs };
}

// Runs of consecutive 10 ms frames whose RMS is above the threshold, as [startSample, endSample).
function bursts(samples: Int16Array, sampleRate: number): Array<[number, number]> {
  const frameLength = Math.round((sampleRate * FRAME_MS) / 1000);
  const thresholdRms = 32768 * 10 ** (THRESHOLD_DBFS / 20);
  const thresholdMeanSquare = thresholdRms * thresholdRms;
  const found: Array<[number, number]> = [];
  let runStart = -1;
  for (let frameStart = 0; frameStart < samples.length; frameStart += frameLength) {
    const frameEnd = Math.min(frameStart + frameLength, samples.length);
    let sum = 0;
    for (let n = frameStart; n < frameEnd; n++) {
      const sample = samples[n] ?? 0; // n < frameEnd <= samples.length
      sum += sample * sample;
    }
    const loud = sum / (frameEnd - frameStart) >= thresholdMeanSquare;
    if (loud && runStart < 0) runStart = frameStart;
    if (!loud && runStart >= 0) {
      found.push([runStart, frameStart]);
      runStart = -1;
    }
  }
  if (runStart >= 0) found.push([runStart, samples.length]);
  return found;
}

// The symbol of a burst that is one clean tone, else undefined.
function cleanSymbol(samples: Int16Array, start: number, end: number, sampleRate: number): number | undefined {
  const durationMs = ((end - start) * 1000) / sampleRate;
  const units = Math.max(1, Math.min(MAX_WINDOW_UNITS, Math.floor((durationMs - 2 * EDGE_MS) / WINDOW_UNIT_MS)));
  const length = Math.min(end - start, Math.round((units * WINDOW_UNIT_MS * sampleRate) / 1000));
  const windowStart = Math.round((start + end - length) / 2);

  let energy = 0;
  for (let n = windowStart; n < windowStart + length; n++) {
    const sample = samples[n] ?? 0; // the window lies inside the burst
    energy += sample * sample;
  }
  if (energy === 0) return undefined;

  goertzelPowers(samples, windowStart, length, symbolCoefficients(sampleRate), powers);
  let best = 0;
  let bestPower = powers[0] ?? 0;
  for (const [k, power] of powers.entries()) {
    if (power > bestPower) {
      best = k;
      bestPower = power;
    }
  }
  // For a pure sine, power = (A·N/2)² and energy = A²·N/2, so this ratio is 1.
  const purity = (2 * bestPower) / (length * energy);
  return purity >= MIN_PURITY ? best : undefined;
}

function symbolCoefficients(sampleRate: number): Float64Array {
  let coefficients = coefficientsByRate.get(sampleRate);
  if (!coefficients) {
    coefficients = new Float64Array(SYMBOL_COUNT);
    for (let k = 0; k < SYMBOL_COUNT; k++) coefficients[k] = goertzelCoefficient(symbolFrequencyHz(k), sampleRate);
    coefficientsByRate.set(sampleRate, coefficients);
  }
  return coefficients;
}
