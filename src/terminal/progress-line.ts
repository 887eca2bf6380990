// One progress line laid out for a terminal width: `label ████░░ 42% | 1:02/2:30 | ×10.0 | …`.
// When it does not fit, the least useful parts give way first: the trailing status fields, then
// bar cells, then the bar; the label is cut at its start (where paths differ least) and the
// percentage is the last thing left.

import { barGlyphs, UNICODE_BAR, type BarGlyphSet } from './bar-glyphs.js';
import { displayWidth, headToWidth, padToWidth, tailToWidth } from './display-width.js';

const BAR_SIZE = 24;
const MIN_BAR = 8;

export interface LineParts {
  label: string;
  /** Pad the label to this many columns (batch rows line up); 0 for none. */
  labelWidth?: number;
  /** Done share, 0–1; undefined for a stream (no bar). */
  fraction?: number | undefined;
  /** ` | `-separated fields, most important first. */
  fields: string[];
  /** Fields worth more than bar cells: kept while the bar shrinks (default 2). */
  keep?: number;
  glyphs?: BarGlyphSet;
  /** Draws the bar in `cells` instead of the plain fill (e.g. one segment per span). */
  drawBar?: ((cells: number) => string) | undefined;
}

/** `…ings/2024-05-01 standup.wav`: the label cut at its start, or padded, to `width` columns. */
export function fitLabel(label: string, width: number): string {
  if (displayWidth(label) <= width) return padToWidth(label, width);
  return padToWidth(`…${tailToWidth(label, Math.max(0, width - 1))}`, width);
}

/** The line within `width` columns. */
export function layoutLine(parts: LineParts, width: number): string {
  // A label never takes more than half the line: the numbers are what the bar is for.
  const labelCap = Math.max(8, Math.floor(width / 2));
  const wanted = parts.labelWidth
    ? Math.min(parts.labelWidth, labelCap)
    : Math.min(displayWidth(parts.label), labelCap);
  const label = fitLabel(parts.label, wanted);
  const compose = (bar: number, fields: number): string => {
    const draw =
      parts.drawBar ?? ((cells: number) => barGlyphs(parts.fraction ?? 0, cells, parts.glyphs ?? UNICODE_BAR));
    const glyphs = parts.fraction === undefined || bar === 0 ? '' : ` ${draw(bar)}`;
    const status = parts.fields.slice(0, fields).join(' | ');
    const joiner = parts.fraction === undefined ? ' | ' : ' ';
    return `${label}${glyphs}${status === '' ? '' : joiner + status}`;
  };
  const all = parts.fields.length;
  const keep = Math.min(parts.keep ?? 2, all);
  const candidates: Array<[number, number]> = [];
  for (let fields = all; fields >= keep; fields--) candidates.push([BAR_SIZE, fields]);
  for (let bar = BAR_SIZE - 4; bar >= MIN_BAR; bar -= 4) candidates.push([bar, keep]);
  for (let fields = keep; fields >= Math.min(1, all); fields--) candidates.push([0, fields]);
  for (const [bar, fields] of candidates) {
    const line = compose(bar, fields);
    if (displayWidth(line) <= width) return line;
  }
  // Narrower than a label and a percentage: keep the percentage, cut the label.
  const last = parts.fields[0] ?? '';
  const room = width - displayWidth(last) - 1;
  return room >= 2 ? `${fitLabel(parts.label, room)} ${last}` : headToWidth(last, width);
}
