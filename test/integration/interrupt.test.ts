// Stopping and crashing: Ctrl-C writes what was transcribed and says what was not; a run killed
// with SIGKILL continues from its checkpoint and ends with the same transcript as an
// uninterrupted run.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { checkTranscript, formatCheckReport } from '../../src/tonecode/index.js';
import { makeCorpusFile, type CorpusFile } from '../helpers/tonecode-files.js';
import { runCli, runCliUntil } from '../helpers/run-cli.js';
import { serviceArgs, type Emulator } from '../helpers/service-args.js';

const SPEED = 20;
let dir: string;
let emulator: Emulator;
let corpus: CorpusFile;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-interrupt-'));
  emulator = await startEmulator({ timeScale: SPEED, seed: 5 });
  corpus = await makeCorpusFile(dir, { first: 400, count: 100 }); // about 4 minutes
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const args = (out: string) => [corpus.path, ...serviceArgs(emulator, { deployment: 'd', speed: SPEED }), '-o', out];

// Starts the CLI and sends it `signal` once the checkpoint holds `afterSegments` utterances: where
// the run has got, not how long it has run, so a busy machine signals it at the same point.
function runAndSignal(out: string, signal: NodeJS.Signals, afterSegments: number, extra: string[] = []) {
  return runCliUntil([...args(out), ...extra], () => segmentsIn(`${out}.rt-journal`) >= afterSegments, {
    signal,
    pollMs: 20,
  });
}

function segmentsIn(journal: string): number {
  if (!existsSync(journal)) return 0;
  return readFileSync(journal, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{"segment"')).length;
}

describe('interrupting a run', () => {
  it('Ctrl-C writes the transcript so far, says from where it is missing, and exits 130', async () => {
    const out = join(dir, 'sigint.txt');
    const result = await runAndSignal(out, 'SIGINT', 8);
    expect(result.code, result.stderr).toBe(130);
    const match = /^realtime-transcribe: interrupted by SIGINT: not transcribed from (\d+\.\d) s of .*$/m.exec(
      result.stderr,
    );
    expect(match, result.stderr).not.toBeNull();
    const written = await readFile(out, 'utf8');
    const lines = written.trim().split('\n');
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.length).toBeLessThan(100);
    const check = checkTranscript(written, { first: 400, count: lines.length });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    // What was written ends where the message says transcription stopped.
    const stoppedAt = Number(match![1]);
    const lastWritten = corpus.timings[lines.length - 1]!;
    const nextSentence = corpus.timings[lines.length];
    expect(stoppedAt).toBeGreaterThanOrEqual(lastWritten.endSec);
    if (nextSentence) expect(stoppedAt).toBeLessThan(nextSentence.endSec);
  }, 60_000);

  it('SIGTERM exits 143 and still writes what was final', async () => {
    const out = join(dir, 'sigterm.txt');
    const result = await runAndSignal(out, 'SIGTERM', 4);
    expect(result.code, result.stderr).toBe(143);
    expect(result.stderr).toMatch(/^realtime-transcribe: interrupted by SIGTERM: not transcribed from \d+\.\d s of /m);
    expect(
      checkTranscript(await readFile(out, 'utf8'), {
        first: 400,
        count: (await readFile(out, 'utf8')).trim().split('\n').length,
      }).ok,
    ).toBe(true);
  }, 60_000);

  it('kill -9 mid-file, then the same command again: the same transcript, and the same SRT and VTT bytes, as an uninterrupted run', async () => {
    const formats = ['-f', 'txt,srt,vtt'];
    const whole = join(dir, 'uninterrupted.txt');
    const reference = await runCli([...args(whole), ...formats], { timeoutMs: 60_000 });
    expect(reference.code, reference.stderr).toBe(0);

    const out = join(dir, 'crashed.txt');
    const killed = await runAndSignal(out, 'SIGKILL', 10, formats);
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(`${out}.rt-journal`)).toBe(true);
    expect(existsSync(out)).toBe(false); // a crash writes nothing but the checkpoint

    const rerun = await runCli([...args(out), ...formats], { timeoutMs: 60_000 });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(
      /^continuing from \d+\.\d s with \d+ utterances from the checkpoint .*crashed\.txt\.rt-journal$/m,
    );
    const check = checkTranscript(await readFile(out, 'utf8'), { first: 400, count: 100 });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    // One timeline: cue times after the continue point are those of the uninterrupted run.
    for (const ext of ['txt', 'srt', 'vtt']) {
      const continued = await readFile(join(dir, `crashed.${ext}`), 'utf8');
      expect(continued, ext).toBe(await readFile(join(dir, `uninterrupted.${ext}`), 'utf8'));
    }
    expect(existsSync(`${out}.rt-journal`)).toBe(false); // removed once the output is complete
  }, 120_000);

  it('a checkpoint of another version of the input is ignored, not trusted', async () => {
    const out = join(dir, 'stale.txt');
    const killed = await runAndSignal(out, 'SIGKILL', 4);
    expect(killed.signal).toBe('SIGKILL');
    const other = await makeCorpusFile(dir, { first: 400, count: 100 }); // same content, other file
    const rerun = await runCli([other.path, ...args(out).slice(1)], { timeoutMs: 60_000 });
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(
      /^ignoring the checkpoint .*stale\.txt\.rt-journal: it belongs to another version of the input$/m,
    );
    expect(checkTranscript(await readFile(out, 'utf8'), { first: 400, count: 100 }).ok).toBe(true);
  }, 120_000);
});
