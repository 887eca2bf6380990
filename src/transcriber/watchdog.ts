// When a session that is still connected has stopped working. Pings prove the socket is alive;
// only the protocol can prove the service is: it must react to sound, and answer what was
// committed. Pure: the manager gathers the numbers and acts on the verdict.

export interface SessionHealth {
  /** The service said speech started and has not ended it (a monologue sends nothing for long). */
  speechOpen: boolean;
  /** Milliseconds of non-silent audio sent since the last server event. */
  soundMsSinceEvent: number;
  /** Committed items or commits are waiting for an answer. */
  waiting: boolean;
  /** Service time since the last event (or since the wait began): wall or audio, the larger. */
  quietMs: number;
}

export interface WatchdogLimits {
  watchdogMs: number;
  drainTimeoutMs: number;
}

export type StallVerdict = { target: 'active' | 'draining'; why: string } | undefined;

export function findStall(active: SessionHealth, drainingForMs: number | undefined, limits: WatchdogLimits): StallVerdict {
  const seconds = (ms: number) => (ms / 1000).toFixed(0);
  // Sound with no speech open should have started some: a silent service, not a quiet speaker.
  if (!active.speechOpen && active.soundMsSinceEvent >= limits.watchdogMs) {
    return { target: 'active', why: `no event from the service during ${seconds(limits.watchdogMs)} s of audio` };
  }
  if (active.waiting && active.quietMs >= limits.drainTimeoutMs) {
    return { target: 'active', why: `no transcript for ${seconds(limits.drainTimeoutMs)} s` };
  }
  if (drainingForMs !== undefined && drainingForMs >= limits.drainTimeoutMs) {
    return { target: 'draining', why: `the rotated-out session sent no transcript for ${seconds(limits.drainTimeoutMs)} s` };
  }
  return undefined;
}
