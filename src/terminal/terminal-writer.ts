// The one writer of a terminal's stderr while a run shows live progress. It owns the live area
// (the bar lines at the bottom) and everything printed while it is drawn: a log line, a warning or
// a transcript line (when stdout is the same terminal) is written by clearing the area, writing
// the text, and drawing the area again below it, so text and bar never share a line. Lines of the
// area are cut to the terminal's width, so a redraw never wraps and the erase always knows how
// many rows to go back up.

import { Writable } from 'node:stream';
import { displayWidth, headToWidth } from './display-width.js';

export interface TerminalWriterOptions {
  stderr: NodeJS.WriteStream;
  /** Where transcript text goes (default process.stdout). */
  stdout?: NodeJS.WritableStream;
  /** False for --quiet or --no-progress; a stderr that is not a TTY turns the live area off too. */
  live: boolean;
}

/** What the live area shows, rendered for the terminal's current width (in columns). */
type LiveRender = (columns: number) => string[];

export interface TerminalWriter {
  /** True when a live area is drawn (stderr is a TTY and progress is wanted). */
  readonly live: boolean;
  /** A line for stderr (no trailing newline needed), above the live area. */
  log(line: string): void;
  /** Text for stdout; above the live area when stdout is the same terminal. */
  out(text: string, callback?: (error?: Error | null) => void): void;
  /** A stream whose writes go through `out`: give it to whatever writes the transcript. */
  readonly stdout: NodeJS.WritableStream;
  /** Sets what the live area draws and draws it. */
  show(render: LiveRender): void;
  /** Draws the live area again (its state changed); nothing is written when it looks the same. */
  refresh(): void;
  /** Draws the area a last time and leaves it on screen, the cursor below it; later text is plain. */
  stop(): void;
}

const ERASE_BELOW = '\x1b[J';
const up = (rows: number): string => (rows > 0 ? `\x1b[${rows}A` : '');

export function createTerminalWriter(options: TerminalWriterOptions): TerminalWriter {
  const stderr = options.stderr;
  const stdout = options.stdout ?? process.stdout;
  const live = options.live && stderr.isTTY === true;
  // Only a terminal shares the screen with the bar; a pipe or a file gets stdout untouched.
  const shared = live && (stdout as { isTTY?: boolean }).isTTY === true;

  let render: LiveRender | undefined;
  let drawn: string[] = []; // the area's lines as they are on screen now
  let drawnColumns = columnsOf(stderr);
  let stopped = !live;

  // Rows the area takes now: after a resize, a line drawn for a wider terminal may have wrapped.
  const rowsOnScreen = (): number => {
    const columns = columnsOf(stderr);
    if (columns >= drawnColumns) return drawn.length;
    return drawn.reduce((rows, line) => rows + Math.max(1, Math.ceil(displayWidth(line) / columns)), 0);
  };
  const erase = (): string => {
    if (drawn.length === 0) return '';
    const text = `\r${up(rowsOnScreen() - 1)}${ERASE_BELOW}`;
    drawn = [];
    return text;
  };
  const frame = (): string[] => {
    if (render === undefined) return [];
    const columns = columnsOf(stderr);
    // Short of the width: some terminals wrap as soon as the last column is written, and Ctrl-C
    // echoes `^C` after the cursor; neither may push the area onto another row.
    return render(columns).map((line) => headToWidth(line, Math.max(1, columns - 3)));
  };
  const draw = (lines: string[]): string => {
    drawn = lines;
    drawnColumns = columnsOf(stderr);
    return lines.join('\n');
  };

  const onResize = (): void => {
    if (stopped) return;
    stderr.write(erase() + draw(frame()));
  };
  if (live) stderr.on('resize', onResize);

  const writer: TerminalWriter = {
    live,
    log(line) {
      const text = line.endsWith('\n') ? line : `${line}\n`;
      if (stopped) {
        stderr.write(text);
        return;
      }
      stderr.write(erase() + text + draw(frame()));
    },
    out(text, callback) {
      if (!shared || stopped || drawn.length === 0) {
        stdout.write(text, callback);
        return;
      }
      stderr.write(erase());
      stdout.write(text, callback);
      // A piece of a line (no newline yet) would have the bar drawn onto its end.
      stderr.write((text.endsWith('\n') ? '' : '\n') + draw(frame()));
    },
    stdout: shared
      ? new Writable({
          decodeStrings: false,
          write(chunk: unknown, _encoding, callback) {
            writer.out(String(chunk), callback);
          },
        })
      : stdout,
    show(next) {
      render = next;
      writer.refresh();
    },
    refresh() {
      if (stopped) return;
      const lines = frame();
      if (sameLines(lines, drawn) && drawnColumns === columnsOf(stderr)) return;
      stderr.write(erase() + draw(lines));
    },
    stop() {
      if (stopped) return;
      // Drawn again even when unchanged: it wipes a `^C` the terminal echoed onto the bar.
      if (render !== undefined || drawn.length > 0) stderr.write(erase() + draw(frame()));
      stopped = true;
      stderr.off('resize', onResize);
      if (drawn.length > 0) stderr.write('\n');
      drawn = [];
    },
  };
  return writer;
}

function columnsOf(stream: NodeJS.WriteStream): number {
  const columns = stream.columns;
  return typeof columns === 'number' && columns > 0 ? columns : 80;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}
