// Durations as people type them on a command line, one grammar for every command: 90s, 2m,
// 1500ms, 1h, 1m30s, or a bare number, which is seconds (`--watchdog 20` and `emulate --drop 20`
// both mean 20 seconds). Flags whose name ends in `-ms` take whole milliseconds instead.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The grammar in a few words, for help texts and error messages. */
export const DURATION_GRAMMAR =
  'a number with a unit ms, s, m or h (e.g. 1500ms, 90s, 2m, 1h; a bare number is seconds)';

/** Milliseconds (whole: a fraction of a millisecond is rounded), or undefined when the text is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) return undefined;
  let total = 0;
  for (const [, value, unit = ''] of parts) {
    const unitMs = UNIT_MS[unit];
    if (unitMs === undefined) return undefined; // the pattern only matches the units named above
    total += Number(value) * unitMs;
  }
  return Math.round(total);
}

/** A duration as it would be typed: 8m, 15s, 1500ms. */
export function formatDurationMs(ms: number): string {
  if (ms % 60_000 === 0 && ms >= 60_000) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
