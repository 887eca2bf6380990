// --token-command runs once per token lifetime for the whole invocation: a batch of files shares
// one credential source, as a single run's sessions do. The built CLI against the emulator on
// loopback, with a token helper as a user writes one that also counts its own runs.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { checkTranscript, formatCheckReport } from '../../src/tonecode/index.js';
import { makeCorpusFile, type CorpusFile } from '../helpers/tonecode-files.js';
import { runCli } from '../helpers/run-cli.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const SPEED = 40;
const FILES = 6;
let dir: string;
let rec: string;
let helper: string;
let emulator: Emulator;
const files: { file: CorpusFile; first: number; count: number }[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-token-once-'));
  rec = join(dir, 'rec');
  await mkdir(rec, { recursive: true });
  for (let i = 0; i < FILES; i++) {
    const first = 100 + i * 10;
    const count = 3 + (i % 3);
    files.push({ file: await makeCorpusFile(rec, { first, count }), first, count });
  }
  emulator = await startEmulator({ timeScale: SPEED, seed: 5, key: 'emu-key' });
  // Appends a line to the counter file given as its argument each time it runs, prints the key.
  helper = join(dir, 'token.mjs');
  await writeFile(
    helper,
    `import { appendFileSync } from 'node:fs';\n` +
      `appendFileSync(process.argv[2], 'ran\\n');\n` +
      `console.log('emu-key');\n`,
  );
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const serviceArgs = (counter: string) => [
  '--endpoint',
  emulator.url,
  '--deployment',
  'transcribe',
  '--speed',
  String(SPEED),
  '--token-command',
  `${process.execPath} ${helper} ${counter}`,
];

async function runsOf(counter: string): Promise<number> {
  return (await readFile(counter, 'utf8')).split('\n').filter((line) => line === 'ran').length;
}

describe('--token-command in a batch', () => {
  it(`a batch of ${FILES} files with --jobs 2 runs it once, and every file is exact`, async () => {
    const counter = join(dir, 'batch-runs');
    const out = join(dir, 'out');
    const opened = emulator.stats().sessionsOpened;
    const result = await runCli([rec, '-o', out, '--jobs', '2', ...serviceArgs(counter)], { timeoutMs: 90_000 });
    expect(result.code, result.stderr).toBe(0);
    for (const { file, first, count } of files) {
      const text = await readFile(join(out, basename(file.path).replace(/\.wav$/, '.txt')), 'utf8');
      const check = checkTranscript(text, { first, count });
      expect(check.ok, formatCheckReport(check)).toBe(true);
    }
    expect(emulator.stats().sessionsOpened - opened).toBeGreaterThanOrEqual(FILES);
    expect(await runsOf(counter)).toBe(1);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(`${FILES} ok, 0 failed, 0 skipped`);
    expect(result.stderr).not.toContain('emu-key');
  }, 120_000);

  it('a single run runs it once too', async () => {
    const counter = join(dir, 'single-runs');
    const { file, first, count } = files[0]!;
    const result = await runCli([file.path, ...serviceArgs(counter)], { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const check = checkTranscript(result.stdout, { first, count });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    expect(await runsOf(counter)).toBe(1);
  }, 90_000);
});
