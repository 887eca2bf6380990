// A damaged checkpoint is never trusted: a run killed with SIGKILL, its journal then damaged as a
// disk fault or a stray process might, and the same command run again. Each damage ends with the
// uninterrupted run's transcript (never a wrong or a duplicated one), or, when the journal cannot
// be read at all, with an error naming the journal.
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { makeCorpusFile, type CorpusFile } from '../helpers/tonecode-files.js';
import { runCli, runCliUntil } from '../helpers/run-cli.js';
import { serviceArgs, type Emulator } from '../helpers/service-args.js';

const SPEED = 20;
let dir: string;
let emulator: Emulator;
let corpus: CorpusFile;
let reference: string;

const args = (out: string) => [corpus.path, ...serviceArgs(emulator, { deployment: 'd', speed: SPEED }), '-o', out];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-damage-'));
  emulator = await startEmulator({ timeScale: SPEED, seed: 11 });
  corpus = await makeCorpusFile(dir, { first: 200, count: 40 });
  const whole = join(dir, 'whole.txt');
  const result = await runCli(args(whole), { timeoutMs: 60_000 });
  expect(result.code, result.stderr).toBe(0);
  reference = await readFile(whole, 'utf8');
}, 90_000);
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const journalLines = (journal: string) =>
  existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').filter(Boolean) : [];

// A run killed (SIGKILL) once its journal holds 12 segments: the checkpoint a crash leaves.
async function crashed(name: string): Promise<{ out: string; journal: string }> {
  const out = join(dir, `${name}.txt`);
  const journal = `${out}.rt-journal`;
  const killed = await runCliUntil(
    args(out),
    () => journalLines(journal).filter((l) => l.startsWith('{"segment"')).length >= 12,
    { signal: 'SIGKILL', pollMs: 20 },
  );
  expect(killed.signal).toBe('SIGKILL');
  return { out, journal };
}

// Changes the `nth` line (0-based, among those starting with `prefix`) of the journal.
function damage(journal: string, prefix: string, nth: number, change: (line: string) => string): number {
  const lines = readFileSync(journal, 'utf8').split('\n');
  const at = lines.map((l, i) => (l.startsWith(prefix) ? i : -1)).filter((i) => i >= 0)[nth]!;
  lines[at] = change(lines[at]!);
  writeFileSync(journal, lines.join('\n'));
  return at + 1;
}

describe('a damaged checkpoint', () => {
  it.each([
    [
      'a flipped letter in a segment',
      (journal: string) =>
        damage(journal, '{"segment"', 1, (l) =>
          l.replace(/"text":"(.)/, (_, c: string) => `"text":"${String.fromCharCode(c.charCodeAt(0) ^ 1)}`),
        ),
    ],
    [
      'one digit changed in an acknowledged offset',
      (journal: string) =>
        damage(journal, '{"ack"', 1, (l) => l.replace(/"ack":(\d)/, (_, d: string) => `"ack":${(Number(d) + 5) % 10}`)),
    ],
  ])(
    '%s: set aside, named on stderr, and the file transcribed from the start',
    async (_what, spoil) => {
      const { out, journal } = await crashed(`spoilt-${_what.split(' ')[2]}`);
      const line = spoil(journal);
      const rerun = await runCli(args(out), { timeoutMs: 60_000 });
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stderr).toMatch(
        new RegExp(
          `^setting aside the checkpoint \\S+\\.rt-journal as \\S+\\.rt-journal\\.damaged: line ${line} fails its checksum; transcribing from the start$`,
          'm',
        ),
      );
      expect(rerun.stderr).not.toMatch(/continuing from/);
      expect(await readFile(out, 'utf8')).toBe(reference);
      expect(existsSync(`${journal}.damaged`)).toBe(true);
      expect(existsSync(journal)).toBe(false); // removed once the output is complete
    },
    90_000,
  );

  it('a duplicated segment line: read once, continued, and no sentence twice', async () => {
    const { out, journal } = await crashed('duplicated');
    damage(journal, '{"segment"', 2, (l) => `${l}\n${l}`);
    const rerun = await runCli(args(out), { timeoutMs: 60_000 });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/^continuing from \d+\.\d s with \d+ utterances from the checkpoint \S+$/m);
    expect(await readFile(out, 'utf8')).toBe(reference);
  }, 90_000);

  it.each([
    ['a directory where the journal should be', (journal: string) => mkdirSync(journal), 'EISDIR is a directory'],
    [
      'a journal that cannot be opened (a link to itself)',
      (journal: string) => symlinkSync(journal, journal),
      'ELOOP too many symbolic links encountered',
    ],
  ])(
    '%s: an error naming the journal, not the output',
    async (_what, spoil, detail) => {
      const out = join(dir, `unreadable-${detail.slice(0, 5)}.txt`);
      const journal = `${out}.rt-journal`;
      rmSync(journal, { recursive: true, force: true });
      spoil(journal);
      const result = await runCli(args(out), { timeoutMs: 60_000 });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toBe(
        `realtime-transcribe: cannot read the checkpoint (${journal}): ${detail}\n` +
          `hint: remove ${journal} (or give it back its permissions) and run the same command again\n`,
      );
      expect(existsSync(out)).toBe(false);
    },
    90_000,
  );
});
