import { describe, expect, it } from 'vitest';
import { paint } from '../../src/output/index.js';
import { errorLine, formatBatchCounts, formatBatchTable, formatFileLine, type BatchRow } from '../../src/cli/batch-summary.js';

const plain = paint(false);
const rows: BatchRow[] = [
  { label: 'rec/a/long name.wav', status: 'ok', audioSec: 92.4, utterances: 31, sessions: 2, resumes: 1 },
  { label: 'rec/bad.wav', status: 'failed', audioSec: 11.1, utterances: 5, sessions: 1, resumes: 0, error: 'input ends early (rec/bad.wav)' },
  { label: 'rec/done.wav', status: 'skipped' },
];

describe('batch summary text', () => {
  it('draws a table: one row per file, numbers right-aligned, the error last', () => {
    expect(formatBatchTable(rows, plain)).toBe(
      [
        'file                 status   audio  utterances  sessions  resumes  error',
        'rec/a/long name.wav  ok        1:32          31         2        1',
        'rec/bad.wav          failed    0:11           5         1        0  input ends early (rec/bad.wav)',
        'rec/done.wav         skipped      -           -         -        -',
        '',
      ].join('\n'),
    );
  });

  it('colors only the status when colors are on, without breaking the alignment', () => {
    const table = formatBatchTable(rows, paint(true));
    expect(table).toContain('\u001b[32mok\u001b[39m');
    expect(table.replace(/\u001b\[\d+m/g, '')).toBe(formatBatchTable(rows, plain));
  });

  it('counts', () => {
    expect(formatBatchCounts(rows)).toBe('1 ok, 1 failed, 1 skipped');
    expect(formatBatchCounts([])).toBe('0 ok, 0 failed, 0 skipped');
  });

  it('says one line per finished file', () => {
    expect(formatFileLine(3, 12, rows[0]!, plain)).toBe('[3/12] ok rec/a/long name.wav (1:32 of audio, 31 utterances)');
    expect(formatFileLine(4, 12, rows[1]!, plain)).toBe('[4/12] failed rec/bad.wav: input ends early (rec/bad.wav)');
    expect(formatFileLine(1, 1, { label: 'x.wav', status: 'ok', audioSec: 1, utterances: 1 }, plain)).toBe('[1/1] ok x.wav (0:01 of audio, 1 utterance)');
  });

  it('keeps the first line of an error', () => {
    expect(errorLine(new Error('what failed (value)\nmore'))).toBe('what failed (value)');
    expect(errorLine('plain')).toBe('plain');
  });
});
