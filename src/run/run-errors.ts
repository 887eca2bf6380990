// The errors a run ends with that no single session decides: lost spans, and any error made safe
// to print (no key or token in its text).
import { TranscribeError, isTranscribeError } from '../errors.js';
import { redact } from '../util/redact.js';
import type { NotTranscribedSpan } from '../transcriber/events.js';

// Words were lost: the run says so, naming every span (the first few in the message).
export function notTranscribedError(lost: readonly NotTranscribedSpan[]): TranscribeError {
  const span = (l: NotTranscribedSpan) => `${l.startSec.toFixed(1)}–${l.endSec.toFixed(1)} s`;
  const shown = lost.slice(0, 3).map(span).join(', ') + (lost.length > 3 ? ` and ${lost.length - 3} more` : '');
  return new TranscribeError(
    'INCOMPLETE',
    `the service could not transcribe ${shown} of the input, twice (${lost[0]?.reason ?? 'no reason given'})`,
    {
      hint: "everything else was transcribed; run again later for the missing spans, or check the service's status",
    },
  );
}

const MAX_CAUSE_DEPTH = 8;

/**
 * The same error with every secret masked in its message, hint, stack and causes: a new error of
 * the same class (its fields are readonly, and the caller's object is not ours to change).
 */
export function redactError(error: unknown, secrets: readonly string[], depth = 0): unknown {
  if (!(error instanceof Error) && !isTranscribeError(error)) return error;
  const cause =
    depth < MAX_CAUSE_DEPTH && error.cause !== undefined ? redactError(error.cause, secrets, depth + 1) : error.cause;
  const message = redact(error.message, secrets);
  const stack = error.stack === undefined ? undefined : redact(error.stack, secrets);
  if (isTranscribeError(error)) {
    const hint = error.hint === undefined ? undefined : redact(error.hint, secrets);
    if (message === error.message && hint === error.hint && cause === error.cause && stack === error.stack)
      return error;
    const copy = new TranscribeError(error.code, message, { hint, cause, option: error.option });
    if (stack !== undefined) copy.stack = stack;
    return copy;
  }
  if (message === error.message && cause === error.cause && stack === error.stack) return error;
  // Another class (a ConnectError, a Node error): its constructor's arguments are unknown, so the
  // copy shares its prototype and own fields, with the text masked.
  const copy = Object.create(Object.getPrototypeOf(error) as object) as Error;
  for (const key of Object.keys(error))
    (copy as unknown as Record<string, unknown>)[key] = (error as unknown as Record<string, unknown>)[key];
  Object.defineProperty(copy, 'message', { value: message, writable: true, configurable: true });
  if (stack !== undefined) Object.defineProperty(copy, 'stack', { value: stack, writable: true, configurable: true });
  if (cause !== undefined) Object.defineProperty(copy, 'cause', { value: cause, writable: true, configurable: true });
  return copy;
}
