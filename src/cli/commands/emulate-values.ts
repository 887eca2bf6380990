// Reading flag values: durations, ranges, numbers and lists, with errors that name the flag and
// quote the value received.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** '1500ms', '90s', '2m', '1h' or a bare number of ms ('500'), to ms. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  const unitMs = match ? UNIT_MS[match[2] ?? 'ms'] : undefined;
  if (!match || unitMs === undefined) {
    throw new Error(
      `invalid duration '${text}': expected a number with a unit ms, s, m or h (e.g. 1500ms, 90s, 2m, 1h; a bare number is ms)`,
    );
  }
  return Math.round(Number(match[1]) * unitMs);
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
