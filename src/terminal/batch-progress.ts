// Progress for a batch of files: one line per file being transcribed and a total over all of
// them, drawn through the terminal writer (per-file lines and the table go above it). A file
// transcribed as several spans at once has its bar drawn in one segment per span. Without a
// terminal it prints only log lines.

import { barGlyphs } from './bar-glyphs.js';
import { layoutLine } from './progress-line.js';
import { DEFAULT_LOOK, spanBar, spanBarStyle, type BarLook } from './span-bar.js';
import { fileStatusFields, NO_PROGRESS, percent, streamStatusFields, type ProgressUpdate } from './status-line.js';
import { createTerminalWriter, type TerminalWriter } from './terminal-writer.js';

export interface BatchProgressOptions {
  /** The writer that owns stderr; made from `stream` and `enabled` when not given. */
  writer?: TerminalWriter;
  /** Defaults to process.stderr. */
  stream?: NodeJS.WriteStream;
  enabled?: boolean;
  totalFiles: number;
  /** How bars are drawn: block glyphs (default) or ASCII, and colours when they are on. */
  look?: BarLook;
}

/** How a file of the batch ended. */
type FileOutcome = 'ok' | 'failed' | 'interrupted';

interface FileProgress {
  update(progress: ProgressUpdate): void;
  /** Removes the file's line and counts it in the total (`true` and `false` mean ok and failed). */
  done(outcome: FileOutcome | boolean): void;
}

export interface BatchProgress {
  /** Adds a line for a file that starts now; `totalSec` is its duration when known. */
  startFile(label: string, totalSec?: number): FileProgress;
  log(line: string): void;
  stop(): void;
}

const LABEL_WIDTH = 28;

interface BatchCounts {
  finished: number;
  failed: number;
  interrupted: number;
  totalFiles: number;
}

/** `3/10 files | 1 failed | 2 interrupted`: interrupted files are not finished (a rerun continues them). */
export function formatBatchStatus(finished: number, failed: number, totalFiles: number, interrupted = 0): string {
  return [
    `${finished}/${totalFiles} files`,
    ...(failed > 0 ? [`${failed} failed`] : []),
    ...(interrupted > 0 ? [`${interrupted} interrupted`] : []),
  ].join(' | ');
}

interface RunningFile {
  label: string;
  totalSec: number | undefined;
  state: ProgressUpdate;
}

/** The live area: a line per running file, then the total. Pure. */
function batchLines(
  files: readonly RunningFile[],
  counts: BatchCounts,
  columns: number,
  look: BarLook = DEFAULT_LOOK,
): string[] {
  const width = Math.max(10, columns - 3);
  const labelWidth = Math.min(LABEL_WIDTH, Math.floor(width / 3));
  const { glyphs } = look;
  const lines = files.map((file) => {
    if (file.totalSec === undefined)
      return layoutLine({ label: file.label, labelWidth, fields: streamStatusFields(file.state) }, width);
    const fraction = Math.min(file.state.sentSec, file.totalSec) / file.totalSec;
    const spans = file.state.spans;
    return layoutLine(
      {
        label: file.label,
        labelWidth,
        fraction,
        fields: fileStatusFields(file.totalSec, file.state),
        glyphs,
        drawBar:
          spans && spans.length > 1
            ? (cells) => spanBar(spans, cells, spanBarStyle(look)) ?? barGlyphs(fraction, cells, glyphs)
            : undefined,
      },
      width,
    );
  });
  const done = percent(counts.finished, counts.totalFiles);
  const status = formatBatchStatus(counts.finished, counts.failed, counts.totalFiles, counts.interrupted).split(' | ');
  // The counts (failed, interrupted) matter more than bar cells.
  const fields = [`${done}%`, ...status];
  lines.push(
    layoutLine(
      {
        label: 'total',
        labelWidth,
        fraction: counts.totalFiles > 0 ? counts.finished / counts.totalFiles : 1,
        fields,
        keep: fields.length,
        glyphs,
      },
      width,
    ),
  );
  return lines;
}

export function createBatchProgress(options: BatchProgressOptions): BatchProgress {
  const writer =
    options.writer ?? createTerminalWriter({ stderr: options.stream ?? process.stderr, live: options.enabled ?? true });
  const counts: BatchCounts = { finished: 0, failed: 0, interrupted: 0, totalFiles: Math.max(0, options.totalFiles) };
  const running: RunningFile[] = [];
  let stopped = false;
  if (counts.totalFiles > 0) writer.show((columns) => batchLines(running, counts, columns, options.look));

  return {
    startFile(label, totalSec) {
      const file: RunningFile = {
        label,
        totalSec: totalSec !== undefined && totalSec > 0 ? totalSec : undefined,
        state: NO_PROGRESS,
      };
      let open = !stopped;
      if (open) {
        running.push(file);
        writer.refresh();
      }
      return {
        update(progress) {
          if (!open) return;
          file.state = progress;
          writer.refresh();
        },
        done(outcome) {
          if (!open) return;
          open = false;
          const how = outcome === true ? 'ok' : outcome === false ? 'failed' : outcome;
          if (how === 'interrupted') counts.interrupted += 1;
          else {
            counts.finished += 1;
            if (how === 'failed') counts.failed += 1;
          }
          running.splice(running.indexOf(file), 1);
          writer.refresh();
        },
      };
    },
    log(line) {
      writer.log(line);
    },
    stop() {
      stopped = true;
      writer.stop();
    },
  };
}
