// When a session that is still connected has stopped working. Pings prove the socket is alive;
// only the protocol proves the service is: every wait has a deadline that only real progress
// resets. Pure: the recovery module gathers each session's health and acts on the verdict.
import type { SessionHealth } from './session.js';

export interface WatchdogLimits {
  /** Sound sent with no useful event (and no speech open) for this long: stalled. */
  watchdogMs: number;
  /**
   * A commit or a committed item waits at most this long for its transcript: the drain timeout,
   * stretched to the latency the service has shown (see latency.ts).
   */
  commitDeadlineMs: number;
  /** Speech may stay open this long plus `longSpeechForceMs` before we commit it ourselves. */
  maxUtteranceMs: number;
  longSpeechForceMs: number;
}

export interface WatchedSession<T> {
  session: T;
  /** The active session is sent audio; a draining one only owes transcripts. */
  active: boolean;
  health: SessionHealth;
}

/**
 * `late`: the session owes transcripts and still answers (a useful event within the watchdog
 * limit): slow, and it may yet send them. Otherwise it has gone silent, or never owed anything.
 */
export type Stall<T> = { session: T; why: string; late: boolean } | undefined;

/**
 * Whether to ask the active session to account for what it was sent, half way to the sound
 * deadline: speech the detector heard (music or hum it may take for speech, too) that the service
 * has neither opened nor answered. Its VAD may rightly hear no speech there; a commit is answered
 * by any live session (`committed`, then a transcript, empty or not), so a healthy one is never
 * judged stalled for a pause it heard differently, and a dead one still misses the sound deadline.
 */
export function wantsProbe(health: SessionHealth, limits: Pick<WatchdogLimits, 'watchdogMs'>): boolean {
  return !health.speechOpen && health.oldestWaitMs === undefined && health.soundMsSinceUseful >= limits.watchdogMs / 2;
}

/**
 * The first session past a deadline. `endUncovered`: the input has ended and audio with sound is
 * still not covered by a transcript.
 */
export function findStall<T>(
  sessions: readonly WatchedSession<T>[],
  endUncovered: boolean,
  limits: WatchdogLimits,
): Stall<T> {
  const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
  for (const { session, active, health } of sessions) {
    const deadline = limits.commitDeadlineMs;
    if (health.oldestWaitMs !== undefined && health.oldestWaitMs >= deadline) {
      const late = health.sinceUsefulEventMs < limits.watchdogMs;
      return { session, why: `no transcript within ${seconds(deadline)} of a commit`, late };
    }
    if (!active) continue;
    // Open speech is allowed a monologue's length: our own commit of it comes first, and then
    // its deadline counts.
    const soundLimit = health.speechOpen
      ? limits.maxUtteranceMs + limits.longSpeechForceMs + limits.watchdogMs
      : limits.watchdogMs;
    if (health.soundMsSinceUseful >= soundLimit) {
      return { session, why: `no answer to ${seconds(soundLimit)} of sound`, late: false };
    }
    if (endUncovered && health.sinceFinalCommitMs !== undefined && health.sinceFinalCommitMs >= deadline) {
      const late = health.sinceUsefulEventMs < limits.watchdogMs;
      return { session, why: `the end of the input was not transcribed within ${seconds(deadline)}`, late };
    }
  }
  return undefined;
}
