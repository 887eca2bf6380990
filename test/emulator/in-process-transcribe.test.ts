// The library's transcribe() through the in-process emulator on a virtual clock: a tonecode file
// of minutes, transcribed exactly, at real-time pace in virtual time, in a fraction of a second.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCheckReport, sentenceText } from '../../src/tonecode/index.js';
import { faultRun } from '../helpers/fault-run.js';
import { makeCorpusFile, readPcm, type CorpusFile } from '../helpers/tonecode-files.js';

let dir: string;
let file: CorpusFile;
let pcm: Int16Array;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-inproc-'));
  file = await makeCorpusFile(dir, { count: 75 }); // about three minutes
  pcm = await readPcm(file.path);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function* chunks(samples: Int16Array, chunkSamples = 24_000): AsyncIterable<Buffer> {
  for (let i = 0; i < samples.length; i += chunkSamples) {
    const part = samples.subarray(i, Math.min(samples.length, i + chunkSamples));
    yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  }
}

describe('transcribe() through the in-process emulator, on a virtual clock', () => {
  it('transcribes a three-minute tonecode file decoded by ffmpeg exactly, at real-time pace in virtual time', async () => {
    const { segments, summary, stats, virtualMs, error, check } = await faultRun({
      corpus: { count: 75 },
      pcm: chunks(pcm),
      emulator: { seed: 3 },
    });
    expect(error).toBeUndefined();
    expect(check.ok, formatCheckReport(check)).toBe(true);
    expect(segments.map((s) => s.text.toLowerCase().replace(/\.$/, ''))).toEqual(file.expectedText);
    expect(summary.sessions).toBe(1);
    expect(stats.itemsCompleted).toBe(75);
    // Paced at 1×: the virtual run lasts as long as the audio sent (long pauses are skipped),
    // plus the last transcript's wait.
    expect(summary.sentSec).toBeLessThan(pcm.length / 24_000);
    expect(virtualMs).toBeGreaterThanOrEqual(summary.sentSec * 1000);
    expect(virtualMs).toBeLessThan(summary.sentSec * 1000 + 5_000);
  }, 60_000); // a safety net for a busy machine: the run takes a fraction of a second

  it('twenty minutes with rotations, from a streamed corpus', async () => {
    const { segments, summary } = await faultRun({ corpus: { count: 500 }, transcribe: { rotateAfterMs: 5 * 60_000 } });
    expect(segments.map((s) => s.text.toLowerCase().replace(/\.$/, ''))).toEqual(
      Array.from({ length: 500 }, (_, i) => sentenceText(i)),
    );
    expect(summary.rotations).toBeGreaterThanOrEqual(3);
  }, 60_000);
});
