// Corpus audio to disk, streamed: WAV directly, other containers by piping WAV into ffmpeg.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { locateFfmpeg } from '../audio/ffmpeg-locate.js';
import { TranscribeError } from '../errors.js';
import { totalFrames } from './layout.js';
import { resolveCorpusOptions, type CorpusOptions } from './options.js';
import { synthesizeCorpusChunks } from './synth.js';
import { corpusTimings, type SentenceTiming } from './timings.js';
import { pcm16Bytes, wavHeader } from './wav.js';

export const CORPUS_FILE_FORMATS = ['wav', 'mp3', 'flac', 'ogg', 'm4a'] as const;
export type CorpusFileFormat = (typeof CORPUS_FILE_FORMATS)[number];

export interface CorpusFileOptions extends CorpusOptions {
  /** Default: from the path's extension, else wav. */
  format?: CorpusFileFormat;
  /** Lossy formats only (mp3, ogg, m4a); default 128. */
  bitrateKbps?: number | undefined;
  /** ffmpeg to encode with; default locateFfmpeg(). */
  ffmpegPath?: string;
}

/** A complete WAV file as a stream of buffers: header first, then one buffer per chunk. */
export function* corpusWavChunks(opts: CorpusOptions): Generator<Buffer> {
  const r = resolveCorpusOptions(opts);
  yield wavHeader(totalFrames(r) * r.channels * 2, r.sampleRate, r.channels);
  for (const chunk of synthesizeCorpusChunks(opts)) yield pcm16Bytes(chunk);
}

/** Writes the corpus as a PCM16 WAV file without holding it in memory; resolves to its timings. */
export async function writeCorpusWav(path: string, opts: CorpusOptions): Promise<SentenceTiming[]> {
  const timings = corpusTimings(opts); // validates the options before a file is created
  try {
    await pipeline(Readable.from(corpusWavChunks(opts)), createWriteStream(path));
  } catch (error) {
    throw new TranscribeError('OUTPUT_FAILED', `tonecode: could not write ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return timings;
}

/** Writes the corpus in any of CORPUS_FILE_FORMATS; non-WAV formats are encoded by ffmpeg. */
export async function writeCorpusFile(path: string, opts: CorpusFileOptions): Promise<SentenceTiming[]> {
  const format = opts.format ?? formatFromPath(path) ?? 'wav';
  if (!CORPUS_FILE_FORMATS.includes(format)) {
    throw new TranscribeError(
      'USAGE',
      `tonecode: format must be one of ${CORPUS_FILE_FORMATS.join(', ')}, got "${String(format)}"`,
    );
  }
  if (format === 'wav') return writeCorpusWav(path, opts);
  const bitrateKbps = opts.bitrateKbps ?? 128;
  if (!Number.isInteger(bitrateKbps) || bitrateKbps < 8 || bitrateKbps > 512) {
    throw new TranscribeError(
      'USAGE',
      `tonecode: bitrateKbps must be a whole number from 8 to 512, got ${bitrateKbps}`,
    );
  }
  const timings = corpusTimings(opts);
  const ffmpeg = opts.ffmpegPath ?? locateFfmpeg().path;
  await encodeWithFfmpeg(ffmpeg, encoderArgs(format, bitrateKbps, path), corpusWavChunks(opts), path);
  return timings;
}

/** The format named by a path's extension, if it is one of CORPUS_FILE_FORMATS. */
export function formatFromPath(path: string): CorpusFileFormat | undefined {
  const ext = extname(path).slice(1).toLowerCase();
  return (CORPUS_FILE_FORMATS as readonly string[]).includes(ext) ? (ext as CorpusFileFormat) : undefined;
}

// The muxer is named explicitly so the output path's extension cannot change the container.
function encoderArgs(format: Exclude<CorpusFileFormat, 'wav'>, kbps: number, path: string): string[] {
  const input = ['-hide_banner', '-loglevel', 'error', '-f', 'wav', '-i', 'pipe:0'];
  const bitrate = ['-b:a', `${kbps}k`];
  const output = {
    mp3: ['-c:a', 'libmp3lame', ...bitrate, '-f', 'mp3'],
    ogg: ['-c:a', 'libvorbis', ...bitrate, '-f', 'ogg'],
    m4a: ['-c:a', 'aac', ...bitrate, '-f', 'ipod'],
    flac: ['-c:a', 'flac', '-f', 'flac'],
  }[format];
  return [...input, ...output, '-y', path];
}

async function encodeWithFfmpeg(ffmpeg: string, args: string[], wav: Iterable<Buffer>, path: string): Promise<void> {
  const child = spawn(ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr = (stderr + text).slice(-4000); // the tail says why; the head is noise
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
  // If ffmpeg dies, writing to its stdin fails with EPIPE; its exit code and stderr say why.
  let writeError: unknown;
  await pipeline(Readable.from(wav), child.stdin).catch((error: unknown) => {
    writeError = error;
  });
  let code: number | null;
  try {
    code = await exited;
  } catch (error) {
    throw new TranscribeError(
      'OUTPUT_FAILED',
      `tonecode: could not run ffmpeg (${ffmpeg}): ${(error as Error).message}`,
      {
        cause: error,
        hint: 'pass a working ffmpeg, or write a .wav instead',
      },
    );
  }
  if (code !== 0 || writeError) {
    const why = stderr.trim().split('\n').pop() || (writeError as Error | undefined)?.message || 'no message';
    throw new TranscribeError(
      'OUTPUT_FAILED',
      `tonecode: ffmpeg could not encode ${path} (exit code ${code}): ${why}`,
      {
        cause: writeError,
      },
    );
  }
}
