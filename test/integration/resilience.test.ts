// The built CLI against the WebSocket emulator with faults, end to end: what needs a process
// (exit codes, stderr lines, files written, --log-events, a live stdin). Every fault scenario is
// also tested, faster and in more variants, at unit level on the virtual clock
// (test/transcriber/faults.test.ts); these runs show the same holds through real sockets.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkTranscript,
  corpusDurationSec,
  formatCheckReport,
  synthesizeCorpusChunks,
  wavHeader,
} from '../../src/tonecode/index.js';
import { makeCorpusFile } from '../helpers/tonecode-files.js';
import { CLI_PATH, cleanEnv, runCli, REPO_ROOT } from '../helpers/run-cli.js';
import { emulatorPerTest, serviceArgs as flagsFor, type Emulator } from '../helpers/service-args.js';

const SPEED = 60;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-resilience-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const emulate = emulatorPerTest({ timeScale: SPEED, seed: 11 });

const serviceArgs = (e: Emulator) => flagsFor(e, { speed: SPEED });

// `sessions ended: dropped 3, finished 1` → { dropped: 3, finished: 1 }
function endReasons(stderr: string): Record<string, number> {
  const line = /sessions ended: (.*)$/m.exec(stderr)?.[1] ?? '';
  return Object.fromEntries(
    line
      .split(', ')
      .filter(Boolean)
      .map((part) => {
        const [name, count] = part.split(' ');
        return [name!, Number(count)];
      }),
  );
}

function summaryCount(stderr: string, what: 'rotation' | 'resume'): number {
  const match = new RegExp(`(\\d+) ${what}s?\\b`).exec(stderr);
  return match ? Number(match[1]) : NaN;
}

describe('resume after faults, every sentence exactly once', () => {
  it('survives random drops (2–6 min), expiries and a stall in one run, and the summary counts them', async () => {
    const e = await emulate({
      faults: {
        drop: { betweenMs: [90_000, 180_000] },
        expireAfterMs: 120_000,
        stall: { session: 3, afterMs: 30_000 },
      },
    });
    const corpus = await makeCorpusFile(dir, { count: 250 }); // 10 minutes
    const result = await runCli([corpus.path, ...serviceArgs(e)], { timeoutMs: 120_000 });
    expect(result.code, result.stderr).toBe(0);
    const check = checkTranscript(result.stdout, { count: 250 });
    expect(check.ok, formatCheckReport(check)).toBe(true);

    const stats = e.stats();
    const reasons = endReasons(result.stderr);
    expect(stats.drops).toBeGreaterThanOrEqual(2);
    expect(stats.expires).toBeGreaterThanOrEqual(1);
    expect(stats.stalls).toBe(1);
    // Each session ends once, for its first fault. On a busy machine the emulator can also drop
    // or expire the session the client has already judged stalled (and kept draining, as a late
    // one that still answers): that fault ends nothing new. So no kind of end is counted more
    // often than it happened, the stall is counted, and every end is one resume.
    const dropped = reasons.dropped ?? 0;
    const expired = reasons.expired ?? 0;
    const stalled = reasons.stalled ?? 0;
    expect(dropped).toBeGreaterThanOrEqual(1);
    expect(dropped).toBeLessThanOrEqual(stats.drops);
    expect(expired).toBeLessThanOrEqual(stats.expires);
    expect(stalled).toBeGreaterThanOrEqual(stats.stalls);
    expect(dropped + expired + stalled).toBeGreaterThanOrEqual(stats.drops + stats.expires + stats.stalls - 1);
    expect(summaryCount(result.stderr, 'resume')).toBe(dropped + expired + stalled);
  }, 150_000);
});

describe('a slow service', () => {
  it.each([[[]], [['-v']]])(
    'transcripts 35 s after each commit (flags %j): exact, exit 0, and stderr says once that the service is slow',
    async (flags) => {
      const e = await emulate({ latencyMs: [35_000, 35_000] });
      const corpus = await makeCorpusFile(dir, { count: 40 });
      const result = await runCli([corpus.path, ...serviceArgs(e), ...flags], { timeoutMs: 120_000 });
      expect(result.code, result.stderr).toBe(0);
      const check = checkTranscript(result.stdout, { count: 40 });
      expect(check.ok, formatCheckReport(check)).toBe(true);
      const slow = result.stderr.split('\n').filter((line) => line.includes('the service is slow'));
      expect(slow, result.stderr).toHaveLength(1);
      expect(slow[0]).toMatch(
        /^warning: the service is slow: a transcript came \d+\.\d s after its commit; each commit now waits up to \d+\.\d s for its transcript \(3× the slowest recent one\)$/,
      );
    },
    150_000,
  );
});

