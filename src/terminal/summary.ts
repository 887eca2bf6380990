// The few lines printed on stderr when a run ends.

import type { Paint } from './colors.js';
import { formatClock, formatSpeed } from './clock-text.js';

export interface RunTotals {
  inputs: number;
  audioSec: number;
  wallSec: number;
  sessions: number;
  rotations: number;
  resumes: number;
  /** Audio sent a second time after drops (the replay). */
  resentSec: number;
  /** How sessions ended, e.g. `{ rotated: 1, finished: 1 }`, in the order to print. */
  endReasons: Record<string, number>;
  utterances: number;
  /** What the service reported billing, as one line (formatUsageLine), when it reported any. */
  billed?: string | undefined;
}

/**
 * Up to four lines, without a trailing newline:
 * ```
 * done: 12 utterances from 0:30 of audio in 0:02 (×15.0)
 *   2 sessions (1 rotation, 0 resumes, 0.0 s re-sent)
 *   sessions ended: rotated 1, finished 1
 * ```
 */
export function formatRunSummary(s: RunTotals, paint: Paint): string {
  const from = s.inputs === 1 ? '' : `${count(s.inputs, 'input')}, `;
  const speed = s.wallSec > 0 ? ` (${formatSpeed(s.audioSec / s.wallSec)})` : '';
  const head = `${paint.ok('done:')} ${count(s.utterances, 'utterance')} from ${from}${formatClock(s.audioSec)} of audio in ${formatClock(s.wallSec)}${speed}`;

  const resumes = count(s.resumes, 'resume');
  const sessions =
    `${count(s.sessions, 'session')} (${count(s.rotations, 'rotation')}, ` +
    `${s.resumes > 0 ? paint.warn(resumes) : resumes}, ${s.resentSec.toFixed(1)} s re-sent)`;

  const reasons = Object.entries(s.endReasons)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${reason} ${n}`);
  const ended = reasons.length > 0 ? `\n  ${paint.dim(`sessions ended: ${reasons.join(', ')}`)}` : '';

  // One idea per line, each short enough for an 80-column terminal: as a single line it was
  // wrapped by the terminal in the middle of a word.
  const billed = s.billed ? `\n  ${paint.dim(s.billed)}` : '';
  return `${head}\n  ${sessions}${ended}${billed}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
