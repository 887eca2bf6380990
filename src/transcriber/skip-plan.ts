// Which input audio is not sent: the middles of long silences, as the silence skipper decides
// while the input is read. The feeder asks it at the send cursor; the skipped audio counts as
// locally silent (done) for the acknowledged offset, and the session's audio map keeps every
// timestamp on the input's clock across the gaps. Bounded: ranges behind the cursor are released.
import { SilenceSkipper, type SilenceSkipOptions } from '../audio/silence-skipper.js';
import { BYTES_PER_SAMPLE } from '../audio/pcm-format.js';

interface Range {
  from: number;
  to: number;
}

export class SkipPlan {
  private readonly skipper: SilenceSkipper;
  private ranges: Range[] = [];
  private pushedTo: number;
  private decided: number;
  private reportedTo: number; // end of the last decision the skipper handed out

  constructor(options: SilenceSkipOptions, origin: number) {
    this.skipper = new SilenceSkipper(options, origin);
    this.pushedTo = this.decided = this.reportedTo = origin;
  }

  /** Every input sample before this is decided: sent, or skipped. */
  get decidedTo(): number {
    return this.decided;
  }

  /** The next chunk of input, as read. */
  push(inputStart: number, pcm: Buffer): void {
    this.record(this.skipper.push(inputStart, pcm));
    this.pushedTo = inputStart + pcm.length / BYTES_PER_SAMPLE;
    this.decided = this.pushedTo - this.skipper.heldSamples;
  }

  /** The input ended: what was held is decided now. */
  end(): void {
    this.record(this.skipper.end());
    this.decided = this.pushedTo;
  }

  /** If `sample` is skipped, where its skipped range ends (as far as it is decided). */
  skipEnd(sample: number): number | undefined {
    for (const range of this.ranges) {
      if (range.from > sample) break;
      if (sample < range.to) return range.to;
    }
    // Decided but not handed out: the skipper is inside a long silence that goes on.
    if (sample >= this.reportedTo && sample < this.decided) return this.decided;
    return undefined;
  }

  /** The first skipped sample after `sample`, if one is decided. */
  nextSkipFrom(sample: number): number | undefined {
    for (const range of this.ranges) if (range.from > sample) return range.from;
    return this.decided > this.reportedTo && this.reportedTo > sample ? this.reportedTo : undefined;
  }

  /** Forgets ranges that end before `sample`. */
  release(sample: number): void {
    while ((this.ranges[0]?.to ?? Infinity) <= sample) this.ranges.shift();
  }

  private record(decisions: ReturnType<SilenceSkipper['push']>): void {
    for (const d of decisions) {
      if (d.type === 'skip') {
        const last = this.ranges[this.ranges.length - 1];
        if (last && last.to === d.from) last.to = d.to;
        else this.ranges.push({ from: d.from, to: d.to });
        this.reportedTo = d.to;
      } else {
        this.reportedTo = d.inputStart + d.pcm.length / BYTES_PER_SAMPLE;
      }
    }
  }
}
