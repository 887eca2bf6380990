// The progress display of one input on stderr: a bar for a file of known length, a status line
// for a stream, and the utterance being spoken at its end; for a file transcribed as several spans
// at once, a second line with each span's own progress. It draws through the terminal writer,
// which puts log lines and transcript lines above it; without a terminal it prints only log lines.

import { layoutLine } from './progress-line.js';
import { DEFAULT_LOOK, spanBarStyle, spanLine, type BarLook } from './span-bar.js';
import { fileStatusFields, NO_PROGRESS, streamStatusFields, withPartial, type ProgressUpdate } from './status-line.js';
import { createTerminalWriter, type TerminalWriter } from './terminal-writer.js';

export type { ProgressUpdate } from './status-line.js';
export type { BarLook } from './span-bar.js';

export interface ProgressOptions {
  /** The writer that owns stderr; made from `stream` and `enabled` when not given. */
  writer?: TerminalWriter;
  /** Defaults to process.stderr. */
  stream?: NodeJS.WriteStream;
  /** False for --quiet or --no-progress; a stream that is not a TTY disables it too. */
  enabled?: boolean;
  /** `bar` for a file (needs a total at `start`), `stream` for live input. */
  mode: 'bar' | 'stream';
  /** How bars are drawn: block glyphs (default) or ASCII, and colours when they are on. */
  look?: BarLook;
}

export interface ProgressDisplay {
  /** Shows the bar (or status line); `totalSec` is the input's duration when known. */
  start(label: string, totalSec?: number): void;
  update(progress: ProgressUpdate): void;
  /** The utterance being spoken now, replaced in place; '' clears it. TTY only. */
  partial(text: string): void;
  /** A line of its own above the bar (or simply a line when the display is off). */
  log(line: string): void;
  /** Leaves the bar as it is now on screen and the cursor on a new line below it. */
  stop(): void;
}

/** The bar line for `columns`: pure, so tests check exactly what a terminal of that width shows. */
export function progressLine(
  label: string,
  totalSec: number | undefined,
  state: ProgressUpdate,
  partial: string,
  columns: number,
  look: BarLook = DEFAULT_LOOK,
): string {
  const width = Math.max(10, columns - 3);
  const line =
    totalSec === undefined
      ? layoutLine({ label, fields: streamStatusFields(state) }, width)
      : layoutLine(
          {
            label,
            fraction: Math.min(Math.max(0, state.sentSec), totalSec) / totalSec,
            fields: fileStatusFields(totalSec, state),
            glyphs: look.glyphs,
          },
          width,
        );
  return withPartial(line, partial, width);
}

/** The live area for `columns`: the bar line, and under it the spans' line when there are spans. */
export function progressLines(
  label: string,
  totalSec: number | undefined,
  state: ProgressUpdate,
  partial: string,
  columns: number,
  look: BarLook = DEFAULT_LOOK,
): string[] {
  const first = progressLine(label, totalSec, state, partial, columns, look);
  const spans = state.spans;
  if (totalSec === undefined || spans === undefined || spans.length < 2) return [first];
  return [first, spanLine(spans, Math.max(10, columns - 3), spanBarStyle(look))];
}

export function createProgress(options: ProgressOptions): ProgressDisplay {
  const writer =
    options.writer ?? createTerminalWriter({ stderr: options.stream ?? process.stderr, live: options.enabled ?? true });
  let label = '';
  let totalSec: number | undefined;
  let state: ProgressUpdate = NO_PROGRESS;
  let partialText = '';
  let running = false;

  return {
    start(newLabel, total) {
      label = newLabel;
      totalSec = options.mode === 'bar' && total !== undefined && total > 0 ? total : undefined;
      state = NO_PROGRESS;
      partialText = '';
      running = true;
      writer.show((columns) => progressLines(label, totalSec, state, partialText, columns, options.look));
    },
    update(progress) {
      if (!running) return;
      state = progress;
      writer.refresh();
    },
    partial(text) {
      if (!running) return;
      partialText = text;
      writer.refresh();
    },
    log(line) {
      writer.log(line);
    },
    stop() {
      running = false;
      // The bar stays as it was last drawn (no in-progress words): its numbers are the run's.
      partialText = '';
      writer.stop();
    },
  };
}
