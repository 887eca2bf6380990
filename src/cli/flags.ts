// Turns command-line flag values into typed options, with usage errors that name the flag, the
// value received and the allowed range.
import { TranscribeError } from '../index.js';
import { parseDurationMs } from '../util/duration.js';

export function usageError(message: string, hint = 'see realtime-transcribe --help'): TranscribeError {
  return new TranscribeError('USAGE', message, { hint });
}

// A value that is always there (a flag with a default) gives a number; an optional one may give none.
export function durationFlag(flag: string, value: string, min: number, max: number, example: string): number;
export function durationFlag(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
  example: string,
): number | undefined;
export function durationFlag(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
  example: string,
): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDurationMs(value);
  if (ms === undefined || ms < min || ms > max) {
    throw usageError(
      `${flag} takes a duration from ${formatMs(min)} to ${formatMs(max)} (${value})`,
      `for example ${flag} ${example}`,
    );
  }
  return ms;
}

export function numberFlag(
  flag: string,
  value: string,
  min: number,
  max: number,
  integer?: boolean,
  hint?: string,
): number;
export function numberFlag(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
  integer?: boolean,
  hint?: string,
): number | undefined;
export function numberFlag(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
  integer = false,
  hint?: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw usageError(`${flag} takes ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (${value})`, hint);
  }
  return n;
}

function formatMs(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
