// Capped exponential backoff with jitter, so clients that lost the service together do not all
// come back in the same millisecond. Randomness is injected, so tests pin exact delays.

export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
  /** 0..1: the fraction of a delay that may be taken off at random (0 = none). */
  jitter: number;
}

/** The delay before retry number `attempt` (1-based): base·2^(attempt-1), capped, minus jitter. */
export function backoffDelayMs(attempt: number, opts: BackoffOptions, random: () => number): number {
  const base = Math.max(0, opts.baseMs);
  const max = Math.max(0, opts.maxMs);
  const jitter = clamp(opts.jitter, 0, 1);
  const exponent = Math.max(0, Math.floor(attempt) - 1);
  // 2^exponent overflows to Infinity for large attempts, which min() turns into the cap.
  const raw = base === 0 ? 0 : Math.min(max, base * 2 ** exponent);
  return Math.round(raw * (1 - jitter * clamp(random(), 0, 1)));
}

function clamp(value: number, lo: number, hi: number): number {
  return Number.isNaN(value) ? lo : Math.min(hi, Math.max(lo, value));
}
