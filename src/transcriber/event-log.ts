// `--log-events FILE`: one JSON line per message in either direction and per lifecycle step, with
// audio payloads elided and every secret redacted. For post-mortems of 1006 storms. The session
// machinery writes to this interface; the file behind it is opened by the run (run/event-log-file.ts).

export interface EventLog {
  /** False for the no-op log: callers skip building entries nobody will read. */
  readonly enabled: boolean;
  record(entry: Record<string, unknown>): void;
  close(): Promise<void>;
}

export const noEventLog: EventLog = { enabled: false, record() {}, close: async () => {} };
