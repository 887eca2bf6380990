// Durations as people type them on a command line: 90s, 2m, 1500ms, 1h, 1m30s, or bare seconds.
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDurationMs(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) return undefined;
  let total = 0;
  for (const [, value, unit = ''] of parts) {
    const unitMs = UNIT_MS[unit];
    if (unitMs === undefined) return undefined; // the pattern only matches the units named above
    total += Number(value) * unitMs;
  }
  return total;
}
