// Batches through the built CLI against the in-process emulator: a nested directory of mixed
// formats with bad files and a finished one, sharding over two "machines", and a 429 storm with a
// session cap that the adaptive gate must settle under.
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { checkTranscript, formatCheckReport, type CorpusFileFormat } from '../../src/tonecode/index.js';
import { makeCorpusFile } from '../helpers/tonecode-files.js';
import { runCli } from '../helpers/run-cli.js';
import { serviceArgs as flagsFor, type Emulator } from '../helpers/service-args.js';
import { runMain } from '../helpers/run-main.js';

const SPEED = 40;
const FORMATS: CorpusFileFormat[] = ['wav', 'mp3', 'flac', 'ogg', 'm4a'];
const DONE_TEXT = 'transcribed last week\n';
const OLD_TIME = new Date('2020-02-02T02:02:02Z');

interface Good {
  rel: string; // below rec/, input extension included
  first: number;
  count: number;
}

let dir: string;
let rec: string;
const good: Good[] = [];
const emulators: Emulator[] = [];

const serviceArgs = (e: Emulator) => flagsFor(e, { speed: SPEED });
const txtOf = (rel: string) => rel.replace(/\.[^./]+$/, '.txt');

async function emulate(options: Parameters<typeof startEmulator>[0] = {}): Promise<Emulator> {
  const emulator = await startEmulator({ timeScale: SPEED, seed: 5, ...options });
  emulators.push(emulator);
  return emulator;
}

// Every regular file below `root`, as sorted relative paths.
async function tree(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

function expectExact(text: string, file: Good): void {
  const check = checkTranscript(text, { first: file.first, count: file.count });
  expect(check.ok, `${file.rel}: ${formatCheckReport(check)}`).toBe(true);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-batch-'));
  rec = join(dir, 'rec');
  // Ten good files of 9–17 sentences (~20–40 s), in five formats, one to three levels deep.
  const places = [
    '',
    'day-1',
    'day-1',
    'day-2/morning',
    'day-2/morning',
    'day-2/evening',
    'day-3',
    'day-3/x/y',
    '',
    'day-1',
  ];
  await Promise.all(
    places.map(async (place, i) => {
      const at = join(rec, place);
      await mkdir(at, { recursive: true });
      const first = 1000 + i * 50;
      const count = 9 + ((i * 3) % 9);
      // 64 kbps: libvorbis refuses 128 kbps for 24 kHz mono.
      const file = await makeCorpusFile(at, { first, count, format: FORMATS[i % FORMATS.length]!, bitrateKbps: 64 });
      good.push({ rel: relative(rec, file.path).split('\\').join('/'), first, count });
    }),
  );
  good.sort((a, b) => (a.rel < b.rel ? -1 : 1));
  await mkdir(join(rec, 'bad'), { recursive: true });
  await copyFile('fixtures/corrupt.wav', join(rec, 'bad', 'corrupt.wav'));
  await copyFile('fixtures/not-audio.wav', join(rec, 'bad', 'not-audio.wav'));
  await mkdir(join(rec, 'done'), { recursive: true });
  await copyFile('fixtures/tonecode-demo.wav', join(rec, 'done', 'old.wav'));
  await writeFile(join(rec, 'notes.txt'), 'not a recording: not selected\n');
  await mkdir(join(rec, '.trash'), { recursive: true });
  await copyFile('fixtures/tonecode-demo.wav', join(rec, '.trash', 'hidden.wav'));
}, 120_000);

