// A live stream on stdin, as `arecord … | realtime-transcribe -` makes one: the built CLI as a
// subprocess, fed by this test at the pace a recorder would write (scaled by --speed), against
// the emulator. Each sentence must come out exactly once. How soon (the lag, in audio time) is
// asserted on the virtual clock in test/transcriber/live-lag.test.ts; here it is only reported,
// since wall time on a busy machine says nothing about the tool.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions } from '../../src/emulator/index.js';
import {
  checkTranscript,
  corpusTimings,
  formatCheckReport,
  synthesizeCorpusChunks,
  wavHeader,
  type SentenceTiming,
} from '../../src/tonecode/index.js';
import { CLI_PATH, cleanEnv, REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { serviceArgs as flagsFor, type Emulator } from '../helpers/service-args.js';

const SPEED = 20;
// Read by a live recorder every 100 ms of audio.
const CHUNK_SEC = 0.1;

let emulator: Emulator;
const extraEmulators: Emulator[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: SPEED, seed: 21 });
});
afterAll(async () => {
  if (startUpMs.length > 0)
    console.log(`start-up (spawn to first session), wall ms: ${startUpMs.map((ms) => ms.toFixed(0)).join(', ')}`);
  await emulator?.close();
  for (const e of extraEmulators) await e.close();
});

const serviceArgs = (e: Emulator) => ['-', ...flagsFor(e, { speed: SPEED })];

interface AudioPiece {
  bytes: Buffer;
  /** End of this piece on the audio's own clock. */
  endSec: number;
}

interface LiveRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Each stdout line and the wall time (ms) it arrived. */
  lines: { text: string; at: number }[];
  /** Wall time (ms) each piece was written, by its end on the audio clock. */
  written: { endSec: number; at: number }[];
}

