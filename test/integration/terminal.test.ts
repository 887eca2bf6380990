// The terminal a person sees: the built CLI in a pseudo-terminal, stdout and stderr on one screen,
// at 100×40 and 80×24. Every transcript line is whole on its own line, no bar fragment is glued to
// text, the summary is intact below the bar; the same for a batch with a failing file, and after
// Ctrl-C the bar stays at the true percentage; a file cut into spans shows each span under the
// bar. Assertions are on the screen, not on the bytes.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasScript, runInPty } from '../helpers/pty.js';
import { REPO_ROOT } from '../helpers/run-cli.js';
import { makeCorpusFile, type CorpusFile } from '../helpers/tonecode-files.js';

const SIZES = [
  { columns: 100, rows: 40 },
  { columns: 80, rows: 24 },
];
const BAR = /[█░]/;
// A line with bar glyphs is a bar line and nothing else: a label, the glyphs, the numbers.
const BAR_LINE = /^\S.* [█░]+ \d+% \| [^█░]*$/;
// Under it, for a file cut into spans: a segment per span and the counts, nothing else.
const SPAN_LINE = /^ {2}\d+ spans [█░▒│]+( \d+ (done|reconnecting|waiting)(, \d+ (done|reconnecting|waiting))*)?$/;

let dir: string;
let demoLines: string[];
let long: CorpusFile;
let spanned: CorpusFile;
// The emulator writes each sentence with a capital and a full stop.
const asPrinted = (text: string) => `${text[0]!.toUpperCase()}${text.slice(1)}.`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-terminal-'));
  const text = await readFile(join(REPO_ROOT, 'fixtures', 'tonecode-demo.txt'), 'utf8');
  // The emulator writes each sentence with a capital and a full stop.
  demoLines = text
    .trim()
    .split('\n')
    .map((line) => `${line[0]!.toUpperCase()}${line.slice(1)}.`);
  const corpus = await makeCorpusFile(dir, { count: 40 });
  long = { ...corpus, path: join(dir, 'long.wav') };
  await copyFile(corpus.path, long.path);
  await copyFile(corpus.path, join(dir, 'long2.wav'));
  // 6 minutes with over 3 minutes of speech: three spans of the planner's minimum minute each.
  const wide = await makeCorpusFile(dir, { count: 150 });
  spanned = { ...wide, path: join(dir, 'spans.wav') };
  await copyFile(wide.path, spanned.path);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Rows of exactly the terminal's width continue on the next row: joined, they are the line written.
function unwrap(lines: string[], columns: number): string[] {
  const out: string[] = [];
  let carry = false;
  for (const line of lines) {
    if (carry) out[out.length - 1] += line;
    else out.push(line);
    carry = [...line].length === columns;
  }
  return out;
}

function expectCleanScreen(lines: string[], columns: number): void {
  for (const line of lines) {
    expect([...line].length, line).toBeLessThanOrEqual(columns);
    if (BAR.test(line) && !SPAN_LINE.test(line))
      expect(line, `a bar line with something glued to it:\n${lines.join('\n')}`).toMatch(BAR_LINE);
  }
}

