// Service time: the emulator pretends its clock runs `timeScale` times faster than the wall clock,
// so a 30-minute session cap or a drop "5 minutes in" can be tested in seconds. Every wait the
// emulator makes (latency, caps, fault times) is expressed in service ms and goes through here.
// The VAD does not use this clock at all: it runs on the appended audio's own timeline.

export class ServiceTime {
  private readonly origin: number;

  constructor(
    readonly timeScale: number,
    private readonly wallNow: () => number = () => performance.now(),
  ) {
    this.origin = wallNow();
  }

  // Service ms since this clock was made.
  now(): number {
    return (this.wallNow() - this.origin) * this.timeScale;
  }

  toWallMs(serviceMs: number): number {
    return Math.max(0, serviceMs / this.timeScale);
  }
}

// A group of timers that can all be cancelled at once: one per session, so nothing a session
// scheduled can fire after it ended, and one sweep on shutdown clears everything.
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();
  private cancelled = false;

  constructor(private readonly time: ServiceTime) {}

  after(serviceMs: number, fn: () => void): void {
    if (this.cancelled) return;
    const handle = setTimeout(() => {
      this.pending.delete(handle);
      fn();
    }, this.time.toWallMs(serviceMs));
    this.pending.add(handle);
  }

  cancelAll(): void {
    this.cancelled = true;
    for (const handle of this.pending) clearTimeout(handle);
    this.pending.clear();
  }
}