// Spawns the CLI and writes the header and the first piece at once, then each later piece when
// a live source would have it: audio second n at start + n / speed. Deadlines, not sleeps of
// fixed length, so timer slack never makes the source faster than live. The clock starts once
// the service has a session: starting node and connecting take a fixed wall time that --speed
// would otherwise multiply into tens of seconds of audio (at 1× it is a fraction of a second).
async function runLive(
  args: string[],
  service: Emulator,
  header: Buffer | undefined,
  pieces: Iterable<AudioPiece>,
): Promise<LiveRun> {
  const child = spawn(process.execPath, [CLI_PATH, ...args], {
    cwd: REPO_ROOT,
    env: cleanEnv(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: LiveRun['lines'] = [];
  let stdout = '';
  let partial = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => {
    const at = performance.now();
    stdout += text;
    const parts = (partial + text).split('\n');
    partial = parts.pop()!;
    for (const line of parts) if (line.trim()) lines.push({ text: line, at });
  });
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  child.stdin.on('error', () => {}); // the CLI may exit before reading everything
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

  const written: LiveRun['written'] = [];
  const spawnedAt = performance.now();
  const sessionsBefore = service.stats().sessionsOpened;
  let start: number | undefined;
  if (header) child.stdin.write(header);
  for (const piece of pieces) {
    if (start === undefined) {
      child.stdin.write(piece.bytes);
      written.push({ endSec: piece.endSec, at: performance.now() });
      // Bounded: a decoder that sits on the first audio (as ffmpeg did) must fail the lag check, not hang.
      const giveUpAt = performance.now() + START_UP_LIMIT_MS;
      while (
        service.stats().sessionsOpened === sessionsBefore &&
        child.exitCode === null &&
        performance.now() < giveUpAt
      )
        await sleep(2);
      start = performance.now() - (piece.endSec * 1000) / SPEED;
      startUpMs.push(performance.now() - spawnedAt);
      continue;
    }
    await sleep(start + (piece.endSec * 1000) / SPEED - performance.now());
    if (child.exitCode !== null) break;
    child.stdin.write(piece.bytes);
    written.push({ endSec: piece.endSec, at: performance.now() });
  }
  child.stdin.end();
  const code = await exited;
  return { code, stdout, stderr, lines, written };
}

const START_UP_LIMIT_MS = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
// Wall time from spawning the CLI to its first session, per run (reported, not asserted).
const startUpMs: number[] = [];

// The corpus at `rate` as PCM16 mono pieces of CHUNK_SEC, optionally re-encoded.
function* corpusPieces(
  count: number,
  rate: number,
  encode: (pcm: Int16Array) => Buffer = s16le,
  untilSec = Infinity,
): Generator<AudioPiece> {
  let endSec = 0;
  for (const chunk of synthesizeCorpusChunks({ count, sampleRate: rate }, Math.round(rate * CHUNK_SEC))) {
    const frames = Math.min(chunk.length, Math.round((untilSec - endSec) * rate));
    if (frames <= 0) return;
    endSec += frames / rate;
    yield { bytes: encode(chunk.subarray(0, frames)), endSec };
  }
}

function s16le(pcm: Int16Array): Buffer {
  const out = Buffer.alloc(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) out.writeInt16LE(pcm[i]!, i * 2);
  return out;
}

// G.711 μ-law, written here (the product only decodes it): bias, find the segment, invert.
function mulaw(pcm: Int16Array): Buffer {
  const out = Buffer.alloc(pcm.length);
  for (let i = 0; i < pcm.length; i++) {
    let sample = pcm[i]!;
    const sign = sample < 0 ? 0x80 : 0;
    if (sample < 0) sample = -sample;
    sample = Math.min(sample, 32635) + 0x84;
    let exponent = 7;
    for (let mask = 0x4000; (sample & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
    const mantissa = (sample >> (exponent + 3)) & 0x0f;
    out[i] = ~(sign | (exponent << 4) | mantissa) & 0xff;
  }
  return out;
}

// arecord's header on a pipe: it cannot know the length, so it writes its 2 GiB placeholder.
function arecordHeader(rate: number): Buffer {
  const header = wavHeader(0, rate, 1);
  header.writeUInt32LE(0x80000024, 4);
  header.writeUInt32LE(0x80000000, 40);
  return header;
}

const normalize = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z ]/g, '')
    .trim();

// For each sentence found on stdout: wall time of the line that ends it minus wall time of the
// write that carried its last tone, in seconds of audio. Sentences are found in stdout's words in
// order, not as whole lines: a machine busy enough to starve the emulator may end an utterance
// inside a sentence (the transcript is still exact), and the sentence then ends on a later line.
function lagsOf(run: LiveRun, timings: SentenceTiming[]): number[] {
  const words = run.lines.flatMap((line) =>
    normalize(line.text)
      .split(/\s+/)
      .filter(Boolean)
      .map((word) => ({ word, at: line.at })),
  );
  const lags: number[] = [];
  let cursor = 0;
  for (const t of timings) {
    const want = normalize(t.text).split(/\s+/).filter(Boolean);
    const at = words.findIndex((_, i) => i >= cursor && want.every((w, k) => words[i + k]?.word === w));
    const write = run.written.find((w) => w.endSec >= t.endSec - 1e-9);
    if (at < 0 || want.length === 0 || !write) continue;
    cursor = at + want.length;
    const lastWord = words[cursor - 1]!;
    lags.push(((lastWord.at - write.at) * SPEED) / 1000);
  }
  return lags;
}

function describeLags(name: string, lags: number[]): { median: number; max: number } {
  const sorted = [...lags].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  const max = sorted.at(-1) ?? NaN;
  console.log(
    `${name}: lag from last audio byte to stdout line, in audio seconds: median ${median.toFixed(2)}, max ${max.toFixed(2)}, over ${lags.length} sentences`,
  );
  return { median, max };
}

describe('a live stream on stdin, transcribed as it arrives', () => {
  it('arecord-style WAV, 16 kHz mono: every sentence exactly once, each line as its sentence ends', async () => {
    const count = 40;
    const run = await runLive(serviceArgs(emulator), emulator, arecordHeader(16_000), corpusPieces(count, 16_000));
    expect(run.code, run.stderr).toBe(0);
    const check = checkTranscript(run.stdout, { count });
    expect(check.ok, formatCheckReport(check)).toBe(true);

    const lags = lagsOf(run, corpusTimings({ count, sampleRate: 16_000 }));
    expect(lags.length).toBe(count);
    describeLags('arecord WAV 16 kHz', lags);
  }, 60_000);

  it('raw s16le 16 kHz with --input-format s16le --sample-rate 16000 --channels 1', async () => {
    const count = 25;
    const args = [...serviceArgs(emulator), '--input-format', 's16le', '--sample-rate', '16000', '--channels', '1'];
    const run = await runLive(args, emulator, undefined, corpusPieces(count, 16_000));
    expect(run.code, run.stderr).toBe(0);
    const check = checkTranscript(run.stdout, { count });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    describeLags('raw s16le 16 kHz', lagsOf(run, corpusTimings({ count, sampleRate: 16_000 })));
  }, 60_000);

  it('raw 8 kHz μ-law with --input-format mulaw --sample-rate 8000', async () => {
    const count = 25;
    const args = [...serviceArgs(emulator), '--input-format', 'mulaw', '--sample-rate', '8000'];
    const run = await runLive(args, emulator, undefined, corpusPieces(count, 8000, mulaw));
    expect(run.code, run.stderr).toBe(0);
    const check = checkTranscript(run.stdout, { count });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    describeLags('raw μ-law 8 kHz', lagsOf(run, corpusTimings({ count, sampleRate: 8000 })));
  }, 60_000);

  it('an empty stdin: exit 1 and one clear line', async () => {
    const result = await runCli(serviceArgs(emulator), { stdin: Buffer.alloc(0) });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[0]).toBe('realtime-transcribe: input is empty (stdin): no bytes arrived');
    expect(result.stdout).toBe('');
  });

  it('a stream that stops mid-sentence ends normally: every whole sentence once, the cut one at most once', async () => {
    const count = 20;
    const timings = corpusTimings({ count, sampleRate: 16_000 });
    const cut = 12;
    const stopAt = timings[cut]!.startSec + 0.5; // two and a half words in
    const run = await runLive(
      serviceArgs(emulator),
      emulator,
      arecordHeader(16_000),
      corpusPieces(count, 16_000, s16le, stopAt),
    );
    expect(run.code, run.stderr).toBe(0);
    const check = checkTranscript(run.stdout, { count: cut + 1 });
    const report = formatCheckReport(check);
    expect(check.duplicated, report).toEqual([]);
    expect(check.outOfOrder, report).toEqual([]);
    expect(
      check.missing.filter((i) => i !== cut),
      report,
    ).toEqual([]);
    expect(
      check.damaged.every((d) => d.index === cut),
      report,
    ).toBe(true);
    expect(check.found.filter((i) => i === cut).length, report).toBeLessThanOrEqual(1);
    // A cut too short to be told from any sentence counts as extra: it must be the cut one's start.
    for (const extra of check.extra)
      expect(normalize(timings[cut]!.text).startsWith(normalize(extra)), report).toBe(true);
  }, 60_000);

  it('the same live stream through dropped connections: every sentence exactly once', async () => {
    const options: EmulatorOptions = { timeScale: SPEED, seed: 22, faults: { drop: { afterMs: 40_000 } } };
    const dropping = await startEmulator(options);
    extraEmulators.push(dropping);
    const count = 80;
    const run = await runLive(
      [...serviceArgs(dropping), '--max-attempts', '20'],
      dropping,
      arecordHeader(16_000),
      corpusPieces(count, 16_000),
    );
    expect(run.code, run.stderr).toBe(0);
    const check = checkTranscript(run.stdout, { count });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    expect(dropping.stats().drops).toBeGreaterThanOrEqual(3);
    describeLags('arecord WAV 16 kHz with drops', lagsOf(run, corpusTimings({ count, sampleRate: 16_000 })));
  }, 90_000);
});
