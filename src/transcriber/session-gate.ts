// A shared limit on concurrent sessions, for runs that transcribe several inputs at once. The
// manager asks before every connection attempt and says how it went, so one gate can throttle a
// whole batch (fewer sessions under 429/503 storms, more again when things calm down).

export type SessionOutcome =
  | 'opened' // the session is up
  | 'refused' // 429 / 503 / network refusal at the upgrade
  | 'dropped'; // the session died (1006, stall…)

export interface SessionGate {
  /** Resolves with a release function once one more session may be opened. */
  acquire(signal?: AbortSignal): Promise<() => void>;
  /** What became of an attempt made under this gate. */
  report(outcome: SessionOutcome): void;
}

/** No limit: a single input needs none. */
export const openGate: SessionGate = {
  acquire: async () => () => {},
  report: () => {},
};
