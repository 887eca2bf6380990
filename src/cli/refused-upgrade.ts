// A run the service refused at the upgrade (401, 403, 404…) never opened a session, so the event
// log had nothing to record and was left empty, though the refusal is exactly what someone
// debugging with --log-events needs. The refusal travels with the error (a ConnectError with the
// status and body somewhere in its causes), so it is appended here, redacted like every line.
import { appendFileSync, readFileSync } from 'node:fs';
import { redact } from '../util/redact.js';
import { stringifyInert } from '../util/inert-json.js';

interface RefusedUpgrade {
  status: number;
  body: string;
}

/** The refused upgrade in an error's cause chain, if there is one. */
export function findRefusedUpgrade(error: unknown): RefusedUpgrade | undefined {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 10; cause = cause.cause, depth++) {
    const { status, body } = cause as { status?: unknown; body?: unknown };
    if (cause.name === 'ConnectError' && typeof status === 'number')
      return { status, body: typeof body === 'string' ? body : '' };
  }
  return undefined;
}

/** The log line: `{"t":…,"kind":"upgrade-refused","url":…,"status":401,"body":…}` with secrets redacted. */
function refusedUpgradeLine(
  refusal: RefusedUpgrade,
  displayUrl: string,
  secrets: readonly string[],
  now = new Date(),
): string {
  const line = stringifyInert({
    t: now.toISOString(),
    kind: 'upgrade-refused',
    url: displayUrl,
    status: refusal.status,
    body: refusal.body,
  });
  return `${redact(line, [...secrets])}\n`;
}

/** Appends the refusal to the event log unless the library already wrote it there. */
export function logRefusedUpgrade(
  path: string,
  error: unknown,
  endpoint: { displayUrl: string; secrets: readonly string[] },
): void {
  const refusal = findRefusedUpgrade(error);
  if (refusal === undefined) return;
  let existing = '';
  try {
    existing = readFileSync(path, 'utf8');
  } catch {
    // not written at all: the line below is the whole log
  }
  if (existing.includes(`"status":${refusal.status}`)) return;
  try {
    appendFileSync(path, refusedUpgradeLine(refusal, endpoint.displayUrl, endpoint.secrets));
  } catch {
    // the log is a debugging aid; the run's own error is what gets reported
  }
}
