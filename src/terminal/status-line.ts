// The text of the progress line, apart from the bar glyphs: pure, so it is tested without a terminal.

import { formatClock, formatSpeed } from './clock-text.js';
import { displayWidth, headToWidth, tailToWidth } from './display-width.js';
import { stripControls } from '../transcript/control-chars.js';
import type { SpanProgress } from '../transcriber/events.js';

export interface ProgressUpdate {
  /** Audio sent so far, seconds on the input's timeline. */
  sentSec: number;
  /** Audio seconds sent per wall-clock second. */
  realtimeFactor: number;
  session: number;
  resumes: number;
  utterances: number;
  /** A file transcribed as several spans at once: each span, at `realtimeFactor` of its own. */
  spans?: readonly SpanProgress[] | undefined;
}

// Shown until the first update: the first session is being opened.
export const NO_PROGRESS: ProgressUpdate = { sentSec: 0, realtimeFactor: 0, session: 1, resumes: 0, utterances: 0 };

/**
 * The fields of a file's status line (`42% | 12:34/30:00 | ×20.0 | ETA 0:53 | session 2, 1 resume`),
 * most important first (narrow terminals drop from the end).
 */
export function fileStatusFields(totalSec: number, u: ProgressUpdate): string[] {
  const sent = Math.min(Math.max(0, u.sentSec), totalSec);
  const spans = u.spans !== undefined && u.spans.length > 0 ? u.spans : undefined;
  const pace = spans ? spansPace(spans, u.realtimeFactor) : { remaining: totalSec - sent, factor: u.realtimeFactor };
  const eta = u.realtimeFactor > 0 ? formatClock(pace.remaining / u.realtimeFactor) : '--:--';
  return [
    `${percent(sent, totalSec)}%`,
    `${formatClock(sent)}/${formatClock(totalSec)}`,
    formatSpeed(pace.factor),
    `ETA ${eta}`,
    spans ? resumesPart(u) : sessionPart(u),
  ];
}

// Spans go at once, each at the pace: the run ends with the one with most left to send, and the
// input goes by at the pace times the spans not yet done (a reconnect is a pause, not a slowdown).
function spansPace(spans: readonly SpanProgress[], pace: number): { remaining: number; factor: number } {
  let remaining = 0;
  let going = 0;
  for (const span of spans) {
    if (span.state === 'done') continue;
    going++;
    remaining = Math.max(remaining, span.endSec - Math.min(Math.max(span.sentSec, span.startSec), span.endSec));
  }
  return { remaining, factor: pace * (going > 0 ? going : spans.length) };
}

/** The fields of a stream's status line: `12:34 elapsed | 42 utterances | session 2, 1 resume`. */
export function streamStatusFields(u: ProgressUpdate): string[] {
  return [
    `${formatClock(u.sentSec)} elapsed`,
    `${u.utterances} utterance${u.utterances === 1 ? '' : 's'}`,
    sessionPart(u),
  ];
}

export function percent(value: number, total: number): number {
  if (!(total > 0)) return 100;
  return Math.floor((Math.min(Math.max(0, value), total) / total) * 100);
}

// Spans each have their own sessions: what counts across them is how often they resumed.
function resumesPart(u: ProgressUpdate): string {
  return `${u.resumes} resume${u.resumes === 1 ? '' : 's'}`;
}

function sessionPart(u: ProgressUpdate): string {
  return `session ${u.session}, ${u.resumes} resume${u.resumes === 1 ? '' : 's'}`;
}

/**
 * Fits a line into `width` columns, so a redraw never wraps onto a second line: whole ` | `
 * fields are dropped from the end first (an 80-column terminal showed `… | E`, half an ETA), and
 * only a first field still too wide is cut.
 */
export function fitWidth(line: string, width: number): string {
  let fitted = line;
  while (displayWidth(fitted) > width) {
    const lastField = fitted.lastIndexOf(' | ');
    if (lastField < 0) break;
    fitted = fitted.slice(0, lastField);
  }
  return displayWidth(fitted) > width ? headToWidth(fitted, Math.max(0, width)) : fitted;
}

/**
 * Fits `status` and the tail of an in-progress utterance into `width` columns: the newest words
 * matter most, so the start of the partial text is what gets cut.
 */
export function withPartial(status: string, partial: string, width: number): string {
  const fitted = fitWidth(status, width);
  const text = stripControls(partial).replace(/\s+/g, ' ').trim();
  const room = width - displayWidth(fitted) - 3;
  if (text === '' || room < 8) return fitted;
  const tail = displayWidth(text) <= room ? text : `…${tailToWidth(text, room - 1)}`;
  return `${fitted} › ${tail}`;
}
