// What a batch prints on stderr: a line per finished file, and at the end a table of every file
// and the counts. Pure text, so tests check the exact lines users and scripts see.
import { displayWidth, formatClock, type Paint } from '../../terminal/index.js';
import { withFlagNames } from '../option-flags.js';

// Interrupted files are not failed ones: a rerun of the same command continues them.
type BatchStatus = 'ok' | 'failed' | 'interrupted' | 'skipped';

export interface BatchRow {
  label: string;
  status: BatchStatus;
  audioSec?: number | undefined;
  utterances?: number | undefined;
  sessions?: number | undefined;
  resumes?: number | undefined;
  /** One line: why the file failed. */
  error?: string | undefined;
}

/** The first line of an error's message (hints and causes are for single runs and --verbose). */
export function errorLine(raw: unknown): string {
  const error = withFlagNames(raw);
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n', 1)[0] ?? '';
}

/** `[3/12] ok recordings/a.wav (0:32 of audio, 12 utterances)` or `[4/12] failed x.wav: why` */
export function formatFileLine(position: number, total: number, row: BatchRow, paint: Paint): string {
  const head = `[${position}/${total}] ${styleStatus(row.status, paint)} ${row.label}`;
  if (row.status === 'failed' || row.status === 'interrupted') return `${head}: ${row.error ?? row.status}`;
  const utterances = row.utterances ?? 0;
  return `${head} (${formatClock(row.audioSec ?? 0)} of audio, ${utterances} utterance${utterances === 1 ? '' : 's'})`;
}

const HEADERS = ['file', 'status', 'audio', 'utterances', 'sessions', 'resumes', 'error'] as const;
// Numbers read best right-aligned; names and words left-aligned.
const RIGHT = [false, false, true, true, true, true, false];

/** The end-of-batch table, one row per file in batch order, ending in a newline. */
export function formatBatchTable(rows: readonly BatchRow[], paint: Paint): string {
  const cells = rows.map((row) => {
    const ran = row.status !== 'skipped';
    const number = (n: number | undefined) => (ran && n !== undefined ? String(n) : '-');
    return [
      row.label,
      row.status,
      ran && row.audioSec !== undefined ? formatClock(row.audioSec) : '-',
      number(row.utterances),
      number(row.sessions),
      number(row.resumes),
      row.error ?? '',
    ];
  });
  const widths = HEADERS.map((header, column) =>
    Math.max(width(header), ...cells.map((row) => width(row[column] ?? ''))),
  );
  const line = (values: readonly string[], style: (value: string, column: number) => string) =>
    values
      .map((value, column) => {
        if (column === values.length - 1) return style(value, column); // the error is not padded
        const pad = ' '.repeat((widths[column] ?? width(value)) - width(value));
        return RIGHT[column] ? pad + style(value, column) : style(value, column) + pad;
      })
      .join('  ')
      .trimEnd();
  const lines = [line(HEADERS, (value) => paint.dim(value))];
  for (const row of cells)
    lines.push(line(row, (value, column) => (column === 1 ? styleStatus(value as BatchStatus, paint) : value)));
  return lines.join('\n') + '\n';
}

/** `10 ok, 2 failed, 1 skipped`, with `, 3 interrupted` before `skipped` after a Ctrl-C. */
export function formatBatchCounts(rows: readonly BatchRow[]): string {
  const count = (status: BatchStatus) => rows.filter((row) => row.status === status).length;
  const interrupted = count('interrupted');
  return `${count('ok')} ok, ${count('failed')} failed, ${interrupted > 0 ? `${interrupted} interrupted, ` : ''}${count('skipped')} skipped`;
}

function styleStatus(status: BatchStatus, paint: Paint): string {
  if (status === 'ok') return paint.ok(status);
  if (status === 'failed') return paint.error(status);
  return status === 'interrupted' ? paint.warn(status) : paint.dim(status);
}

// Columns on screen, not code points: a CJK or emoji file name is twice as wide as it is long.
function width(text: string): number {
  return displayWidth(text);
}
