// Real-time pacing: when to release the next chunk of audio.
//
// The ideal release time of a chunk is computed from an anchor and the audio released since it,
// never by adding up sleeps, so timer overshoot and rounding do not accumulate into drift. Three
// rules bend the ideal schedule:
//   - never early: a chunk goes out no sooner than its ideal time;
//   - no bursts: two releases are at least half a chunk interval apart, so after a late tick the
//     backlog drains at twice the pace instead of all at once (where half an interval is at least
//     a timer tick: at 1× with 40 ms chunks, 20 ms);
//   - no marathon catch-up: once more than `maxLagMs` behind (a live source that paused, a
//     reconnect), the schedule re-anchors at now instead of racing to make up the gap.
import type { Clock } from '../util/clock.js';

export interface PacerState {
  /** Ideal release time of the first chunk of the current segment (undefined: anchor at next call). */
  readonly anchorMs: number | undefined;
  /** Audio released since the anchor, in milliseconds of audio. */
  readonly audioMs: number;
  /** The rate of the current segment; a new rate starts a new segment where the old one ends. */
  readonly rate: number;
  /** When the previous chunk actually went out. */
  readonly lastReleaseMs: number | undefined;
}

interface PacerDecision {
  releaseAtMs: number;
  /** How far behind its ideal time this chunk goes out (0 when on time). */
  lagMs: number;
  reanchored: boolean;
  state: PacerState;
}

// Node's timers count whole milliseconds.
const TIMER_TICK_MS = 1;

export const initialPacerState: PacerState = { anchorMs: undefined, audioMs: 0, rate: 1, lastReleaseMs: undefined };

// Decides when the next chunk (of `chunkDurationMs` of audio, sent at `rate`× real time) goes out.
// The returned state counts the chunk as released at `releaseAtMs`; pass the real release time
// to `markReleased` once it is known.
export function nextRelease(
  state: PacerState,
  nowMs: number,
  chunkDurationMs: number,
  rate: number,
  opts: { maxLagMs: number },
): PacerDecision {
  if (!(chunkDurationMs > 0) || !Number.isFinite(chunkDurationMs)) {
    throw new RangeError(`chunkDurationMs must be a positive number, got ${chunkDurationMs}`);
  }
  if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`rate must be a positive number, got ${rate}`);
  if (!(opts.maxLagMs >= 0)) throw new RangeError(`maxLagMs must be >= 0, got ${opts.maxLagMs}`);

  const intervalMs = chunkDurationMs / rate;
  // A gap shorter than a timer tick cannot be kept (a sleep lasts a tick at least): above about 20×
  // the half-interval rule would only hold the pace down to one chunk a tick, waking once per
  // chunk, while the due chunks may as well go together. Never early still holds.
  const minGapMs = intervalMs / 2 >= TIMER_TICK_MS ? intervalMs / 2 : 0;
  const notBefore = state.lastReleaseMs === undefined ? -Infinity : state.lastReleaseMs + minGapMs;

  let anchorMs: number;
  let audioMs: number;
  if (state.anchorMs === undefined) {
    anchorMs = Math.max(nowMs, notBefore);
    audioMs = 0;
  } else if (rate !== state.rate) {
    // The audio already released played at the old rate; the new rate applies from here on.
    anchorMs = state.anchorMs + state.audioMs / state.rate;
    audioMs = 0;
  } else {
    anchorMs = state.anchorMs;
    audioMs = state.audioMs;
  }

  const idealMs = anchorMs + audioMs / rate;
  const releaseAtMs = Math.max(idealMs, notBefore, nowMs);
  const lagMs = releaseAtMs - idealMs;
  const reanchored = lagMs > opts.maxLagMs;
  if (reanchored) {
    anchorMs = releaseAtMs;
    audioMs = 0;
  }

  return {
    releaseAtMs,
    lagMs,
    reanchored,
    state: { anchorMs, audioMs: audioMs + chunkDurationMs, rate, lastReleaseMs: releaseAtMs },
  };
}

// Records when the chunk really went out (a sleep may overshoot). Only the spacing rule uses it;
// the schedule stays on its anchor, which is what keeps overshoot from turning into drift.
export function markReleased(state: PacerState, actualMs: number): PacerState {
  const lastReleaseMs = state.lastReleaseMs === undefined ? actualMs : Math.max(state.lastReleaseMs, actualMs);
  return { ...state, lastReleaseMs };
}

// Forgets the schedule: the next chunk goes out at once (still spaced from the previous one).
function reanchorState(state: PacerState): PacerState {
  return { ...state, anchorMs: undefined, audioMs: 0 };
}

export interface PacerOptions {
  clock: Clock;
  /** Behind by more than this, re-anchor instead of catching up. Default 1000 ms. */
  maxLagMs?: number;
  /** Keep every release time in `releases` (tests, benchmarks); off by default, it grows. */
  record?: boolean;
}

/**
 * Waits until each chunk may be sent. One waiter at a time: call `wait` for a chunk, send it,
 * then call `wait` for the next.
 */
export class Pacer {
  /** Release times, when constructed with `record: true`. */
  readonly releases: number[] | undefined;
  readonly #clock: Clock;
  readonly #maxLagMs: number;
  #state: PacerState = initialPacerState;
  #waiting = false;

  constructor(options: PacerOptions) {
    const maxLagMs = options.maxLagMs ?? 1000;
    if (!(maxLagMs >= 0)) throw new RangeError(`maxLagMs must be >= 0, got ${options.maxLagMs}`);
    this.#clock = options.clock;
    this.#maxLagMs = maxLagMs;
    this.releases = options.record ? [] : undefined;
  }

  /** Resolves with the release time once the chunk may go out; rejects if `signal` aborts. */
  async wait(chunkDurationMs: number, rate: number, signal?: AbortSignal): Promise<number> {
    if (this.#waiting) throw new Error('Pacer.wait called while another wait is pending');
    signal?.throwIfAborted();
    this.#waiting = true;
    try {
      const now = this.#clock.now();
      const decision = nextRelease(this.#state, now, chunkDurationMs, rate, { maxLagMs: this.#maxLagMs });
      if (decision.releaseAtMs > now) await this.#clock.sleep(decision.releaseAtMs - now, signal);
      // Node's timers run on the event loop's cached millisecond clock and can wake a fraction
      // of a millisecond before performance.now() reaches the target: top up once.
      const short = decision.releaseAtMs - this.#clock.now();
      if (short > 0) await this.#clock.sleep(short, signal);
      // An aborted wait releases nothing, so the state is only committed here.
      const at = Math.max(this.#clock.now(), decision.releaseAtMs);
      this.#state = markReleased(decision.state, at);
      this.releases?.push(at);
      return at;
    } finally {
      this.#waiting = false;
    }
  }

  /**
   * The chunk actually left at `atMs` (after the release, the caller may have had more to do):
   * the half-interval minimum gap is kept between real sends, not only between releases.
   */
  markSent(atMs: number): void {
    this.#state = markReleased(this.#state, atMs);
  }

  /** Drops the schedule (after a resume, or when a live source restarts). */
  reanchor(): void {
    this.#state = reanchorState(this.#state);
  }
}
