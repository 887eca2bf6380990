// `--log-events FILE`: one JSON line per message in either direction and per lifecycle step, with
// audio payloads elided and every secret redacted. For post-mortems of 1006 storms.
import { createWriteStream, type WriteStream } from 'node:fs';
import { redact } from '../realtime/redact.js';

export interface EventLog {
  /** False for the no-op log: callers skip building entries nobody will read. */
  readonly enabled: boolean;
  record(entry: Record<string, unknown>): void;
  close(): Promise<void>;
}

export function openEventLog(path: string, secrets: string[], now: () => number = Date.now): EventLog {
  const stream: WriteStream = createWriteStream(path, { flags: 'w' });
  let failed: Error | undefined;
  stream.on('error', (error) => (failed = error));
  return {
    enabled: true,
    record(entry) {
      if (failed) return;
      const line = JSON.stringify({ t: new Date(now()).toISOString(), ...entry });
      stream.write(redact(line, secrets) + '\n');
    },
    close: () =>
      new Promise((resolve, reject) => {
        stream.end(() => (failed ? reject(failed) : resolve()));
      }),
  };
}

export const noEventLog: EventLog = { enabled: false, record() {}, close: async () => {} };
