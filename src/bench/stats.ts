// Small pure summaries for bench figures.

/** The p-th percentile (0–100) of `values`, nearest rank; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One connection's appends: when each left and how much audio it carried. */
export interface SendLog {
  times: number[];
  audioMs: number[];
}

// Send-time error of each append: how far the gap before it strays from what the audio before it
// allows at `speed` (the first append of each connection has no gap to judge). A pacer that keeps
// time has errors near zero; one that sleeps and adds up its overshoot has errors of a timer tick.
export function sendErrors(logs: readonly SendLog[], speed: number): number[] {
  const errors: number[] = [];
  for (const log of logs) {
    for (let i = 1; i < log.times.length; i++) {
      errors.push(Math.abs(log.times[i]! - log.times[i - 1]! - log.audioMs[i - 1]! / speed));
    }
  }
  return errors;
}
