import { describe, expect, it } from 'vitest';
import { paint } from '../../../src/terminal/index.js';
import {
  errorLine,
  formatBatchCounts,
  formatBatchTable,
  formatFileLine,
  type BatchRow,
} from '../../../src/cli/batch/summary.js';

const plain = paint(false);
const rows: BatchRow[] = [
  { label: 'rec/a/long name.wav', status: 'ok', audioSec: 92.4, utterances: 31, sessions: 2, resumes: 1 },
  {
    label: 'rec/bad.wav',
    status: 'failed',
    audioSec: 11.1,
    utterances: 5,
    sessions: 1,
    resumes: 0,
    error: 'input ends early (rec/bad.wav)',
  },
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

  it('lines up after wide characters: CJK and emoji take two columns', () => {
    const wide: BatchRow[] = [
      { label: 'rec/会議.wav', status: 'ok', audioSec: 60, utterances: 3, sessions: 1, resumes: 0 },
      { label: 'rec/🎤 talk.wav', status: 'ok', audioSec: 5, utterances: 1, sessions: 1, resumes: 0 },
      { label: 'rec/plain.wav', status: 'ok', audioSec: 5, utterances: 1, sessions: 1, resumes: 0 },
    ];
    expect(formatBatchTable(wide, plain)).toBe(
      [
        'file             status  audio  utterances  sessions  resumes  error',
        'rec/会議.wav     ok       1:00           3         1        0',
        'rec/🎤 talk.wav  ok       0:05           1         1        0',
        'rec/plain.wav    ok       0:05           1         1        0',
        '',
      ].join('\n'),
    );
  });

  it('an interrupted file is interrupted, not failed: in its line, the table and the counts', () => {
    const interrupted: BatchRow[] = [
      { label: 'a.wav', status: 'ok', audioSec: 30, utterances: 12, sessions: 1, resumes: 0 },
      {
        label: 'b.wav',
        status: 'interrupted',
        audioSec: 12,
        utterances: 4,
        sessions: 1,
        resumes: 0,
        error: 'interrupted by SIGINT: not transcribed from 11.6 s',
      },
      { label: 'c.wav', status: 'interrupted', error: 'not started: interrupted by SIGINT' },
    ];
    expect(formatFileLine(2, 3, interrupted[1]!, plain)).toBe(
      '[2/3] interrupted b.wav: interrupted by SIGINT: not transcribed from 11.6 s',
    );
    expect(formatBatchTable(interrupted, plain).split('\n')[2]).toBe(
      'b.wav  interrupted   0:12           4         1        0  interrupted by SIGINT: not transcribed from 11.6 s',
    );
    expect(formatBatchCounts(interrupted)).toBe('1 ok, 0 failed, 2 interrupted, 0 skipped');
  });

  it('counts', () => {
    expect(formatBatchCounts(rows)).toBe('1 ok, 1 failed, 1 skipped');
    expect(formatBatchCounts([])).toBe('0 ok, 0 failed, 0 skipped');
  });

  it('says one line per finished file', () => {
    expect(formatFileLine(3, 12, rows[0]!, plain)).toBe('[3/12] ok rec/a/long name.wav (1:32 of audio, 31 utterances)');
    expect(formatFileLine(4, 12, rows[1]!, plain)).toBe('[4/12] failed rec/bad.wav: input ends early (rec/bad.wav)');
    expect(formatFileLine(1, 1, { label: 'x.wav', status: 'ok', audioSec: 1, utterances: 1 }, plain)).toBe(
      '[1/1] ok x.wav (0:01 of audio, 1 utterance)',
    );
  });

  it('keeps the first line of an error', () => {
    expect(errorLine(new Error('what failed (value)\nmore'))).toBe('what failed (value)');
    expect(errorLine('plain')).toBe('plain');
  });
});
