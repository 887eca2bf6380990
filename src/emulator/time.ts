// Service time: the emulator pretends its clock runs `timeScale` times faster than the injected
// clock, so a 30-minute session cap or a drop "5 minutes in" can be tested in seconds. Every wait
// the emulator makes (latency, caps, fault times) is expressed in service ms and goes through the
// one injected Clock (util/clock.ts): the real one behind a socket, a virtual one in tests.
// The VAD does not use this clock at all: it runs on the appended audio's own timeline.
import { setMaxListeners } from 'node:events';
import { systemClock, type Clock } from '../util/clock.js';

export class ServiceTime {
  private readonly origin: number;

  constructor(
    readonly timeScale: number,
    readonly clock: Clock = systemClock,
  ) {
    this.origin = clock.now();
  }

  // Service ms since this clock was made.
  now(): number {
    return (this.clock.now() - this.origin) * this.timeScale;
  }

  toClockMs(serviceMs: number): number {
    return Math.max(0, serviceMs / this.timeScale);
  }
}

// A group of timers that can all be cancelled at once: one per session, so nothing a session
// scheduled can fire after it ended, and one sweep on shutdown clears everything.
export class Timers {
  private readonly cancel = new AbortController();

  constructor(private readonly time: ServiceTime) {
    // One listener per pending timer on this signal is expected, not a leak.
    setMaxListeners(0, this.cancel.signal);
  }

  after(serviceMs: number, fn: () => void): void {
    if (this.cancel.signal.aborted) return;
    this.time.clock.sleep(this.time.toClockMs(serviceMs), this.cancel.signal).then(
      () => {
        if (!this.cancel.signal.aborted) fn();
      },
      () => {},
    );
  }

  cancelAll(): void {
    this.cancel.abort();
  }
}
