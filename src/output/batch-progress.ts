// Progress for a batch of files: one bar per file being transcribed and a total bar over all of
// them. Like the single display, it draws only on a TTY and otherwise prints only log lines.

import cliProgress, { type Options as BarOptions, type Params as BarParams, type SingleBar } from 'cli-progress';
import { BASE_BAR_OPTIONS } from './progress.js';
import { fitWidth, formatFileStatus, formatStreamStatus, NO_PROGRESS, percent, type ProgressUpdate } from './status-line.js';

export interface BatchProgressOptions {
  /** Defaults to process.stderr. */
  stream?: NodeJS.WriteStream;
  enabled: boolean;
  totalFiles: number;
}

export interface FileProgress {
  update(progress: ProgressUpdate): void;
  /** Removes the file's bar and counts it in the total, as done or failed. */
  done(ok: boolean): void;
}

export interface BatchProgress {
  /** Adds a bar for a file that starts now; `totalSec` is its duration when known. */
  startFile(label: string, totalSec?: number): FileProgress;
  log(line: string): void;
  stop(): void;
}

const LABEL_WIDTH = 28;

/** `…ings/2024-05-01 standup.wav` padded or cut (at the start, where paths differ least) to `width`. */
export function fitLabel(label: string, width: number): string {
  const chars = [...label];
  if (chars.length <= width) return label.padEnd(width);
  return `…${chars.slice(chars.length - width + 1).join('')}`;
}

/** `3/10 files | 1 failed` */
export function formatBatchStatus(finished: number, failed: number, totalFiles: number): string {
  const status = `${finished}/${totalFiles} files`;
  return failed > 0 ? `${status} | ${failed} failed` : status;
}

export function createBatchProgress(options: BatchProgressOptions): BatchProgress {
  const stream = options.stream ?? process.stderr;
  const totalFiles = Math.max(0, options.totalFiles);
  if (!options.enabled || stream.isTTY !== true) {
    return {
      startFile: () => ({ update() {}, done() {} }),
      log: (line) => void stream.write(`${line}\n`),
      stop() {},
    };
  }

  let finished = 0;
  let failed = 0;
  let stopped = false;
  const multi = new cliProgress.MultiBar({ ...BASE_BAR_OPTIONS, stream });
  const totalFormat = (o: BarOptions, params: BarParams): string =>
    fitWidth(
      `${fitLabel('total', LABEL_WIDTH)} ${cliProgress.Format.BarFormat(params.progress, o)} ` +
        `${percent(finished, totalFiles)}% | ${formatBatchStatus(finished, failed, totalFiles)}`,
      params.maxWidth - 1,
    );
  const totalBar = multi.create(Math.max(1, totalFiles), 0, {}, { format: totalFormat });

  return {
    startFile(label, totalSec) {
      if (stopped) return { update() {}, done() {} };
      const known = totalSec !== undefined && totalSec > 0 ? totalSec : undefined;
      let state = NO_PROGRESS;
      const format = (o: BarOptions, params: BarParams): string =>
        fitWidth(
          known === undefined
            ? `${fitLabel(label, LABEL_WIDTH)} | ${formatStreamStatus(state)}`
            : `${fitLabel(label, LABEL_WIDTH)} ${cliProgress.Format.BarFormat(params.progress, o)} ${formatFileStatus(known, state)}`,
          params.maxWidth - 1,
        );
      const bar: SingleBar = multi.create(known ?? 1, 0, {}, { format });
      let open = true;
      return {
        update(progress) {
          if (!open) return;
          state = progress;
          bar.update(known === undefined ? 0 : Math.min(progress.sentSec, known));
        },
        done(ok) {
          if (!open) return;
          open = false;
          finished += 1;
          if (!ok) failed += 1;
          if (!stopped) {
            // The total first: removing a bar redraws all of them at once.
            totalBar.update(finished);
            multi.remove(bar);
          }
        },
      };
    },
    log(line) {
      // MultiBar prints logged text above the bars at its next redraw; it must end in a newline.
      if (stopped) stream.write(`${line}\n`);
      else multi.log(`${line}\n`);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      multi.update(); // flush pending log lines before the final drawing
      multi.stop();
    },
  };
}
