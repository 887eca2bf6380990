// Every interrupt ends the process, whatever state stdin is in: open with all of it read, open and
// half-read, or closed. The built CLI as a subprocess whose stdin this test holds (a pipe it never
// ends unless the case says so), signalled once stdout holds N sentences: where the run has got,
// not how long it has run. Mostly with --local; the cases that need a service that never answers
// start their own emulator.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { checkTranscript, formatCheckReport, synthesizeCorpus, wavHeader } from '../../src/tonecode/index.js';
import { CLI_PATH, cleanEnv, REPO_ROOT } from '../helpers/run-cli.js';
import { serviceArgs, type Emulator } from '../helpers/service-args.js';
import { makeCorpusFile } from '../helpers/tonecode-files.js';

const SPEED = 10;
// A live recorder's header: "unknown length", so only the end of stdin ends the audio.
const LIVE_HEADER = wavHeader(0x7fff0000, 24_000, 1);

let silent: Emulator; // transcribes nothing: every wait for a transcript lasts its whole bound
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-interrupt-stdin-'));
  silent = await startEmulator({ timeScale: SPEED, seed: 3, faults: { withholdTranscripts: {} } });
});
afterAll(async () => {
  await silent?.close();
  await rm(dir, { recursive: true, force: true });
});

// A case that fails leaves no process behind.
const running = new Set<ChildProcessWithoutNullStreams>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function pcmBytes(count: number): Buffer {
  const { pcm } = synthesizeCorpus({ count });
  return Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
}

interface Live {
  child: ChildProcessWithoutNullStreams;
  lines: () => string[];
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves once `ready()` holds (polled), or rejects if the process exits first. */
  until: (ready: () => boolean) => Promise<void>;
}

function startLive(args: string[]): Live {
  const child = spawn(process.execPath, [CLI_PATH, '-', '--speed', String(SPEED), ...args], {
    cwd: REPO_ROOT,
    env: cleanEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.on('error', () => {}); // the CLI may exit before reading all of it
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      done = true;
      running.delete(child);
      resolve(code);
    }),
  );
  const until = (ready: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (ready()) {
          clearInterval(poll);
          resolve();
        } else if (done) {
          clearInterval(poll);
          reject(new Error(`the CLI exited before the condition held\n${stderr}`));
        }
      }, 20);
    });
  const lines = () => stdout.split('\n').filter((l) => l !== '');
  return { child, lines, stderr: () => stderr, exited, until };
}

// Whole sentences exact; the last may be cut where the stop came; none repeated.
function expectPrefix(lines: string[], atLeast: number): void {
  expect(lines.length).toBeGreaterThanOrEqual(atLeast);
  const whole = checkTranscript(lines.slice(0, -1), { count: lines.length - 1 });
  expect(whole.ok, formatCheckReport(whole)).toBe(true);
  expect(checkTranscript(lines, { count: lines.length }).duplicated).toEqual([]);
}

const CODES = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const;

