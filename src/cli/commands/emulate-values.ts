// Reading flag values: durations, ranges, numbers and lists, with errors that name the flag and
// quote the value received.
import { DURATION_GRAMMAR, parseDurationMs } from '../../util/duration.js';

/**
 * A duration in the grammar of every command (util/duration.ts): '1500ms', '90s', '2m', '1h',
 * '1m30s', or a bare number of seconds ('20'), to ms.
 */
export function parseDuration(text: string): number {
  const ms = parseDurationMs(text);
  if (ms === undefined) throw new Error(`invalid duration '${text}': expected ${DURATION_GRAMMAR}`);
  return ms;
}

export function parseRange(text: string, flag: string, want: string): [number] | [number, number] {
  const parts = text.split('-');
  if (parts.length > 2) throw bad(flag, text, want);
  const [low, high] = parts.map((part) => duration(part, flag, want, text));
  if (low === undefined) throw bad(flag, text, want); // split gives one part at least
  if (high === undefined) return [low];
  if (low > high) throw new Error(`${flag}: the range '${text}' must go from low to high`);
  return [low, high];
}

// `whole` is the flag's full value, quoted in the error rather than the part that failed.
export function duration(text: string, flag: string, want: string, whole = text): number {
  try {
    return parseDuration(text);
  } catch {
    throw bad(flag, whole, want);
  }
}

export function wholeNumber(text: string): number | undefined {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}

export function bad(flag: string, value: string, want: string): Error {
  return new Error(`${flag}: invalid value '${value}': expected ${want}`);
}

export function sessionList(text: string, flag: string): number[] {
  return text.split(',').map((part) => {
    const n = wholeNumber(part);
    if (n === undefined || n < 1) throw bad(flag, text, 'session numbers (1 or more) such as 1,3');
    return n;
  });
}