describe('refusals at the upgrade', () => {
  it('503 for the first 3 attempts, then success; the backoff is visible in --log-events', async () => {
    const e = await emulate({ faults: { refuse: { status: 503, count: 3 } } });
    const log = join(dir, 'events-503.jsonl');
    const result = await runCli(['fixtures/tonecode-demo.wav', ...serviceArgs(e), '--log-events', log]);
    expect(result.code, result.stderr).toBe(0);
    expect(checkTranscript(result.stdout, { count: 12 }).ok).toBe(true);
    const entries = (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const backoffs = entries.filter((entry) => entry.kind === 'backoff');
    expect(backoffs.map((b) => b.attempt)).toEqual([1, 2, 3]);
    for (const b of backoffs) expect(b.cause).toMatch(/503/);
    const delays = backoffs.map((b) => b.delayMs as number);
    expect(delays[2]!).toBeGreaterThan(delays[0]!); // exponential, with jitter
    expect(e.stats().refused[503]).toBe(3);
    // Every message both ways is there, audio elided, the key never written.
    const text = await readFile(log, 'utf8');
    expect(text).not.toContain(e.key);
    expect(
      entries.some((x) => x.kind === 'send' && (x.event as { type: string }).type === 'input_audio_buffer.append'),
    ).toBe(true);
    expect(text).toMatch(/"audio":"<\d+ bytes>"/);
    expect(
      entries.some(
        (x) =>
          x.kind === 'receive' &&
          (x.event as { type: string }).type === 'conversation.item.input_audio_transcription.completed',
      ),
    ).toBe(true);
  }, 60_000);

  // A 401 at the upgrade (one attempt, its exact line and hint): errors.test.ts.
});

describe('bounded replay', () => {
  it('a long outage on a live stream stops with an error naming --replay-limit and writes the transcript up to the acknowledged offset', async () => {
    const speed = 10; // a live source: a hiccup costs speed × its length in audio, so keep it modest
    const e = await emulate({ timeScale: speed });
    const count = 80;
    const rate = 24_000;
    const seconds = corpusDurationSec({ count });
    const out = join(dir, 'outage.txt');
    const args = ['-', '--endpoint', e.url, '--api-key', e.key, '--deployment', 'd', '--speed', String(speed)];
    const child = spawn(
      process.execPath,
      [CLI_PATH, ...args, '--replay-limit', '30s', '-o', out, '--max-attempts', '50'],
      {
        cwd: REPO_ROOT,
        env: cleanEnv(),
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => {});
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    child.stdin.write(wavHeader(seconds * rate * 2, rate, 1));
    let sent = 0;
    let closedEmulator = false;
    let started = Date.now();
    for (const chunk of synthesizeCorpusChunks({ count }, rate / 10)) {
      if (child.exitCode !== null) break;
      child.stdin.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      sent += 0.1;
      if (Math.abs(sent - 5) < 0.05) {
        // ffmpeg probes a few seconds of a piped WAV before it decodes: let the listener get
        // ready, then keep a live pace.
        while (e.stats().sessionsOpened === 0 && child.exitCode === null)
          await new Promise((resolve) => setTimeout(resolve, 5));
        started = Date.now() - 5000 / speed;
      }
      // Once the service has transcribed a dozen sentences (where the run has got, not how much
      // audio went out: on a busy machine the transcripts lag the audio), it goes away for good.
      if (!closedEmulator && e.stats().itemsCompleted >= 12) {
        closedEmulator = true;
        await e.close();
      }
      // Deadline-based, so timer granularity does not make the source faster than live.
      const due = started + (sent * 1000) / speed;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
    child.stdin.end();
    const code = await exited;
    expect(code, stderr).toBe(1);
    expect(stderr).toMatch(
      /^realtime-transcribe: replay buffer full: 30\.0 s of audio are waiting for a transcript \(--replay-limit 30s\)$/m,
    );
    expect(stderr).toMatch(/^realtime-transcribe: transcribed up to \d+\.\d s of stdin; the rest was not$/m);
    const written = await readFile(out, 'utf8');
    const lines = written.trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    const check = checkTranscript(written, { count: lines.length });
    expect(check.ok, formatCheckReport(check)).toBe(true);
  }, 90_000);
});
