// A discrete-event clock for tests and simulations: time stands still while there is work to do
// at the current instant, then jumps to the next timer that is due. An hour of paced audio runs in
// seconds, and what a test sees depends on the order of events, not on how busy the machine is.
import type { Clock } from './clock.js';
import { defined } from './must.js';

interface Timer {
  due: number;
  resolve: () => void;
  // Set when the sleep has a signal, so a fired or cancelled timer can drop its listener.
  unlisten?: () => void;
}

interface VirtualClockOptions {
  /** Time at the start (default 0). */
  startMs?: number;
  /**
   * Time never moves past this: a timer due later stays pending and `limitReached` resolves.
   * For tests of code that could wait forever, so that a hang fails at once instead of spinning
   * through virtual hours. Default: no limit.
   */
  limitMs?: number;
}

/** A `Clock` whose time moves only when nothing is left to do at the current time. */
export class VirtualClock implements Clock {
  #now: number;
  readonly #limitMs: number;
  // Ordered by due time; equal times keep the order in which they were asked for.
  readonly #timers: Timer[] = [];
  #stepQueued = false;
  #disposed = false;
  #reachLimit!: (now: number) => void;
  /** Resolves with the time at which the clock stopped at `limitMs` (never, without a limit). */
  readonly limitReached: Promise<number>;

  constructor(options: VirtualClockOptions = {}) {
    this.#now = options.startMs ?? 0;
    this.#limitMs = options.limitMs ?? Infinity;
    this.limitReached = new Promise((resolve) => (this.#reachLimit = resolve));
  }

  now(): number {
    return this.#now;
  }

  /** Timers waiting to fire (cancelled ones are gone at once). */
  get pending(): number {
    return this.#timers.length;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      // NaN counts as 0 (as setTimeout does); Infinity never fires.
      const timer: Timer = { due: this.#now + (ms > 0 ? ms : 0), resolve };
      if (signal) {
        const onAbort = () => {
          this.#remove(timer);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        timer.unlisten = () => signal.removeEventListener('abort', onAbort);
      }
      if (this.#disposed) return; // a disposed clock never fires
      this.#insert(timer);
      this.#queueStep();
    });
  }

  /**
   * Stops the clock: pending sleeps never resolve, new ones never fire. For the end of a test,
   * so a periodic timer left behind (a ping loop) does not keep the process busy.
   */
  dispose(): void {
    this.#disposed = true;
    for (const timer of this.#timers.splice(0)) timer.unlisten?.();
  }

  #insert(timer: Timer): void {
    // After every timer due at the same time or earlier: a binary search for the first later one.
    let lo = 0;
    let hi = this.#timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (defined(this.#timers[mid], 'timer').due <= timer.due) lo = mid + 1;
      else hi = mid;
    }
    this.#timers.splice(lo, 0, timer);
  }

  #remove(timer: Timer): void {
    const index = this.#timers.indexOf(timer);
    if (index >= 0) this.#timers.splice(index, 1);
  }

  // One timer per turn of the event loop. Between turns Node runs every microtask, so whatever
  // the last timer set off (promise chains, async functions) runs before time moves again; the
  // extra hop lets callbacks queued with setImmediate during that work run first too.
  #queueStep(): void {
    if (this.#stepQueued || this.#disposed || !this.#nextFiniteTimer()) return;
    this.#stepQueued = true;
    setImmediate(() => setImmediate(() => this.#step()));
  }

  #step(): void {
    this.#stepQueued = false;
    const timer = this.#disposed ? undefined : this.#nextFiniteTimer();
    if (!timer) return;
    if (timer.due > this.#limitMs) {
      this.#reachLimit(this.#now);
      return; // pending from here on; a sleep due within the limit starts the clock again
    }
    this.#timers.shift(); // the timer itself: the first one
    if (timer.due > this.#now) this.#now = timer.due;
    timer.unlisten?.();
    timer.resolve();
    this.#queueStep();
  }

  // The first timer, unless none is due at a finite time (timers are kept in order of due time).
  #nextFiniteTimer(): Timer | undefined {
    const first = this.#timers[0];
    return first !== undefined && Number.isFinite(first.due) ? first : undefined;
  }
}
