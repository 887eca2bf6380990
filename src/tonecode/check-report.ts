// A checker result as text a person can act on, for test failure messages and CLI output.
import type { CheckResult } from './check.js';

const MAX_LISTED = 20;
const MAX_QUOTED_CHARS = 160;

/** One line when the transcript is right; otherwise one line per kind of problem. */
export function formatCheckReport(result: CheckResult): string {
  if (result.ok) return `tonecode transcript OK: ${result.found.length} sentences, each once, in order`;
  const lines = [
    `tonecode transcript has problems: ${result.found.length} sentences found, ${result.missing.length} missing, ` +
      `${result.duplicated.length} duplicated, ${result.outOfOrder.length} out of order, ` +
      `${result.damaged.length} damaged, ${result.extra.length} extra`,
  ];
  if (result.missing.length > 0) lines.push(`  missing: ${numberList(result.missing)}`);
  if (result.duplicated.length > 0) lines.push(`  duplicated: ${numberList(result.duplicated)}`);
  if (result.outOfOrder.length > 0) lines.push(`  out of order: ${numberList(result.outOfOrder)}`);
  for (const d of result.damaged.slice(0, MAX_LISTED)) {
    const which = d.index === undefined ? '?' : `#${d.index}`;
    lines.push(`  damaged ${which}: got "${quoted(d.got)}"${d.want === undefined ? '' : `, want "${d.want}"`}`);
  }
  if (result.damaged.length > MAX_LISTED) lines.push(`  … and ${result.damaged.length - MAX_LISTED} more damaged`);
  for (const text of result.extra.slice(0, MAX_LISTED)) lines.push(`  extra: "${quoted(text)}"`);
  if (result.extra.length > MAX_LISTED) lines.push(`  … and ${result.extra.length - MAX_LISTED} more extra`);
  return lines.join('\n');
}

// "3, 7-12, 40": runs collapsed so a thousand missing sentences stay readable.
function numberList(numbers: readonly number[]): string {
  const runs: Array<{ first: number; last: number }> = [];
  for (const n of numbers) {
    const run = runs.at(-1);
    if (run !== undefined && n === run.last + 1) run.last = n;
    else runs.push({ first: n, last: n });
  }
  const shown = runs
    .slice(0, MAX_LISTED)
    .map(({ first, last }) => (last > first ? `${first}-${last}` : `${first}`))
    .join(', ');
  return runs.length > MAX_LISTED ? `${shown}, … (${numbers.length} in all)` : shown;
}

// A whole transcript can end up in one "extra" entry; a failure message needs only its start.
function quoted(text: string): string {
  if (text.length <= MAX_QUOTED_CHARS) return text;
  return `${text.slice(0, MAX_QUOTED_CHARS)}… (${text.split(' ').length} words)`;
}
