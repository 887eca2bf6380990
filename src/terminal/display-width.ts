// How many terminal columns text takes: East Asian wide and fullwidth characters and emoji take
// two, combining marks, variation selectors and zero-width joiners none, escape sequences none.
// Code points are not columns: `[...text].length` put a CJK file name's table row out of line.
import { defined } from '../util/must.js';

// [first, last] code point ranges that a terminal draws two columns wide (Unicode East Asian
// Width W and F, and the emoji blocks terminals render as wide).
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f7e0, 0x1f7eb],
  [0x1f90c, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

// Drawn on top of the character before them. A class of lone combining marks and modifiers, on
// purpose: each one is looked at by itself, never as part of a sequence.
const ZERO =
  // eslint-disable-next-line no-misleading-character-class
  /[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u200b-\u200f\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\u{1f3fb}-\u{1f3ff}\u{e0100}-\u{e01ef}]/u;

// CSI (`ESC [ … final`) and two-character escapes (`ESC 7`): no width on screen.
const ESCAPE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-_7-8])/g;

function isWide(codePoint: number): boolean {
  let low = 0;
  let high = WIDE.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [first, last] = defined(WIDE[mid], 'wide range');
    if (codePoint < first) high = mid - 1;
    else if (codePoint > last) low = mid + 1;
    else return true;
  }
  return false;
}

/** Columns one character takes: 0, 1 or 2. */
export function charWidth(char: string): number {
  const codePoint = char.codePointAt(0) ?? 0; // the empty string takes no columns
  if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0)) return 0;
  if (ZERO.test(char)) return 0;
  return isWide(codePoint) ? 2 : 1;
}

/** Columns `text` takes on a terminal, escape sequences not counted. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text.replace(ESCAPE, '')) width += charWidth(char);
  return width;
}

/**
 * The longest start of `text` that fits in `width` columns. Escape sequences take no room and are
 * all kept, those past the cut too: a colour's reset still ends a line cut inside it.
 */
export function headToWidth(text: string, width: number): string {
  let used = 0;
  let out = '';
  let full = false;
  let at = 0;
  for (const escape of text.matchAll(ESCAPE)) {
    if (!full) [out, used, full] = takeHead(text.slice(at, escape.index), out, used, width);
    out += escape[0];
    at = escape.index + escape[0].length;
  }
  if (!full) [out] = takeHead(text.slice(at), out, used, width);
  return out;
}

function takeHead(plain: string, out: string, used: number, width: number): [string, number, boolean] {
  for (const char of plain) {
    const w = charWidth(char);
    if (used + w > width) return [out, used, true];
    used += w;
    out += char;
  }
  return [out, used, false];
}

/** The longest end of `text` (plain text, no escapes) that fits in `width` columns. */
export function tailToWidth(text: string, width: number): string {
  let used = 0;
  let out = '';
  for (const char of [...text].reverse()) {
    const w = charWidth(char);
    if (used + w > width) break;
    used += w;
    out = char + out;
  }
  return out;
}

/** `text` followed by spaces up to `width` columns. */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