describe('an interrupt ends the process, whatever state stdin is in', () => {
  it.each(CODES)(
    '%s with stdin open and all of it read: every sentence written, exit %i',
    async (signal, code) => {
      const live = startLive(['--local']);
      live.child.stdin.write(Buffer.concat([LIVE_HEADER, pcmBytes(6)]));
      await live.until(() => live.lines().length >= 6);
      live.child.kill(signal);
      expect(await live.exited, live.stderr()).toBe(code);
      const check = checkTranscript(live.lines(), { count: 6 });
      expect(check.ok, formatCheckReport(check)).toBe(true);
      expect(live.stderr()).toMatch(
        new RegExp(`^realtime-transcribe: interrupted by ${signal}: not transcribed from \\d+\\.\\d s of stdin$`, 'm'),
      );
      live.child.stdin.destroy();
    },
    60_000,
  );

  it.each(CODES)(
    '%s with stdin open and half-read: the sentences so far and the one in progress, exit %i',
    async (signal, code) => {
      const live = startLive(['--local']);
      live.child.stdin.write(Buffer.concat([LIVE_HEADER, pcmBytes(60)])); // more than the pipe holds
      await live.until(() => live.lines().length >= 5);
      live.child.kill(signal);
      expect(await live.exited, live.stderr()).toBe(code);
      expectPrefix(live.lines(), 5);
      expect(live.lines().length).toBeLessThan(60);
      live.child.stdin.destroy();
    },
    60_000,
  );

  // ffmpeg holds the last part of a piped FLAC until its input ends, so that part is not heard.
  it('SIGTERM with stdin open, a format only ffmpeg decodes (FLAC): what ffmpeg gave is written, exit 143', async () => {
    const flac = await makeCorpusFile(dir, { count: 6, format: 'flac' });
    const live = startLive(['--local']);
    live.child.stdin.write(await readFile(flac.path));
    await live.until(() => live.lines().length >= 4);
    live.child.kill('SIGTERM');
    expect(await live.exited, live.stderr()).toBe(143);
    const check = checkTranscript(live.lines(), { count: live.lines().length });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    expect(live.lines().length).toBeLessThanOrEqual(flac.timings.length);
    live.child.stdin.destroy();
  }, 60_000);

  it('SIGINT with stdin already closed: exit 130', async () => {
    const live = startLive(['--local']);
    live.child.stdin.end(Buffer.concat([LIVE_HEADER, pcmBytes(40)]));
    await live.until(() => live.lines().length >= 4);
    live.child.kill('SIGINT');
    expect(await live.exited, live.stderr()).toBe(130);
    expectPrefix(live.lines(), 4);
  }, 60_000);

  it('a WAV whose declared length has been read ends the run although stdin stays open: exit 0', async () => {
    const live = startLive(['--local']);
    const body = pcmBytes(4);
    live.child.stdin.write(Buffer.concat([wavHeader(body.length, 24_000, 1), body]));
    expect(await live.exited, live.stderr()).toBe(0);
    const check = checkTranscript(live.lines(), { count: 4 });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    live.child.stdin.destroy();
  }, 60_000);
});

describe('waiting for transcripts after an interrupt is bounded', () => {
  const against = (e: Emulator, drain: string) => [...serviceArgs(e, { deployment: 'd' }), '--drain-timeout', drain];

  it('by the drain timeout: a service that never answers still lets SIGTERM end the run, exit 143', async () => {
    const committed = silent.stats().itemsCommitted; // the emulator is shared by these tests
    const live = startLive(against(silent, '2s'));
    live.child.stdin.write(Buffer.concat([LIVE_HEADER, pcmBytes(40)]));
    await live.until(() => silent.stats().itemsCommitted - committed >= 2);
    live.child.kill('SIGTERM');
    expect(await live.exited, live.stderr()).toBe(143);
    expect(live.lines()).toEqual([]);
    expect(live.stderr()).toMatch(
      /^realtime-transcribe: interrupted by SIGTERM: not transcribed from 0\.0 s of stdin$/m,
    );
    live.child.stdin.destroy();
  }, 60_000);

  it('by a second SIGINT, which ends the wait at once and keeps what was written', async () => {
    const committed = silent.stats().itemsCommitted;
    const out = join(dir, 'second-sigint.txt');
    // An hour of waiting (six minutes at this speed) unless a second Ctrl-C ends it.
    const live = startLive([...against(silent, '1h'), '-o', out]);
    live.child.stdin.write(Buffer.concat([LIVE_HEADER, pcmBytes(40)]));
    await live.until(() => silent.stats().itemsCommitted - committed >= 2);
    // Two signals sent together may arrive as one (a pending signal is not queued twice), so
    // Ctrl-C is repeated until the process is gone: the first starts the wait, the next ends it.
    let sent = 0;
    const again = setInterval(() => {
      sent++;
      live.child.kill('SIGINT');
    }, 200);
    const code = await live.exited;
    clearInterval(again);
    expect(code, live.stderr()).toBe(130);
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(live.stderr()).toMatch(
      /^realtime-transcribe: interrupted by SIGINT: not transcribed from 0\.0 s of stdin$/m,
    );
    expect(await readFile(out, 'utf8')).toBe(''); // written, with nothing transcribed
    live.child.stdin.destroy();
  }, 60_000);
});
