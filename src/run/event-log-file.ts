// `logEventsPath`: the event log written to a file, and a log that cannot be opened or written
// says so once (the run goes on: the log is for post-mortems, not for the transcript).
import { createWriteStream } from 'node:fs';
import { redact } from '../util/redact.js';
import { stringifyInert } from '../util/inert-json.js';
import type { EventLog } from '../transcriber/event-log.js';

export function openEventLogFile(
  path: string,
  secrets: readonly string[],
  onFailure: (error: Error) => void,
  now: () => number = Date.now,
): EventLog {
  const stream = createWriteStream(path, { flags: 'w' });
  let failed: Error | undefined;
  stream.on('error', (error) => {
    if (failed) return;
    failed = error;
    onFailure(error);
  });
  return {
    enabled: true,
    record(entry) {
      if (failed) return;
      const line = stringifyInert({ t: new Date(now()).toISOString(), ...entry });
      stream.write(redact(line, secrets) + '\n');
    },
    close: () =>
      new Promise<void>((resolve) => {
        // A failure was already reported when it happened; closing adds nothing to say.
        if (failed || stream.destroyed) return resolve();
        stream.once('close', () => resolve());
        stream.end();
      }),
  };
}
