// Which input audio is not sent: the middles of long pauses, as the speech detector decides while
// the input is read. Padded speech is always sent, and so is every pause shorter than the
// padding on both sides plus MIN_SKIP_MS; of a longer pause only the padding is sent. The feeder
// asks this at the send cursor; the session's audio map keeps every timestamp on the input's
// clock across the gaps. Bounded: ranges behind the cursor are released.
import type { FinalFrame } from './tracker.js';

export interface Range {
  from: number;
  to: number;
}

export class SkipPlan {
  private ranges: Range[] = [];
  private pauseFrom: number | undefined; // start of the pause the frames are in, if any
  private decided: number;

  /** `minSkipSamples`: the shortest pause (between paddings) that is skipped. */
  constructor(
    private readonly minSkipSamples: number,
    origin: number,
  ) {
    this.decided = origin;
  }

  /** Every input sample before this is decided: sent, or skipped. */
  get decidedTo(): number {
    return this.decided;
  }

  /** The next decided frame (the speech timeline's `onFinal`). */
  frame(frame: FinalFrame): void {
    // Frames before the origin (heard before a continued run's start) only tell where a pause began.
    if (frame.speech) {
      this.pauseFrom = undefined;
      this.decided = Math.max(this.decided, frame.end);
      return;
    }
    this.pauseFrom ??= frame.start;
    // A pause is undecided (held) until it is known to be long enough to skip.
    if (frame.end - this.pauseFrom < this.minSkipSamples) return;
    const last = this.ranges[this.ranges.length - 1];
    if (last?.from === this.pauseFrom) last.to = frame.end;
    else this.ranges.push({ from: this.pauseFrom, to: frame.end });
    this.decided = Math.max(this.decided, frame.end);
  }

  /** The input ended at `end` (every frame was handed over): a short pause left open is sent. */
  end(end: number): void {
    this.pauseFrom = undefined;
    this.decided = Math.max(this.decided, end);
  }

  /** If `sample` is skipped, where its skipped range ends (as far as it is decided). */
  skipEnd(sample: number): number | undefined {
    for (const range of this.ranges) {
      if (range.from > sample) break;
      if (sample < range.to) return range.to;
    }
    return undefined;
  }

  /** The first skipped sample after `sample`, if one is decided. */
  nextSkipFrom(sample: number): number | undefined {
    for (const range of this.ranges) if (range.from > sample) return range.from;
    return undefined;
  }

  /** The skipped ranges not yet released, in order. */
  get skipped(): readonly Range[] {
    return this.ranges;
  }

  /** Forgets ranges that end before `sample`. */
  release(sample: number): void {
    while ((this.ranges[0]?.to ?? Infinity) <= sample) this.ranges.shift();
  }
}
