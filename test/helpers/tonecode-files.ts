// Tonecode audio files for tests: write a corpus in any format into a test's temp dir, and read
// any audio file back as PCM through the real ffmpeg.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { locateFfmpeg } from '../../src/audio/ffmpeg-locate.js';
import {
  writeCorpusFile,
  type CorpusFileFormat,
  type CorpusFileOptions,
  type SentenceTiming,
} from '../../src/tonecode/index.js';

const run = promisify(execFile);

export interface CorpusFile {
  path: string;
  timings: SentenceTiming[];
  /** The exact transcript, one sentence per entry. */
  expectedText: string[];
}

/** Writes a corpus into `dir` (a unique file name each call) and says what it should transcribe to. */
export async function makeCorpusFile(
  dir: string,
  opts: CorpusFileOptions & { format?: CorpusFileFormat },
): Promise<CorpusFile> {
  const format = opts.format ?? 'wav';
  const stem = `tonecode-${opts.first ?? 0}-${opts.count}-${opts.sampleRate ?? 24000}hz-${opts.channels ?? 1}ch`;
  let path = join(dir, `${stem}.${format}`);
  for (let n = 2; existsSync(path); n++) path = join(dir, `${stem}-${n}.${format}`);
  const timings = await writeCorpusFile(path, { ...opts, format });
  return { path, timings, expectedText: timings.map((t) => t.text) };
}

/** Any audio file ffmpeg reads, as PCM16 mono (channels averaged) at `sampleRate`. */
export async function readPcm(path: string, sampleRate = 24_000): Promise<Int16Array> {
  const { stdout } = await run(
    locateFfmpeg().path,
    ['-hide_banner', '-loglevel', 'error', '-i', path, '-ac', '1', '-ar', String(sampleRate), '-f', 's16le', 'pipe:1'],
    { encoding: 'buffer', maxBuffer: 1 << 30 },
  );
  // Copy: a Buffer's byte offset into Node's pool need not be 2-aligned.
  return new Int16Array(Uint8Array.from(stdout).buffer);
}

/** Re-encodes an audio file with ffmpeg, e.g. to another rate or channel count (`-ar`, `-ac`). */
export async function transcode(input: string, output: string, args: string[]): Promise<string> {
  await run(locateFfmpeg().path, ['-hide_banner', '-loglevel', 'error', '-y', '-i', input, ...args, output]);
  return output;
}
