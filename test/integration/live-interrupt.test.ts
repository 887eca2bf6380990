// Stopping a live stream whose producer keeps stdin open (`kill -INT` or a supervisor's SIGTERM
// reaching the CLI alone): the speech in progress is transcribed, the output written, and the
// process exits with 130 / 143 although stdin never closes. Needs a real process: signals, stdio.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { checkTranscript, synthesizeCorpusChunks, wavHeader } from '../../src/tonecode/index.js';
import { CLI_PATH, cleanEnv, REPO_ROOT } from '../helpers/run-cli.js';
import { serviceArgs, type Emulator } from '../helpers/service-args.js';

const SPEED = 10;
let dir: string;
let emulator: Emulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-live-stop-'));
  emulator = await startEmulator({ timeScale: SPEED, seed: 9 });
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

// Writes a live WAV into the CLI's stdin, never closing it, and signals the CLI alone once
// `afterSentences` lines are on stdout. Resolves when the CLI exits.
async function stopLive(signal: NodeJS.Signals, afterSentences: number) {
  const out = join(dir, `live-${signal}.txt`);
  const child = spawn(
    process.execPath,
    [CLI_PATH, '-', ...serviceArgs(emulator, { deployment: 'd', speed: SPEED }), '-o', out, '-f', 'txt'],
    { cwd: REPO_ROOT, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.on('error', () => {});
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let exitedYet = false;
  void exited.then(() => (exitedYet = true));
  const completedBefore = emulator.stats().itemsCompleted; // the emulator is shared by the tests
  child.stdin.write(wavHeader(0x7fff0000, 24_000, 1));
  const rate = 24_000;
  let signalled = false;
  for (const chunk of synthesizeCorpusChunks({ count: 40 }, rate / 10)) {
    if (exitedYet) break;
    child.stdin.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    await new Promise((resolve) => setTimeout(resolve, 100 / SPEED));
    if (!signalled && emulator.stats().itemsCompleted - completedBefore >= afterSentences) {
      signalled = true;
      child.kill(signal);
    }
  }
  // The producer keeps stdin open: the CLI must exit on its own.
  const code = await exited;
  child.stdin.destroy();
  return { code, stderr, written: await readFile(out, 'utf8') };
}

describe('stopping a live stream while stdin stays open', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s: writes every sentence so far, the one in progress too, and exits %i',
    async (signal, expected) => {
      const { code, stderr, written } = await stopLive(signal, 5);
      expect(code, stderr).toBe(expected);
      const lines = written.trim().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(5);
      // Whole sentences are exact; the last one may be cut where the stop came, never repeated.
      const whole = checkTranscript(lines.slice(0, -1), { count: lines.length - 1 });
      expect(whole.ok).toBe(true);
      expect(checkTranscript(written, { count: lines.length }).duplicated).toEqual([]);
      expect(stderr).toMatch(new RegExp(`^realtime-transcribe: interrupted by ${signal}`, 'm'));
    },
    60_000,
  );
});