afterAll(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('a directory of 13 files with --jobs 3', () => {
  it('transcribes the 10 good files exactly, leaves the finished one alone, reports the 2 bad ones, exits 1', async () => {
    const emulator = await emulate();
    const out = join(dir, 'out');
    await mkdir(join(out, 'done'), { recursive: true });
    await writeFile(join(out, 'done', 'old.txt'), DONE_TEXT);
    await utimes(join(out, 'done', 'old.txt'), OLD_TIME, OLD_TIME);

    const started = performance.now();
    const result = await runCli([rec, '-o', out, '--jobs', '3', ...serviceArgs(emulator)], { timeoutMs: 120_000 });
    const wallSec = (performance.now() - started) / 1000;
    console.log(
      `batch of 13 files (10 transcribed, ${emulator.stats().sessionsOpened} sessions): ${wallSec.toFixed(1)} s wall`,
    );

    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toBe('');
    for (const file of good) expectExact(await readFile(join(out, txtOf(file.rel)), 'utf8'), file);

    // The finished file: not transcribed again, not even rewritten.
    expect(await readFile(join(out, 'done', 'old.txt'), 'utf8')).toBe(DONE_TEXT);
    expect((await stat(join(out, 'done', 'old.txt'))).mtime.getTime()).toBe(OLD_TIME.getTime());

    // The bad ones: one line each, in the per-file lines and in the table.
    const corrupt = join(rec, 'bad', 'corrupt.wav');
    const notAudio = join(rec, 'bad', 'not-audio.wav');
    const corruptWhy = `input ends early (${corrupt}): decoded 11.1 s of the 27.7 s its header declares`;
    const notAudioWhy = `not an audio file (${notAudio}): ffmpeg says "Invalid data found when processing input"`;
    expect(result.stderr).toMatch(new RegExp(`^\\[\\d+/12\\] failed ${escape(corrupt)}: ${escape(corruptWhy)}$`, 'm'));
    expect(result.stderr).toMatch(
      new RegExp(`^\\[\\d+/12\\] failed ${escape(notAudio)}: ${escape(notAudioWhy)}$`, 'm'),
    );
    expect(result.stderr).toMatch(
      new RegExp(`^${escape(corrupt)} +failed +0:11 +5 +1 +0  ${escape(corruptWhy)}$`, 'm'),
    );
    expect(result.stderr).toMatch(new RegExp(`^${escape(join(rec, 'done', 'old.wav'))} +skipped +- +- +- +-$`, 'm'));
    expect(result.stderr).toMatch(
      /^12 files to transcribe into .*, 3 at a time; 1 skipped \(transcripts exist; --overwrite redoes them\)$/m,
    );
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('10 ok, 2 failed, 1 skipped');

    // What was transcribed of the truncated file is kept, under a name a re-run does not skip.
    expect(await tree(out)).toEqual(
      [...good.map((g) => txtOf(g.rel)), 'bad/corrupt.txt.partial', 'done/old.txt'].sort(),
    );
    expect(checkTranscript(await readFile(join(out, 'bad', 'corrupt.txt.partial'), 'utf8'), { count: 5 }).ok).toBe(
      true,
    );

    // Never more sessions than the gate allows (jobs + 1 for a rotation); no bars, no colors.
    expect(emulator.stats().maxConcurrent).toBeLessThanOrEqual(4);
    expect(result.stderr).not.toContain('\u001b[');
  }, 150_000);
});

describe('--shard over two machines', () => {
  it('--shard 1/2 then --shard 2/2 into fresh directories transcribe every file exactly once', async () => {
    const emulator = await emulate();
    const outs = [join(dir, 'shard-1'), join(dir, 'shard-2')];
    const results = [];
    for (const [i, out] of outs.entries()) {
      results.push(
        await runCli([rec, '-o', out, '--jobs', '3', '--shard', `${i + 1}/2`, ...serviceArgs(emulator)], {
          timeoutMs: 120_000,
        }),
      );
    }
    const trees = await Promise.all(outs.map(tree));
    // Each file in exactly one shard: its transcript in one directory, its row in one table.
    const transcripts = trees.flat().map((f) => f.replace(/\.partial$/, ''));
    const all = [...good.map((g) => txtOf(g.rel)), 'bad/corrupt.txt', 'done/old.txt'].sort();
    expect([...transcripts].sort()).toEqual(all);
    const labels = ['bad/not-audio.wav', 'bad/corrupt.wav', 'done/old.wav', ...good.map((g) => g.rel)].map((rel) =>
      join(rec, rel),
    );
    for (const label of labels) {
      const rows = results.filter((r) => new RegExp(`^${escape(label)} +(ok|failed|skipped)`, 'm').test(r.stderr));
      expect(rows, label).toHaveLength(1);
    }
    for (const [i, result] of results.entries()) {
      expect(result.stderr).toMatch(new RegExp(`^shard ${i + 1}/2 has \\d+ of 13 files: `, 'm'));
    }
    expect(trees[0]!.length).toBeGreaterThan(0);
    expect(trees[1]!.length).toBeGreaterThan(0);
    for (const file of good) {
      const at = outs.find((_, i) => trees[i]!.includes(txtOf(file.rel)))!;
      expectExact(await readFile(join(at, txtOf(file.rel)), 'utf8'), file);
    }
    const doneAt = outs.find((_, i) => trees[i]!.includes('done/old.txt'))!;
    expectExact(await readFile(join(doneAt, 'done', 'old.txt'), 'utf8'), { rel: 'done/old.wav', first: 0, count: 12 });
  }, 240_000);
});

describe('throttling under a 429 storm and a session cap', () => {
  it('--jobs 6 on 8 files against refuse 429 ×6 and maxSessions 2: all exact, concurrency settles, says so', async () => {
    const emulator = await emulate({ faults: { refuse: { status: 429, count: 6 }, maxSessions: 2 } });
    const storm = join(dir, 'storm');
    const files = good.slice(0, 8);
    for (const file of files) {
      await mkdir(join(storm, file.rel, '..'), { recursive: true });
      await copyFile(join(rec, file.rel), join(storm, file.rel));
    }
    const out = join(dir, 'storm-out');
    const started = performance.now();
    const result = await runCli([storm, '-o', out, '--jobs', '6', ...serviceArgs(emulator)], { timeoutMs: 180_000 });
    const stats = emulator.stats();
    console.log(
      `storm: ${((performance.now() - started) / 1000).toFixed(1)} s wall, refused ${JSON.stringify(stats.refused)}, ` +
        `${stats.sessionsOpened} sessions, max concurrent ${stats.maxConcurrent}\n${result.stderr
          .split('\n')
          .filter((l) => l.startsWith('throttling'))
          .join('\n')}`,
    );

    expect(result.code, result.stderr).toBe(0);
    for (const file of files) expectExact(await readFile(join(out, txtOf(file.rel)), 'utf8'), file);
    expect(result.stderr).toMatch(/^throttling: \d+ concurrent sessions? \(429\/503 refusals\)$/m);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('8 ok, 0 failed, 0 skipped');
    // The emulator refuses past 2; a brief probe above the limit is how the gate learns it.
    expect(stats.maxConcurrent).toBeLessThanOrEqual(3);
    expect(stats.refused[429]).toBeGreaterThanOrEqual(6);
  }, 200_000);
});

describe('rotations under the shared limit', () => {
  it('counts the second session of a rotation: --jobs 2 never needs more than 3 sessions', async () => {
    // A cap of jobs + 1: any session the gate did not count would be refused here.
    const emulator = await emulate({ faults: { maxSessions: 3 } });
    const files = good.filter((g) => g.count >= 12).slice(0, 4);
    const inputs = files.map((f) => join(rec, f.rel));
    const out = join(dir, 'rotations');
    const result = await runCli(
      [...inputs, '-o', out, '--jobs', '2', '--rotate-after', '10s', ...serviceArgs(emulator)],
      { timeoutMs: 120_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    for (const file of files) expectExact(await readFile(join(out, txtOf(file.rel).split('/').pop()!), 'utf8'), file);
    expect(result.stderr).toMatch(/\d+ sessions \([1-9]\d* rotations?,/);
    expect(emulator.stats().refused).toEqual({});
    expect(emulator.stats().maxConcurrent).toBe(3);
  }, 120_000);
});

describe('what stops a batch before or during it', () => {
  const first = (stderr: string) => stderr.split('\n')[0];

  // Decided before anything is read or sent: in-process (errors.test.ts takes one through the built CLI).
  it('usage errors name the flag, exit 2 and touch nothing', async () => {
    const noOut = await runMain([rec]);
    expect(noOut.code).toBe(2);
    expect(first(noOut.stderr)).toBe(`realtime-transcribe: a directory needs -o DIR for its transcripts (${rec})`);
    const two = await runMain([join(rec, 'done', 'old.wav'), 'fixtures/tonecode-demo.wav']);
    expect(two.code).toBe(2);
    expect(first(two.stderr)).toBe('realtime-transcribe: several inputs need -o DIR (2 given)');
    const shard = await runMain([rec, '-o', join(dir, 'never'), '--shard', '3/2']);
    expect(shard.code).toBe(2);
    expect(first(shard.stderr)).toBe('realtime-transcribe: --shard takes K/N with 1 ≤ K ≤ N (3/2)');
    const jobs = await runMain([rec, '-o', join(dir, 'never'), '--jobs', '65']);
    expect(jobs.code).toBe(2);
    expect(first(jobs.stderr)).toBe('realtime-transcribe: --jobs takes a whole number from 1 to 64 (65)');
    await expect(stat(join(dir, 'never'))).rejects.toThrow();
  });

  it('a rejected key stops new files from starting: one attempt, not one per file', async () => {
    const emulator = await emulate();
    const out = join(dir, 'bad-key');
    const result = await runCli([
      join(rec, 'day-1'),
      '-o',
      out,
      '--endpoint',
      emulator.url,
      '--api-key',
      'wrong-key-1234',
      '--deployment',
      'd',
      '--jobs',
      '1',
    ]);
    expect(result.code).toBe(1);
    expect(emulator.stats().upgrades).toBe(1);
    expect(result.stderr).toMatch(/^\[1\/3\] failed .*: the service rejected the key \(401 from /m);
    expect(result.stderr).toMatch(/not started: the batch stopped after .* failed$/m);
    expect(result.stderr).not.toContain('wrong-key-1234');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe('0 ok, 3 failed, 0 skipped');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
