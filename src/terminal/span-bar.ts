// The spans of a file transcribed as several at once, as one bar under the file's own line:
// `  4 spans ██████│███░░░│█▒▒▒▒▒│░░░░░░ 1 done, 1 reconnecting`. Each span's share of the cells is
// its share of the input and fills by its own progress; a reconnecting span shows what it has
// still to send shaded, a done one is full. Colours (when on) only repeat what the glyphs say.
// When it does not fit, the counts give way first, then the separators, then the bar. Pure.

import { filledCells, UNICODE_BAR, type BarGlyphSet } from './bar-glyphs.js';
import type { Paint, Style } from './colors.js';
import { displayWidth, headToWidth } from './display-width.js';
import type { SpanProgress } from '../transcriber/events.js';

export interface SpanBarStyle {
  glyphs: BarGlyphSet;
  /** A done span (default: as it is). */
  done?: Style;
  /** The shaded part of a reconnecting span. */
  troubled?: Style;
  separator?: Style;
}

export interface BarLook {
  glyphs: BarGlyphSet;
  /** The spans' bar colours a done span green and a reconnecting one yellow; none by default. */
  paint?: Pick<Paint, 'ok' | 'warn' | 'dim'> | undefined;
}

export const DEFAULT_LOOK: BarLook = { glyphs: UNICODE_BAR };

/** The spans' bar style for a look. */
export function spanBarStyle(look: BarLook): SpanBarStyle {
  const { paint } = look;
  return paint
    ? { glyphs: look.glyphs, done: paint.ok, troubled: paint.warn, separator: paint.dim }
    : { glyphs: look.glyphs };
}

// Past this many cells a wider bar tells nothing more.
const MAX_CELLS = 48;
const plain: Style = (text) => text;

/** Cells for each span, in proportion to its length, at least `min` each; undefined when `cells` is too few. */
export function spanCells(spans: readonly SpanProgress[], cells: number, min = 1): number[] | undefined {
  if (spans.length === 0 || cells < spans.length * min) return undefined;
  const lengths = spans.map((s) => Math.max(0, s.endSec - s.startSec));
  const total = lengths.reduce((a, b) => a + b, 0);
  const spare = cells - spans.length * min;
  const shares = lengths.map((length) => (total > 0 ? (length / total) * spare : spare / spans.length));
  const out = shares.map((share) => min + Math.floor(share));
  // Largest remainders get the cells rounding left over, the earlier span on a tie.
  const order = shares.map((share, i) => [share - Math.floor(share), i] as const).sort((a, b) => b[0] - a[0]);
  const left = cells - out.reduce((a, b) => a + b, 0);
  const extra = new Set(order.slice(0, left).map(([, i]) => i));
  return out.map((n, i) => n + (extra.has(i) ? 1 : 0));
}

/** One span in `cells` cells. */
function spanSegment(span: SpanProgress, cells: number, style: SpanBarStyle): string {
  const { glyphs } = style;
  if (span.state === 'done') return (style.done ?? plain)(glyphs.complete.repeat(cells));
  const length = span.endSec - span.startSec;
  const fraction = length > 0 ? (span.sentSec - span.startSec) / length : 0;
  if (span.state === 'reconnecting') {
    // At least one shaded cell: a span that sent everything can still drop and resend its tail.
    const filled = Math.min(filledCells(fraction, cells), cells - 1);
    return glyphs.complete.repeat(filled) + (style.troubled ?? plain)(glyphs.troubled.repeat(cells - filled));
  }
  const filled = filledCells(fraction, cells);
  return glyphs.complete.repeat(filled) + glyphs.incomplete.repeat(cells - filled);
}

/**
 * The spans in `size` cells: separated when each span still gets two cells, run together when
 * it gets two only without them; undefined when fewer.
 */
export function spanBar(spans: readonly SpanProgress[], size: number, style: SpanBarStyle): string | undefined {
  const separated = spanCells(spans, size - (spans.length - 1), 2);
  const cells = separated ?? spanCells(spans, size, 2);
  if (!cells) return undefined;
  const segments = spans.map((span, i) => spanSegment(span, cells[i] ?? 0, style));
  return separated ? segments.join((style.separator ?? plain)(style.glyphs.separator)) : segments.join('');
}

/** `2 done, 1 reconnecting, 1 waiting`: the spans not simply sending; '' when all are. */
export function spanCounts(spans: readonly SpanProgress[]): string {
  const count = (state: SpanProgress['state']) => spans.filter((s) => s.state === state).length;
  return (['done', 'reconnecting', 'waiting'] as const)
    .filter((state) => count(state) > 0)
    .map((state) => `${count(state)} ${state}`)
    .join(', ');
}

/** The spans' line within `width` columns. */
export function spanLine(spans: readonly SpanProgress[], width: number, style: SpanBarStyle): string {
  const prefix = `  ${spans.length} spans `;
  const counts = spanCounts(spans);
  const room = width - displayWidth(prefix);
  if (counts !== '') {
    const bar = spanBar(spans, Math.min(MAX_CELLS, room - 1 - displayWidth(counts)), style);
    if (bar !== undefined) return `${prefix}${bar} ${counts}`;
  }
  const bar = spanBar(spans, Math.min(MAX_CELLS, room), style);
  if (bar !== undefined) return `${prefix}${bar}`;
  return headToWidth(`${prefix.trimEnd()}${counts === '' ? '' : `: ${counts}`}`, width);
}
