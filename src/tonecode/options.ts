// Corpus options, validated once up front so every later step can trust them.
import { TranscribeError } from '../errors.js';
import { MAX_SENTENCES } from './corpus.js';
import { PAUSE_PROFILES, type PauseProfile } from './pause-profile.js';

/** What to synthesize: sentences first … first+count−1 of the numbered corpus, and how. */
export interface CorpusOptions {
  /** First sentence number (default 0). */
  first?: number | undefined;
  /** Number of sentences. */
  count: number;
  /** Silence after each sentence but the last, in ms (default 1000). */
  pauseMs?: number | undefined;
  /** 'fixed' (default): every pause is pauseMs; 'varied': seeded, mostly 1–2 s, one in eight 5–20 s. */
  pauses?: PauseProfile | undefined;
  /** Default 24000. */
  sampleRate?: number | undefined;
  /** Default 1; with 2 both channels carry the same signal. */
  channels?: 1 | 2 | undefined;
  /** White noise RMS level relative to full scale, e.g. -55. Default: no noise. */
  noiseDbfs?: number | undefined;
  /** Silence before the first tone, in ms (default 0). */
  leadingSilenceMs?: number | undefined;
  /** Silence after the last sentence's word gap, in place of its pause, in ms (default 500). */
  trailingSilenceMs?: number | undefined;
  /** Seed of the noise generator (default 1): the same seed gives the same samples. */
  seed?: number | undefined;
}

export interface ResolvedCorpusOptions {
  first: number;
  count: number;
  pauseMs: number;
  pauses: PauseProfile;
  sampleRate: number;
  channels: 1 | 2;
  noiseDbfs: number | undefined;
  leadingSilenceMs: number;
  trailingSilenceMs: number;
  seed: number;
}

const MIN_RATE = 8000;
const MAX_RATE = 192_000;

/** How each option is called in error messages: its property name, or a CLI flag. */
export type CorpusOptionNames = Record<keyof CorpusOptions, string>;

const PROPERTY_NAMES: CorpusOptionNames = {
  first: 'first',
  count: 'count',
  pauseMs: 'pauseMs',
  pauses: 'pauses',
  sampleRate: 'sampleRate',
  channels: 'channels',
  noiseDbfs: 'noiseDbfs',
  leadingSilenceMs: 'leadingSilenceMs',
  trailingSilenceMs: 'trailingSilenceMs',
  seed: 'seed',
};

/** Options with defaults filled in; throws a USAGE error naming the first bad option. */
export function resolveCorpusOptions(
  opts: CorpusOptions,
  names: CorpusOptionNames = PROPERTY_NAMES,
): ResolvedCorpusOptions {
  const first = opts.first ?? 0;
  const count = opts.count;
  wholeNumber(names.first, first, 0, MAX_SENTENCES - 1);
  wholeNumber(names.count, count, 0, MAX_SENTENCES);
  if (first + count > MAX_SENTENCES) {
    fail(
      `${names.first} + ${names.count} must be at most ${MAX_SENTENCES} (sentence numbers are 18 bits), got ${first} + ${count}`,
    );
  }
  const sampleRate = opts.sampleRate ?? 24_000;
  wholeNumber(names.sampleRate, sampleRate, MIN_RATE, MAX_RATE);
  const channels = opts.channels ?? 1;
  if (channels !== 1 && channels !== 2) fail(`${names.channels} must be 1 or 2, got ${String(channels)}`);
  const pauseMs = nonNegative(names.pauseMs, opts.pauseMs ?? 1000);
  const pauses = opts.pauses ?? 'fixed';
  if (!PAUSE_PROFILES.includes(pauses))
    fail(`${names.pauses} must be one of ${PAUSE_PROFILES.join(', ')}, got ${String(pauses)}`);
  const leadingSilenceMs = nonNegative(names.leadingSilenceMs, opts.leadingSilenceMs ?? 0);
  const trailingSilenceMs = nonNegative(names.trailingSilenceMs, opts.trailingSilenceMs ?? 500);
  const noiseDbfs = opts.noiseDbfs;
  if (noiseDbfs !== undefined && !(Number.isFinite(noiseDbfs) && noiseDbfs <= 0)) {
    fail(`${names.noiseDbfs} must be a level of 0 dBFS or below (e.g. -55), got ${noiseDbfs}`);
  }
  const seed = opts.seed ?? 1;
  if (!Number.isSafeInteger(seed)) fail(`${names.seed} must be an integer, got ${seed}`);
  return { first, count, pauseMs, pauses, sampleRate, channels, noiseDbfs, leadingSilenceMs, trailingSilenceMs, seed };
}

function wholeNumber(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) fail(`${name} must be a number of milliseconds, 0 or more, got ${value}`);
  return value;
}

function fail(message: string): never {
  throw new TranscribeError('USAGE', `tonecode: ${message}`);
}
