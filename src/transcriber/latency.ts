// How late the service's transcripts come, and so how long a commit may wait for one. A slow
// service is not a dead one: once transcripts have been seen to take L after their commit, a
// commit is owed its transcript within LATENCY_FACTOR × L (never less than --drain-timeout, never
// more than LATE_DEADLINE_CAP_MS). A service that has never transcribed shows no latency, so it is
// held to the drain timeout as before. Pure: sessions report each latency, the watchdog asks.

/** A commit waits this many times the slowest recent transcript: latency varies, a zombie does not answer. */
const LATENCY_FACTOR = 3;
/** The latencies remembered: a slow spell long past no longer stretches the deadline. */
const LATENCY_WINDOW = 10;
/** However slow the service has been, a commit waits no longer than this (well under the replay limit). */
export const LATE_DEADLINE_CAP_MS = 5 * 60_000;
/** Transcripts this late (or later than the drain timeout, if that is less) are reported once. */
const SLOW_NOTICE_MS = 10_000;

export class ServiceLatency {
  private readonly recent: number[] = [];
  private noticed = false;

  constructor(private readonly drainTimeoutMs: number) {}

  /** A transcript came `ms` of service time after its commit; true the first time that counts as slow. */
  observe(ms: number): boolean {
    this.recent.push(ms);
    if (this.recent.length > LATENCY_WINDOW) this.recent.shift();
    if (this.noticed || ms < Math.min(SLOW_NOTICE_MS, this.drainTimeoutMs)) return false;
    this.noticed = true;
    return true;
  }

  /** The slowest of the recent latencies (0 before any transcript). */
  get slowestMs(): number {
    return this.recent.reduce((a, b) => Math.max(a, b), 0);
  }

  /** How long a commit may wait for its transcript now. */
  get deadlineMs(): number {
    const adapted = Math.min(LATE_DEADLINE_CAP_MS, LATENCY_FACTOR * this.slowestMs);
    return Math.max(this.drainTimeoutMs, adapted);
  }
}

/** The one line that says so. */
export function slowServiceNotice(latencyMs: number, deadlineMs: number): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return (
    `the service is slow: a transcript came ${s(latencyMs)} after its commit; ` +
    `each commit now waits up to ${s(deadlineMs)} for its transcript (${LATENCY_FACTOR}× the slowest recent one)`
  );
}
