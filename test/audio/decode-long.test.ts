// Long inputs: memory must not grow with the input (DESIGN invariant 4), and decoding must run
// far faster than real time so pacing, not ffmpeg, sets the pace.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeToPcm } from '../../src/audio/decode.js';
import { BYTES_PER_SECOND } from '../../src/audio/pcm-format.js';
import { ffmpeg, ffmpegPath, makeTempDir } from './fixtures.js';

const temp = makeTempDir('decode-long');
const twentyMinutes = join(temp.dir, 'twenty-minutes.wav');
const tenMinutesWav = join(temp.dir, 'ten-minutes.wav');
const tenMinutesMp3 = join(temp.dir, 'ten-minutes.mp3');
const MB = 1024 * 1024;

// A collectable heap makes the numbers mean "held", not "not yet swept".
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

beforeAll(async () => {
  const sine = (seconds: number) => [
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${seconds}`,
    '-ar',
    '44100',
    '-ac',
    '2',
  ];
  await Promise.all([
    ffmpeg(...sine(1200), twentyMinutes),
    ffmpeg(...sine(600), tenMinutesWav),
    ffmpeg(...sine(600), tenMinutesMp3),
  ]);
}, 120_000);

afterAll(() => temp.remove());

function held(): { rss: number; heap: number; buffers: number } {
  gc();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heap: usage.heapUsed, buffers: usage.arrayBuffers };
}

// Bytes ffmpeg has read so far (Linux): shows whether a paused consumer really paused ffmpeg.
function bytesReadBy(pid: number): number | undefined {
  const io = `/proc/${pid}/io`;
  if (!existsSync(io)) return undefined;
  const match = /^rchar: (\d+)$/m.exec(readFileSync(io, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('decoding a 20-minute file', () => {
  it('holds memory flat while the consumer is slow, and after it drains', async () => {
    const fileBytes = statSync(twentyMinutes).size;
    const pcmBytes = 1200 * BYTES_PER_SECOND;
    const before = held();

    const decoded = decodeToPcm({ input: twentyMinutes, ffmpegPath });
    const reader = decoded.pcm[Symbol.asyncIterator]();
    let bytes = 0;

    // Slow phase: one piece every 25 ms for about 1.5 s (ffmpeg alone would be done by then).
    for (let i = 0; i < 60; i++) {
      const next = await reader.next();
      if (next.done) break;
      bytes += next.value.length;
      await sleep(25);
    }
    const whileSlow = held();
    const readByFfmpeg = bytesReadBy(decoded.pid!);

    // Fast phase: drain the rest without keeping it.
    for (let next = await reader.next(); !next.done; next = await reader.next()) bytes += next.value.length;
    const result = await decoded.finished;
    const after = held();

    const grew = (from: typeof before, to: typeof before) => ({
      rssMB: (to.rss - from.rss) / MB,
      heapMB: (to.heap - from.heap) / MB,
      buffersMB: (to.buffers - from.buffers) / MB,
    });
    const report = {
      fileMB: fileBytes / MB,
      pcmMB: pcmBytes / MB,
      whileSlow: grew(before, whileSlow),
      after: grew(before, after),
      ffmpegReadWhileSlowMB: readByFfmpeg === undefined ? 'n/a' : readByFfmpeg / MB,
    };
    console.log(
      'memory',
      JSON.stringify(report, (_, v: unknown) => (typeof v === 'number' ? Math.round(v * 10) / 10 : v)),
    );

    expect(bytes).toBe(pcmBytes);
    expect(result.decodedSeconds).toBe(1200);
    // The input is 200 MB and its PCM 55 MB: a decoder that buffered either would show it here.
    for (const phase of [report.whileSlow, report.after]) {
      expect(phase.buffersMB).toBeLessThan(8);
      expect(phase.heapMB).toBeLessThan(8);
      expect(phase.rssMB).toBeLessThan(40);
    }
    if (readByFfmpeg !== undefined) expect(readByFfmpeg).toBeLessThan(fileBytes / 10);
  }, 120_000);
});

describe('decode throughput', () => {
  it.each([
    ['WAV 44.1 kHz stereo', tenMinutesWav],
    ['MP3 128 kb/s', tenMinutesMp3],
  ])(
    'decodes 10 minutes of %s far faster than real time',
    async (label, path) => {
      const started = performance.now();
      const decoded = decodeToPcm({ input: path, ffmpegPath });
      let bytes = 0;
      for await (const piece of decoded.pcm) bytes += piece.length;
      await decoded.finished;
      const seconds = (performance.now() - started) / 1000;
      const audioSeconds = bytes / BYTES_PER_SECOND;
      console.log(
        `throughput ${label}: ${audioSeconds.toFixed(1)} s of audio in ${seconds.toFixed(2)} s = ${(audioSeconds / seconds).toFixed(0)}x real time`,
      );
      expect(audioSeconds).toBeGreaterThan(599);
      // Generous on purpose: this guards against a pipeline that crawls, not against a slow CI box.
      expect(audioSeconds / seconds).toBeGreaterThan(5);
    },
    120_000,
  );
});
