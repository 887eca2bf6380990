// The bar itself: `size` cells, the done share filled, in block glyphs or, where the terminal
// cannot show them, in plain ASCII.

/** The cells a bar is drawn with: filled, not yet, a span reconnecting, and between spans. */
export interface BarGlyphSet {
  complete: string;
  incomplete: string;
  troubled: string;
  separator: string;
}

export const UNICODE_BAR: BarGlyphSet = {
  complete: '\u2588',
  incomplete: '\u2591',
  troubled: '\u2592',
  separator: '\u2502',
};
export const ASCII_BAR: BarGlyphSet = { complete: '#', incomplete: '.', troubled: '~', separator: '|' };

/**
 * Block glyphs unless the terminal says it cannot draw them: a locale that is set and not UTF-8
 * (`LC_ALL`, else `LC_CTYPE`, else `LANG`, as C programs read it: `C`, `POSIX`, `…ISO-8859-1`), or
 * `TERM=dumb` or `TERM=linux` (the kernel console, as is-unicode-supported judges it).
 */
export function barGlyphSet(env: NodeJS.ProcessEnv): BarGlyphSet {
  if (env.TERM === 'dumb' || env.TERM === 'linux') return ASCII_BAR;
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  if (locale && !/utf-?8/i.test(locale)) return ASCII_BAR;
  return UNICODE_BAR;
}

/** `fraction` from 0 to 1 (clamped); cells are filled by rounding down, so 100% is only at the end. */
export function barGlyphs(fraction: number, size: number, glyphs: BarGlyphSet = UNICODE_BAR): string {
  const cells = Math.max(0, Math.floor(size));
  const done = filledCells(fraction, cells);
  return glyphs.complete.repeat(done) + glyphs.incomplete.repeat(cells - done);
}

/** Of `cells`, how many `fraction` fills: rounded down. */
export function filledCells(fraction: number, cells: number): number {
  return Math.min(cells, Math.max(0, Math.floor((Number.isFinite(fraction) ? fraction : 0) * cells + 1e-9)));
}
