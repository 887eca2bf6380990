// Fault injection, decided up front per session (pure: no socket, no timer). The connection turns
// the plan into timers; the pace meter watches the audio as it arrives.
import type { FaultOptions } from './types.js';
import { randomStream, uniform } from './random.js';

export const AZURE_SESSION_CAP_MS = 30 * 60_000;
// "A few seconds of service time": long enough that one burst of small appends is not judged,
// short enough that a client racing through a file is caught early.
export const PACE_WINDOW_MS = 5_000;

export interface SessionFaultPlan {
  dropAtMs?: number; // service ms after the session opened
  stallAtMs?: number;
  stallPings: boolean;
  expireAtMs: number;
  tooFast?: number;
}

export function planSessionFaults(faults: FaultOptions, sessionNumber: number, seed: number): SessionFaultPlan {
  const plan: SessionFaultPlan = {
    expireAtMs: faults.expireAfterMs ?? AZURE_SESSION_CAP_MS,
    stallPings: false,
  };
  const drop = faults.drop;
  const dropsHere = !faults.dropSessions || faults.dropSessions.includes(sessionNumber);
  if (drop && dropsHere) {
    if ('afterMs' in drop) {
      plan.dropAtMs = drop.afterMs;
    } else {
      // A stream of its own per session: the same seed gives the same drop times, however
      // the sessions interleave.
      const [low, high] = drop.betweenMs;
      plan.dropAtMs = Math.round(uniform(randomStream(seed, 'drop', sessionNumber), low, high));
    }
  }
  if (faults.stall && faults.stall.session === sessionNumber) {
    plan.stallAtMs = faults.stall.afterMs;
    plan.stallPings = faults.stallPings ?? false;
  }
  if (faults.tooFast !== undefined) plan.tooFast = faults.tooFast;
  return plan;
}

// How fast audio arrives compared with real time, over a sliding window of service time.
export class PaceMeter {
  private readonly arrivals: { at: number; ms: number }[] = [];
  private inWindow = 0;

  constructor(private readonly windowMs = PACE_WINDOW_MS) {}

  // Records `audioMs` of audio arriving at service time `now`; returns the audio received in the
  // last window divided by the window (1 = real time). Before a full window has passed the
  // divisor is still the whole window, so a session's first burst is measured generously.
  add(now: number, audioMs: number): number {
    this.arrivals.push({ at: now, ms: audioMs });
    this.inWindow += audioMs;
    while (this.arrivals.length > 0 && this.arrivals[0]!.at <= now - this.windowMs) {
      this.inWindow -= this.arrivals.shift()!.ms;
    }
    return this.inWindow / this.windowMs;
  }
}
