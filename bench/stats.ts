// Small summaries for bench figures, in memory that does not grow with the run (a ten-hour run
// must not measure its own bookkeeping).

/** The p-th percentile (0–100) of `values`, nearest rank; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** Counts of values in steps of `resolution`, up to `max` (larger ones count as `max`). */
export class Histogram {
  readonly #counts: Uint32Array;
  #total = 0;

  constructor(
    private readonly resolution = 0.01,
    private readonly max = 1000,
  ) {
    this.#counts = new Uint32Array(Math.round(max / resolution) + 1);
  }

  add(value: number): void {
    const bin = Math.min(this.#counts.length - 1, Math.max(0, Math.round(value / this.resolution)));
    this.#counts[bin] = (this.#counts[bin] ?? 0) + 1;
    this.#total++;
  }

  get count(): number {
    return this.#total;
  }

  /** Nearest rank, to the resolution; NaN when empty. */
  percentile(p: number): number {
    if (this.#total === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.#total));
    let seen = 0;
    for (const [i, count] of this.#counts.entries()) {
      seen += count;
      if (seen >= rank) return Math.min(this.max, i * this.resolution);
    }
    return this.max;
  }
}

// Send-time error of each append on one connection: how far the gap before it strays from what
// the audio before it allows at `speed` (the first append has no gap to judge). A pacer that
// keeps time has errors near zero; one that sleeps and adds up its overshoot has errors of a
// timer tick.
export class SendTimer {
  #lastAt: number | undefined;
  #lastMs = 0;

  constructor(
    private readonly errors: Histogram,
    private readonly speed: number,
  ) {}

  sent(at: number, audioMs: number): void {
    if (this.#lastAt !== undefined) this.errors.add(Math.abs(at - this.#lastAt - this.#lastMs / this.speed));
    this.#lastAt = at;
    this.#lastMs = audioMs;
  }
}
