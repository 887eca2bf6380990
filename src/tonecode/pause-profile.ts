// How long the pause after each sentence is. 'fixed': pauseMs every time. 'varied': a seeded
// profile like unhurried speech, mostly 1–2 s with one pause in eight of 5–20 s, for testing
// silence skipping and cutting a file into spans. Each pause is drawn from (seed, sentence number)
// alone, so any stretch of a corpus can be laid out without drawing the ones before it.
import { mulberry32 } from '../util/random.js';

export type PauseProfile = 'fixed' | 'varied';

export const PAUSE_PROFILES: readonly PauseProfile[] = ['fixed', 'varied'];

const SHORT_MS: [number, number] = [1000, 2000];
const LONG_MS: [number, number] = [5000, 20_000];
const LONG_ONE_IN = 8;

/** The pause after sentence `i`, in ms (whole tens, so it is whole frames at every sample rate). */
export function pauseAfterMs(profile: PauseProfile, fixedMs: number, seed: number, i: number): number {
  if (profile === 'fixed') return fixedMs;
  const random = mulberry32(mix(seed, i));
  const [low, high] = random() < 1 / LONG_ONE_IN ? LONG_MS : SHORT_MS;
  return Math.round((low + random() * (high - low)) / 10) * 10;
}

// FNV-1a style mixing of the seed and the sentence number into one 32-bit state.
function mix(seed: number, i: number): number {
  let h = Math.imul(0x811c9dc5 ^ (seed >>> 0), 0x01000193);
  h = Math.imul(h ^ (i >>> 0), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) >>> 0;
}
