// Fault injection, decided up front per session (pure: no socket, no timer). The connection turns
// the plan into timers; the pace meter watches the audio as it arrives.
import type { ErrorDetail } from '../realtime/events.js';
import type { DeafAfterError, FaultOptions } from './types.js';
import { randomStream, uniform, type Random } from './random.js';

const AZURE_SESSION_CAP_MS = 30 * 60_000;
// "A few seconds of service time": long enough that one burst of small appends is not judged,
// short enough that a client racing through a file is caught early.
const PACE_WINDOW_MS = 5_000;

export interface SessionFaultPlan {
  dropAtMs?: number; // service ms after the session opened
  stallAtMs?: number;
  stallPings: boolean;
  expireAtMs: number;
  tooFast?: number;
  deaf?: { atMs: number; error: ErrorDetail };
  withholdTranscripts: boolean;
}

export function planSessionFaults(faults: FaultOptions, sessionNumber: number, seed: number): SessionFaultPlan {
  const plan: SessionFaultPlan = {
    expireAtMs: faults.expireAfterMs ?? AZURE_SESSION_CAP_MS,
    stallPings: false,
    withholdTranscripts: applies(faults.withholdTranscripts, faults.withholdTranscripts?.sessions, sessionNumber),
  };
  // Each random time draws from a stream of its own per session: the same seed gives the same
  // times, however the sessions interleave.
  const drop = faults.drop;
  if (drop && applies(drop, faults.dropSessions, sessionNumber)) {
    plan.dropAtMs = 'afterMs' in drop ? drop.afterMs : drawn(randomStream(seed, 'drop', sessionNumber), drop.betweenMs);
  }
  const deaf = faults.deafAfterError;
  if (deaf && applies(deaf, deaf.sessions, sessionNumber)) {
    const atMs = deaf.betweenMs
      ? drawn(randomStream(seed, 'deaf', sessionNumber), deaf.betweenMs)
      : (deaf.afterMs ?? 0);
    plan.deaf = { atMs, error: deafError(deaf) };
  }
  if (faults.stall && faults.stall.session === sessionNumber) {
    plan.stallAtMs = faults.stall.afterMs;
    plan.stallPings = faults.stallPings ?? false;
  }
  if (faults.tooFast !== undefined) plan.tooFast = faults.tooFast;
  return plan;
}

function applies(fault: object | undefined, sessions: number[] | undefined, sessionNumber: number): boolean {
  return fault !== undefined && (sessions === undefined || sessions.includes(sessionNumber));
}

function drawn(random: Random, [low, high]: [number, number]): number {
  return Math.round(uniform(random, low, high));
}

// The error a session sends as it goes deaf, worded as the service words these.
export function deafError(fault: DeafAfterError): ErrorDetail {
  if (fault.error === 'rate_limit_exceeded') {
    const seconds = fault.retryInSec ?? 20;
    return {
      type: 'requests',
      code: 'rate_limit_exceeded',
      message: `Rate limit reached for requests. Please try again in ${seconds}s.`,
      param: null,
    };
  }
  return {
    type: 'server_error',
    code: 'server_error',
    message: 'The server had an error while processing your request. Sorry about that!',
    param: null,
  };
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
    let oldest = this.arrivals[0];
    while (oldest !== undefined && oldest.at <= now - this.windowMs) {
      this.inWindow -= oldest.ms;
      this.arrivals.shift();
      oldest = this.arrivals[0];
    }
    return this.inWindow / this.windowMs;
  }
}
