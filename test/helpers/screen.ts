// A small terminal screen model for tests: applies the bytes a program writes to a terminal of a
// given width (printable text with wrap at the last column, \r, \n, backspace, cursor moves, line
// and screen erases, save and restore) and returns the lines a person would see. Colors and
// modes are ignored. It lets a test assert on the screen rather than on the byte stream, where
// "text glued to the bar" is invisible.
import { charWidth } from '../../src/terminal/display-width.js';

export interface ScreenOptions {
  /** Changed by resize(). */
  columns: number;
  /** A pty with onlcr turns \n into \r\n; a raw stream given to the model does not. Default true. */
  newlineReturns?: boolean;
}

export class Screen {
  private rows: string[][] = [[]];
  // Rows that began because the previous one wrapped: on a resize they are joined and re-wrapped,
  // as terminals that reflow (tmux, VTE, iTerm2, Windows Terminal) do.
  private continued = new Set<number>();
  private row = 0;
  private col = 0;
  private pendingWrap = false;
  private saved: [number, number] = [0, 0];

  constructor(private readonly options: ScreenOptions) {}

  /** Applies `data` and returns this screen. */
  write(data: string): this {
    const chars = [...data];
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (c === '\x1b') {
        i = this.escape(chars, i);
        continue;
      }
      if (c === '\r') this.carriageReturn();
      else if (c === '\n') this.lineFeed(this.options.newlineReturns ?? true);
      else if (c === '\b') this.moveTo(this.row, this.col - 1);
      else if (c === '\t')
        this.moveTo(this.row, Math.min(this.options.columns - 1, (Math.floor(this.col / 8) + 1) * 8));
      else if (c.codePointAt(0)! < 0x20 || c === '\x7f') continue;
      else this.print(c);
    }
    return this;
  }

  /** The window gets `columns` wide; wrapped lines are reflowed and the cursor goes with its text. */
  resize(columns: number): this {
    const logical: { cells: string[]; cursorAt?: number }[] = [];
    this.rows.forEach((cells, row) => {
      const trimmed = row === this.row ? cells : trimEnd(cells);
      if (this.continued.has(row) && logical.length > 0) {
        const last = logical.at(-1)!;
        if (row === this.row) last.cursorAt = last.cells.length + this.col;
        last.cells.push(...trimmed);
      } else {
        logical.push({ cells: [...trimmed], ...(row === this.row ? { cursorAt: this.col } : {}) });
      }
    });
    this.options.columns = columns;
    this.rows = [];
    this.continued = new Set();
    for (const line of logical) {
      const first = this.rows.length;
      for (let i = 0; i === 0 || i < line.cells.length; i += columns) {
        if (i > 0) this.continued.add(this.rows.length);
        this.rows.push(line.cells.slice(i, i + columns));
      }
      if (line.cursorAt !== undefined) {
        this.row = first + Math.floor(line.cursorAt / columns);
        this.col = line.cursorAt % columns;
      }
    }
    this.line(this.row);
    this.pendingWrap = false;
    return this;
  }

  /** Every line written, scrolled-off ones included, without trailing blanks or blank last lines. */
  get lines(): string[] {
    const lines = this.rows.map((cells) =>
      cells
        .join('')
        .replace(/\u0000/g, '')
        .replace(/\s+$/, ''),
    );
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines;
  }

  get text(): string {
    return this.lines.join('\n');
  }

  private line(row: number): string[] {
    while (this.rows.length <= row) this.rows.push([]);
    return this.rows[row]!;
  }

  private print(c: string): void {
    const width = charWidth(c);
    if (width === 0) return;
    if (this.pendingWrap || this.col + width > this.options.columns) {
      this.pendingWrap = false;
      this.lineFeed(true);
      this.continued.add(this.row);
    }
    const cells = this.line(this.row);
    while (cells.length < this.col) cells.push(' ');
    cells[this.col] = c;
    // A wide character's second cell is left empty (NUL is dropped when the line is read).
    if (width === 2) cells[this.col + 1] = '\u0000';
    this.col += width;
    if (this.col >= this.options.columns) {
      this.col = this.options.columns - 1;
      this.pendingWrap = true;
    }
  }

  private carriageReturn(): void {
    this.col = 0;
    this.pendingWrap = false;
  }

  private lineFeed(returns: boolean): void {
    this.row++;
    this.continued.delete(this.row);
    this.line(this.row);
    if (returns) this.col = 0;
    this.pendingWrap = false;
  }

  private moveTo(row: number, col: number): void {
    this.row = Math.max(0, row);
    this.col = Math.max(0, Math.min(this.options.columns - 1, col));
    this.pendingWrap = false;
    this.line(this.row);
  }

  // Returns the index of the last character of the sequence.
  private escape(chars: string[], start: number): number {
    const next = chars[start + 1];
    if (next === '7') {
      this.saved = [this.row, this.col];
      return start + 1;
    }
    if (next === '8') {
      this.moveTo(...this.saved);
      return start + 1;
    }
    if (next !== '[') return start + 1;
    let end = start + 2;
    while (end < chars.length && !/[@-~]/.test(chars[end]!)) end++;
    const params = chars.slice(start + 2, end).join('');
    const final = chars[end];
    const n = (fallback: number) => {
      const value = Number.parseInt(params.replace(/^\?/, ''), 10);
      return Number.isFinite(value) ? value : fallback;
    };
    const cells = this.line(this.row);
    switch (final) {
      case 'A':
        this.moveTo(this.row - n(1), this.col);
        break;
      case 'B':
        this.moveTo(this.row + n(1), this.col);
        break;
      case 'C':
        this.moveTo(this.row, this.col + n(1));
        break;
      case 'D':
        this.moveTo(this.row, this.col - n(1));
        break;
      case 'G':
        this.moveTo(this.row, n(1) - 1);
        break;
      case 'K': {
        const mode = n(0);
        if (mode === 0) cells.length = Math.min(cells.length, this.col);
        else if (mode === 1) for (let c = 0; c <= this.col && c < cells.length; c++) cells[c] = ' ';
        else cells.length = 0;
        break;
      }
      case 'J': {
        const mode = n(0);
        if (mode === 0) {
          cells.length = Math.min(cells.length, this.col);
          this.rows.length = this.row + 1;
          for (const row of this.continued) if (row > this.row) this.continued.delete(row);
        } else if (mode === 2 || mode === 3) {
          for (const line of this.rows) line.length = 0;
        }
        break;
      }
      default:
        break; // colors (m), modes (h, l): nothing to show
    }
    return end;
  }
}

/** The screen `data` gives on a terminal `columns` wide. */
export function screenOf(data: string, columns: number, newlineReturns = true): string[] {
  return new Screen({ columns, newlineReturns }).write(data).lines;
}

function trimEnd(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && (cells[end - 1] === ' ' || cells[end - 1] === undefined)) end--;
  return cells.slice(0, end);
}
