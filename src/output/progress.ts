// The progress display on stderr: a bar for a file of known length, a status line for a stream,
// the in-progress utterance, and log lines printed above without breaking the bar. Only on a TTY;
// otherwise it prints nothing but the log lines.

import { cursorTo, clearLine } from 'node:readline';
import cliProgress, { type Options as BarOptions, type Params as BarParams, type SingleBar } from 'cli-progress';
import { formatFileStatus, formatStreamStatus, NO_PROGRESS, withPartial, type ProgressUpdate } from './status-line.js';

export type { ProgressUpdate } from './status-line.js';

export interface ProgressOptions {
  /** Defaults to process.stderr. */
  stream?: NodeJS.WriteStream;
  /** False for --quiet or --no-progress; a stream that is not a TTY disables it too. */
  enabled: boolean;
  /** `bar` for a file (needs a total at `start`), `stream` for live input. */
  mode: 'bar' | 'stream';
}

export interface ProgressDisplay {
  /** Shows the bar (or status line); `totalSec` is the input's duration when known. */
  start(label: string, totalSec?: number): void;
  update(progress: ProgressUpdate): void;
  /** The utterance being spoken now, replaced in place; '' clears it. TTY only. */
  partial(text: string): void;
  /** A line of its own above the bar (or simply a line when the display is off). */
  log(line: string): void;
  /** Draws the final state and leaves the cursor on a new line. */
  stop(): void;
}

export const BAR_CHARS = { complete: '\u2588', incomplete: '\u2591' };

// DECSC, the same save cli-progress writes when a bar starts.
const SAVE_CURSOR = '\x1b7';

// Shared by the single and batch displays. The bar redraws every frame (`forceRedraw`) because a
// log line overwrites it; no SIGINT handler (`gracefulExit`), as the CLI owns Ctrl-C and calls
// stop(); the cursor and line wrapping are left alone so a crash cannot leave the terminal odd.
export const BASE_BAR_OPTIONS: BarOptions = {
  fps: 5,
  barsize: 24,
  barCompleteChar: BAR_CHARS.complete,
  barIncompleteChar: BAR_CHARS.incomplete,
  forceRedraw: true,
  gracefulExit: false,
  hideCursor: false,
  linewrap: true,
};

export function createProgress(options: ProgressOptions): ProgressDisplay {
  const stream = options.stream ?? process.stderr;
  if (!options.enabled || stream.isTTY !== true) return plainDisplay(stream);

  let label = '';
  let totalSec: number | undefined;
  let state: ProgressUpdate = NO_PROGRESS;
  let partialText = '';
  let bar: SingleBar | undefined;

  const render = (o: BarOptions, params: BarParams): string => {
    const width = Math.max(20, params.maxWidth - 1);
    const status =
      totalSec === undefined
        ? `${label} | ${formatStreamStatus(state)}`
        : `${label} ${cliProgress.Format.BarFormat(params.progress, o)} ${formatFileStatus(totalSec, state)}`;
    return withPartial(status, partialText, width);
  };

  return {
    start(newLabel, total) {
      bar?.stop();
      label = newLabel;
      totalSec = options.mode === 'bar' && total !== undefined && total > 0 ? total : undefined;
      state = NO_PROGRESS;
      partialText = '';
      bar = new cliProgress.SingleBar({ ...BASE_BAR_OPTIONS, stream, format: render });
      bar.start(totalSec ?? 1, 0);
    },
    update(progress) {
      state = progress;
      bar?.update(totalSec === undefined ? 0 : Math.min(progress.sentSec, totalSec));
    },
    partial(text) {
      partialText = text;
      bar?.update({});
    },
    log(line) {
      if (bar === undefined) {
        stream.write(`${line}\n`);
        return;
      }
      cursorTo(stream, 0);
      clearLine(stream, 0);
      stream.write(`${line}\n`);
      // cli-progress saves the cursor (ESC 7) where the bar started and restores it (ESC 8) at
      // stop(): once log lines have pushed the bar down, that would put the summary back over
      // them. Save it again on the bar's new line.
      stream.write(SAVE_CURSOR);
      bar.render();
    },
    stop() {
      partialText = '';
      bar?.stop();
      bar = undefined;
    },
  };
}

function plainDisplay(stream: NodeJS.WritableStream): ProgressDisplay {
  return {
    start() {},
    update() {},
    partial() {},
    log(line) {
      stream.write(`${line}\n`);
    },
    stop() {},
  };
}