describe.skipIf(!hasScript)('in a terminal', () => {
  for (const size of SIZES) {
    it(`${size.columns}×${size.rows}: the Quick start's first command`, async () => {
      const run = runInPty(['--local', '--speed', '10', 'fixtures/tonecode-demo.wav'], size);
      expect(await run.exited).toBe(0);
      const lines = run.screen();
      expectCleanScreen(lines, size.columns);
      expect(lines.slice(0, 12)).toEqual(demoLines);
      expect(lines[12]).toMatch(/^fixtures\/tonecode-demo\.wav █{24} 100% \| 0:27\/0:27( \||$)/);
      expect(lines[13]).toMatch(/^done: 12 utterances from 0:27 of audio in 0:0\d \(×\d+\.\d\)$/);
      expect(lines.slice(14)).toEqual([
        '  1 session (0 rotations, 0 resumes, 0.0 s re-sent)',
        '  sessions ended: finished 1',
      ]);
    }, 120_000);

    it(`${size.columns}×${size.rows}: a batch of three files, one failing`, async () => {
      const a = join(dir, `a-${size.columns}.wav`);
      await copyFile(join(REPO_ROOT, 'fixtures', 'tonecode-demo.wav'), a);
      const out = join(dir, `out-${size.columns}`);
      const run = runInPty(
        [
          '--local',
          '--speed',
          '10',
          '--jobs',
          '2',
          a,
          'fixtures/not-audio.wav',
          'fixtures/tonecode-demo.wav',
          '-o',
          out,
        ],
        size,
      );
      expect(await run.exited).toBe(1);
      const lines = run.screen();
      expectCleanScreen(lines, size.columns);
      const text = lines.join('\n');
      // A line longer than the terminal wraps, as it should; its words are all there in order.
      const joined = lines.join('');
      expect(joined).toContain('[1/3] failed fixtures/not-audio.wav: not an audio file (fixtures/not-audio.wav)');
      expect(joined).toMatch(/\[\d\/3\] ok fixtures\/tonecode-demo\.wav \(0:27 of audio, 12 utterances\)/);
      expect(joined).toContain(`ok ${a} (0:27 of audio, 12 utterances)`);
      // The total stays on screen, at 3 of 3 with the failure, above the table.
      const total = lines.findIndex((line) => line.startsWith('total '));
      expect(lines[total]).toMatch(/^total +█+ 100% \| 3\/3 files \| 1 failed$/);
      expect(lines[total + 1]).toMatch(/^file +status +audio +utterances +sessions +resumes/);
      expect(lines.at(-1)).toBe('2 ok, 1 failed, 0 skipped');
      expect(text).toMatch(/^done: 24 utterances from 2 inputs, 0:55 of audio in /m);
    }, 120_000);

    it(`${size.columns}×${size.rows}: Ctrl-C in a batch: the total does not claim the files, they are interrupted`, async () => {
      const run = runInPty(
        ['--local', '--speed', '10', '--jobs', '2', 'long.wav', 'long2.wav', '-o', `batch-${size.columns}/`],
        size,
        { cwd: dir },
      );
      await run.waitFor((lines) => lines.some((line) => /^long2?\.wav +█{4,}/.test(line)));
      run.type('\x03');
      expect(await run.exited).toBe(130);
      const lines = run.screen();
      expectCleanScreen(lines, size.columns);
      expect(lines.find((line) => line.startsWith('total '))).toMatch(/^total +░+ 0% \| 0\/2 files \| 2 interrupted$/);
      expect(lines.some((line) => /^long\.wav +interrupted /.test(line))).toBe(true);
      expect(lines.at(-1)).toBe('0 ok, 0 failed, 2 interrupted, 0 skipped');
    }, 120_000);

    it(`${size.columns}×${size.rows}: a file cut into three spans shows each span under the bar`, async () => {
      const run = runInPty(['--local', '--speed', '20', '--parallel', '3', 'spans.wav'], size, { cwd: dir });
      // While it runs: the bar, and under it three segments, not all of them full.
      const during = await run.waitFor((lines) => {
        const at = lines.findIndex((line) => SPAN_LINE.test(line));
        return at > 0 && lines[at]!.includes('░') && (lines[at]!.match(/│/g) ?? []).length === 2;
      });
      const spanRow = during.findIndex((line) => SPAN_LINE.test(line));
      expect(during[spanRow - 1]).toMatch(/^spans\.wav [█░]{24} \d+% \| \d:\d\d\/5:59/);
      expect(during.length).toBe(spanRow + 1);
      for (const line of during.slice(0, spanRow - 1)) expect(line).toMatch(/^[A-Z][a-z]+( [a-z]+)+\.$/);
      expect(await run.exited).toBe(0);
      const lines = run.screen();
      expectCleanScreen(lines, size.columns);
      // Every sentence whole, once, in order, above the bar: the spans' transcripts in input order.
      expect(lines.slice(0, 150)).toEqual(spanned.expectedText.map(asPrinted));
      expect(lines[150]).toMatch(/^spans\.wav █{24} 100% \| 5:59\/5:59 \| ×60\.0( \||$)/);
      expect(lines[151]).toMatch(/^ {2}3 spans █+│█+│█+ 3 done$/);
      expect(lines[152]).toMatch(/^done: 150 utterances from 5:59 of audio in /);
      expect(lines.slice(153)).toEqual([
        '  3 sessions (0 rotations, 0 resumes, 0.0 s re-sent)',
        '  sessions ended: finished 3',
      ]);
    }, 120_000);

    it(`${size.columns}×${size.rows}: Ctrl-C in the middle leaves the bar at the true percentage`, async () => {
      // Run from its directory: a short name keeps the interrupt line on one row.
      const run = runInPty(['--local', '--speed', '10', basename(long.path)], size, { cwd: dir });
      const barAt = (lines: string[]) =>
        Number(/ (\d+)% \|/.exec(lines.findLast((line) => BAR.test(line)) ?? '')?.[1] ?? -1);
      await run.waitFor((lines) => barAt(lines) >= 30);
      run.type('\x03');
      expect(await run.exited).toBe(130);
      const lines = run.screen();
      expectCleanScreen(lines, size.columns);
      const bar = lines.findLast((line) => BAR.test(line))!;
      const [, percent, clock] = / (\d+)% \| (\d+:\d\d)\/1:35/.exec(bar) ?? [];
      expect(Number(percent), bar).toBeGreaterThanOrEqual(30);
      expect(Number(percent), bar).toBeLessThan(100);
      // The percentage and the clock beside it say the same.
      const [m, s] = clock!.split(':').map(Number);
      expect(Math.floor(((m! * 60 + s!) / 95.5) * 100)).toBeLessThanOrEqual(Number(percent) + 1);
      // Transcript lines above the bar, whole; the summary and the interrupt line below it.
      const barRow = lines.indexOf(bar);
      for (const line of lines.slice(0, barRow)) expect(line).toMatch(/^[A-Z][a-z]+( [a-z]+)+\.$/);
      expect(unwrap(lines.slice(barRow + 1), size.columns).join('\n')).toMatch(
        /^done: \d+ utterances from \d:\d\d of audio in [^\n]+\n {2}1 session \(0 rotations, 0 resumes, 0\.0 s re-sent\)\n {2}sessions ended: aborted 1\nrealtime-transcribe: interrupted by SIGINT: not transcribed from \d+\.\d s of \S+$/,
      );
    }, 120_000);
  }
});
