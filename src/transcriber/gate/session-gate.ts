// A shared limit on concurrent sessions, for runs that transcribe several inputs at once. The
// manager asks before every connection attempt and says how it went, so one gate can throttle a
// whole batch (fewer sessions under 429/503 storms, more again when things calm down).

/**
 * What became of a session under a gate: `opened` (it is up and configured), `refused` (the
 * upgrade failed: 429, 503, another status or the network; its slot is already released),
 * `dropped` (it died while open: 1006, a stall, no pong).
 */
export type SessionOutcome = 'opened' | 'refused' | 'dropped';

/**
 * A limit on concurrent sessions, shared by the runs given it as `sessionGate` (a run of one
 * input needs none). A run calls `acquire` before each connection attempt and calls the release
 * function it got once that attempt fails or its session closes; it reports each outcome. One gate
 * over several runs keeps their sessions together under what the service accepts.
 */
export interface SessionGate {
  /** Resolves with a release function once one more session may be opened; rejects if `signal` aborts. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** What became of an attempt made under this gate. */
  report(outcome: SessionOutcome): void;
}

/** No limit: a single input needs none. */
export const openGate: SessionGate = {
  acquire: async () => () => {},
  report: () => {},
};
