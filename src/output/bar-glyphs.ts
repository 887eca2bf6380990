// The bar itself: `size` cells, the done share filled.

export const BAR_CHARS = { complete: '\u2588', incomplete: '\u2591' };

/** `fraction` from 0 to 1 (clamped); cells are filled by rounding down, so 100% is only at the end. */
export function barGlyphs(fraction: number, size: number): string {
  const cells = Math.max(0, Math.floor(size));
  const done = Math.min(cells, Math.max(0, Math.floor((Number.isFinite(fraction) ? fraction : 0) * cells + 1e-9)));
  return BAR_CHARS.complete.repeat(done) + BAR_CHARS.incomplete.repeat(cells - done);
}
