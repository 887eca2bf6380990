// Real audio files for decoder tests, made by the same ffmpeg the decoder uses.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { installedFfmpegs, locateFfmpeg, type FfmpegLocation } from '../../src/audio/ffmpeg-locate.js';

const run = promisify(execFile);

export const ffmpegPath = locateFfmpeg().path;

/**
 * The ffmpegs the decoding tests run with: the system's (on PATH) and a bundled one, since users
 * get either and builds years apart word their errors differently. Outside CI a missing one is
 * left out; in CI (CI=true) it is a failure, so that neither kind goes untested unnoticed.
 */
export function decoderFfmpegs(): { label: string; path: string }[] {
  const installed = installedFfmpegs();
  const system = installed.find((f) => f.source === 'PATH');
  const bundled = installed.find((f) => f.source !== 'PATH');
  const missing = [
    system ? undefined : 'a system ffmpeg on PATH (apt-get install ffmpeg)',
    bundled ? undefined : 'a bundled one (@ffmpeg-installer/ffmpeg or ffmpeg-static, optional dependencies)',
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0 && process.env.CI === 'true') {
    throw new Error(`CI runs the decoding tests with both kinds of ffmpeg; missing: ${missing.join('; ')}`);
  }
  const label = (f: FfmpegLocation) => (f.source === 'PATH' ? `system ffmpeg (${f.path})` : `bundled ${f.source}`);
  return [system, bundled]
    .filter((f): f is FfmpegLocation => f !== undefined)
    .map((f) => ({ label: label(f), path: f.path }));
}

export function makeTempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `rt-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Runs ffmpeg quietly with the given arguments (output path last); throws with its stderr.
export async function ffmpeg(...args: string[]): Promise<void> {
  await run(ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args], { maxBuffer: 1 << 20 });
}

// A 1 kHz sine of `seconds` at 44.1 kHz stereo, encoded by the extension's default codec.
export async function sineFile(path: string, seconds: number, extra: string[] = []): Promise<string> {
  await ffmpeg(
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=1000:duration=${seconds}`,
    '-ar',
    '44100',
    '-ac',
    '2',
    ...extra,
    path,
  );
  return path;
}

export async function collect(pcm: AsyncIterable<Buffer>): Promise<{ bytes: number; pieces: Buffer[] }> {
  const pieces: Buffer[] = [];
  let bytes = 0;
  for await (const piece of pcm) {
    pieces.push(piece);
    bytes += piece.length;
  }
  return { bytes, pieces };
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}
