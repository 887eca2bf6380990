// Skipped silence counts as done: once everything before a skipped range is acknowledged, the
// acknowledged offset (and the checkpoint) moves to its end, so a continued run never sends it,
// and a resume's replay never waits on it. Keeps only the ranges not yet passed.
import type { SkipRange } from './silence-skipper.js';

export class SkipLedger {
  #ranges: { from: number; to: number }[] = [];

  /** A range the skipper reported; ranges come in input order. */
  add(range: Pick<SkipRange, 'from' | 'to'>): void {
    const last = this.#ranges[this.#ranges.length - 1];
    if (last && range.from < last.to) throw new RangeError(`skip ranges must come in order: ${range.from}..${range.to} after ${last.from}..${last.to}`);
    if (last && range.from === last.to) last.to = range.to;
    else this.#ranges.push({ from: range.from, to: range.to });
  }

  /** The offset every sample before `acked` (input samples) is done up to, skipped ranges included. */
  advance(acked: number): number {
    let at = acked;
    while (this.#ranges.length > 0 && this.#ranges[0]!.from <= at) at = Math.max(at, this.#ranges.shift()!.to);
    return at;
  }

  /** Ranges still ahead of the acknowledged offset. */
  get pending(): readonly { from: number; to: number }[] {
    return this.#ranges;
  }
}
