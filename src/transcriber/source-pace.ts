// Tells a live source (a microphone: audio arrives at real time) from a fast one (`cat file.wav |`:
// audio arrives as fast as the pipe allows). A live source is read without pause, even while
// reconnecting, or it would overrun; a fast one can be held back like a file, so its backlog never
// counts against the replay limit.
import { samplesToMs } from '../audio/pcm-format.js';

const WINDOW_MS = 1_000;
// Audio arriving at more than this multiple of the send pace is not live.
const FAST_FACTOR = 2;

export class SourcePace {
  private arrivals: { atMs: number; samples: number }[] = [];
  private windowSamples = 0;
  private fast = false;

  constructor(private readonly speed: number) {}

  /** True once the source has shown it delivers audio faster than it could be live. */
  get isFast(): boolean {
    return this.fast;
  }

  observe(nowMs: number, samples: number): void {
    if (this.fast) return;
    this.arrivals.push({ atMs: nowMs, samples });
    this.windowSamples += samples;
    let oldest = this.arrivals[0];
    while (oldest !== undefined && oldest.atMs < nowMs - WINDOW_MS) {
      this.windowSamples -= oldest.samples;
      this.arrivals.shift();
      oldest = this.arrivals[0];
    }
    if (samplesToMs(this.windowSamples) > FAST_FACTOR * this.speed * WINDOW_MS) this.fast = true;
  }
}
