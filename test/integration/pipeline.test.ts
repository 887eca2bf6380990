// The built CLI as a subprocess against the emulator on loopback: real ffmpeg, real WebSocket,
// exact tonecode transcripts, exit codes and the exact lines users see.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { checkTranscript, formatCheckReport } from '../../src/tonecode/index.js';
import { makeCorpusFile } from '../helpers/tonecode-files.js';
import { CLI_PATH, cleanEnv, REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { serviceArgs, type Emulator } from '../helpers/service-args.js';

const SPEED = '40';
let dir: string;
let emulator: Emulator;

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z\s]/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-pipeline-'));
  emulator = await startEmulator({ timeScale: Number(SPEED), seed: 7 });
});

afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a file in, a transcript out', () => {
  it('runs the Quick start: --local prints the demo fixture transcript exactly', async () => {
    const result = await runCli(['--local', '--speed', '20', 'fixtures/tonecode-demo.wav']);
    expect(result.stderr).toMatch(/^done: 12 utterances/m);
    expect(result.code).toBe(0);
    const expected = normalize(await readFile('fixtures/tonecode-demo.txt', 'utf8'));
    expect(normalize(result.stdout)).toEqual(expected);
  });

  // A long file to stdout, every sentence exactly once, in order: resilience.test.ts (10 minutes,
  // 24 kHz WAV, through drops, expiries and a stall) and output.test.ts (5 minutes, into JSON).

  it.each([
    ['16 kHz mono wav', { sampleRate: 16_000, format: 'wav' as const }],
    ['44.1 kHz stereo mp3', { sampleRate: 44_100, channels: 2 as const, format: 'mp3' as const, bitrateKbps: 96 }],
    ['48 kHz flac', { sampleRate: 48_000, format: 'flac' as const }],
  ])(
    'decodes %s through ffmpeg and transcribes it exactly',
    async (_name, format) => {
      const corpus = await makeCorpusFile(dir, { first: 1000, count: 40, ...format });
      const result = await runCli([corpus.path, ...serviceArgs(emulator), '--speed', SPEED]);
      expect(result.code, result.stderr).toBe(0);
      const check = checkTranscript(result.stdout, { first: 1000, count: 40 });
      expect(check.ok, formatCheckReport(check)).toBe(true);
    },
    60_000,
  );

  it('keeps stdout for the transcript only and writes -o files atomically', async () => {
    const out = join(dir, 'demo.txt');
    const result = await runCli([
      'fixtures/tonecode-demo.wav',
      ...serviceArgs(emulator),
      '--speed',
      SPEED,
      '-o',
      out,
      '-v',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^done: 12 utterances/m);
    expect(normalize(await readFile(out, 'utf8'))).toEqual(
      normalize(await readFile('fixtures/tonecode-demo.txt', 'utf8')),
    );
  }, 30_000);

  it('ends quietly when the reader of stdout goes away (| head -2)', async () => {
    const child = spawn(
      process.execPath,
      [CLI_PATH, 'fixtures/tonecode-demo.wav', ...serviceArgs(emulator), '--speed', '10'],
      {
        cwd: REPO_ROOT,
        env: cleanEnv(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    let lines = 0;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      lines += d.split('\n').length - 1;
      if (lines >= 2) child.stdout.destroy(); // what `head -2` does after its second line
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(stderr).not.toMatch(/realtime-transcribe:|Error/);
  }, 30_000);

  it('says honestly that real speech is not tonecode', async () => {
    const result = await runCli(['fixtures/speech.wav', ...serviceArgs(emulator), '--speed', SPEED]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\[speech \d+\.\d s at \d+\.\d s\]$/m);
  }, 30_000);
});

// The user's errors (a missing file, not audio, a truncated file, a missing key, a malformed endpoint,
// a 401, usage errors) are in errors.test.ts, each with its exact line, hint and exit code.
describe('a path the service does not serve', () => {
  const first = (stderr: string) => stderr.split('\n')[0];

  it('an unknown deployment or path (404) fails at once', async () => {
    const result = await runCli([
      'fixtures/tonecode-demo.wav',
      '--endpoint',
      `${emulator.url}/no-such-gateway`,
      '--api-key',
      emulator.key,
      '--deployment',
      'd',
    ]);
    expect(result.code).toBe(1);
    expect(first(result.stderr)).toMatch(
      /^realtime-transcribe: no Realtime endpoint or deployment at .*no-such-gateway.* \(404\)$/,
    );
    expect(result.stderr).not.toContain(emulator.key);
  });
});
