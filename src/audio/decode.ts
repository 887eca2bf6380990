// Decodes any input ffmpeg can read into the one format the Realtime API takes (PCM16 LE mono
// 24 kHz), as a stream. ffmpeg's stdout is only read as fast as the consumer iterates, so a slow
// consumer pauses ffmpeg through the pipe and memory stays flat however long the input is.
import { spawn } from 'node:child_process';
import { TranscribeError } from '../errors.js';
import { outcomeError, trustedDeclaredSeconds } from './decode-outcome.js';
import { FfmpegLog } from './ffmpeg-log.js';
import { inspectInputFile, WavSniffer } from './input-probe.js';
import { alignToSamples, type AlignStats } from './sample-align.js';
import { BYTES_PER_SECOND, SAMPLE_RATE } from './pcm-format.js';

export interface DecodeOptions {
  /** A file path, or `-` for stdin. */
  input: string;
  ffmpegPath: string;
  /** Where `-` reads from; process.stdin by default. */
  stdin?: NodeJS.ReadableStream;
  /** Aborting ends ffmpeg like kill(). */
  signal?: AbortSignal;
  /** Placed before `-i`, e.g. ['-f', 's16le', '-ar', '16000', '-ac', '1'] for raw PCM on stdin. */
  inputArgs?: string[];
  /** An audio filter graph applied before the conversion (`-af`), e.g. the speech normaliser. */
  audioFilter?: string;
}

export interface DecodeReport {
  decodedSeconds: number;
  /** What the input's header declared, when it did (and could be trusted). */
  declaredSeconds?: number;
  /** ffmpeg's warnings and recoverable decode errors, de-duplicated. */
  warnings: string[];
  /** kill() or the abort signal ended the decode before the input did. */
  stopped: boolean;
}

export interface DecodedInput {
  /** PCM16 LE mono 24 kHz in pieces of any (even) size. Iterate once. Input problems never throw
   *  here: the audio decoded so far is delivered, the iterable ends, and `finished` says why. */
  pcm: AsyncIterable<Buffer>;
  /** Seconds, from ffmpeg's Duration line as soon as it is printed; undefined when unknown (stdin). */
  duration: Promise<number | undefined>;
  /** Settles once `pcm` has ended: the result, or a TranscribeError (INPUT_NOT_AUDIO,
   *  INPUT_UNREADABLE, INPUT_TRUNCATED, INPUT_EMPTY, INTERRUPTED, FFMPEG_NOT_FOUND). */
  finished: Promise<DecodeReport>;
  /** Stops ffmpeg (SIGTERM, then SIGKILL after a short grace); `pcm` ends without an error. */
  kill(): void;
  /** ffmpeg's process id (undefined if it could not be started). */
  readonly pid: number | undefined;
}

const KILL_GRACE_MS = 500;

/**
 * Starts ffmpeg on `input`. Throws at once (before spawning) INPUT_NOT_FOUND for a missing path
 * and INPUT_UNREADABLE for a directory or a file without read permission; every later problem
 * arrives through `finished`.
 */
export function decodeToPcm(opts: DecodeOptions): DecodedInput {
  const fromStdin = opts.input === '-';
  const label = fromStdin ? 'stdin' : opts.input;
  const rawInput = opts.inputArgs?.includes('-f') ?? false;
  const file = fromStdin ? undefined : inspectInputFile(opts.input, !rawInput);
  // `file:` keeps a path with a colon from being read as a protocol (http:, concat:, …).
  const ffmpegInput = fromStdin ? 'pipe:0' : `file:${opts.input}`;

  const child = spawn(opts.ffmpegPath, ffmpegArgs(ffmpegInput, fromStdin, opts.inputArgs ?? [], opts.audioFilter), {
    stdio: [fromStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  // Asked for as pipes just above (stdin only when reading '-'): spawn gives them, or has thrown.
  const { stdin, stdout, stderr } = child;
  if (stdout === null || stderr === null) throw new Error('internal: ffmpeg output pipes missing');
  if (fromStdin && stdin === null) throw new Error('internal: ffmpeg stdin pipe missing');

  let resolveDuration!: (seconds: number | undefined) => void;
  const duration = new Promise<number | undefined>((resolve) => (resolveDuration = resolve));
  const log = new FfmpegLog(resolveDuration);
  stderr.setEncoding('utf8');
  stderr.on('data', (text: string) => log.write(text));

  let spawnError: NodeJS.ErrnoException | undefined;
  child.on('error', (err: NodeJS.ErrnoException) => {
    // 'error' also reports a failed kill(); only a process that never started is fatal here.
    if (child.pid === undefined) spawnError ??= err;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      log.end();
      resolve({ code, signal });
    }),
  );

  const sniffer = fromStdin && !rawInput ? new WavSniffer() : undefined;
  let stdinBytes = 0;
  const detachStdin =
    stdin !== null
      ? feedStdin(opts.stdin ?? process.stdin, stdin, (chunk) => {
          stdinBytes += chunk.length;
          sniffer?.push(chunk);
        })
      : () => {};

  let stopped = false;
  let readError: Error | undefined;
  // A pipe error with no listener would crash the process; note it and report it instead.
  stdout.on('error', (err) => {
    if (!stopped) readError ??= err;
  });
  stderr.on('error', () => {});
  const aligned: AlignStats = { bytes: 0, strayByte: false };
  let killTimer: NodeJS.Timeout | undefined;
  let resolveRead!: () => void;
  const readDone = new Promise<void>((resolve) => (resolveRead = resolve));

  let readAll = false;
  const kill = (): void => {
    // Once every byte has been read, ffmpeg has had its say: the outcome stands as it is.
    if (stopped || readAll) return;
    stopped = true;
    // Closing both pipes wakes an ffmpeg blocked writing its output or waiting on stdin, which
    // SIGTERM alone would not interrupt.
    stdout.destroy();
    detachStdin();
    child.stdin?.destroy();
    resolveRead();
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    }
  };
  opts.signal?.addEventListener('abort', kill, { once: true });
  if (opts.signal?.aborted) kill();

  async function* readPcm(): AsyncGenerator<Buffer> {
    let complete = false;
    try {
      yield* alignToSamples(stdout as AsyncIterable<Buffer>, aligned);
      complete = !stopped;
      readAll = complete;
    } catch (err) {
      // Our own destroy() (kill) may end the read with a premature-close error: that is no error.
      if (!stopped) readError ??= err as Error;
    } finally {
      // A consumer that stops iterating early no longer wants the rest: stop ffmpeg.
      if (!complete) kill();
      resolveRead();
    }
  }

  const finished = (async (): Promise<DecodeReport> => {
    await readDone;
    const { code, signal } = await exited;
    if (killTimer) clearTimeout(killTimer);
    opts.signal?.removeEventListener('abort', kill);
    detachStdin();
    if (spawnError) {
      throw new TranscribeError(
        'FFMPEG_NOT_FOUND',
        `ffmpeg could not be started (${opts.ffmpegPath}): ${spawnError.code ?? spawnError.message}`,
        {
          hint: 'set ffmpegPath to an ffmpeg binary, or install ffmpeg',
          option: 'ffmpegPath',
          cause: spawnError,
        },
      );
    }
    if (readError) {
      throw new TranscribeError('INTERNAL', `reading ffmpeg's output failed: ${readError.message}`, {
        cause: readError,
      });
    }
    const decodedSeconds = aligned.bytes / BYTES_PER_SECOND;
    const declaredSeconds = trustedDeclaredSeconds(file?.wavSeconds ?? sniffer?.seconds, log.facts);
    const error = outcomeError({
      label,
      fromStdin,
      ffmpegInput,
      exitCode: code,
      exitSignal: signal,
      stopped,
      decodedSeconds,
      inputBytes: file ? (file.regular ? file.size : undefined) : stdinBytes,
      declaredSeconds,
      facts: log.facts,
    });
    if (error) throw error;
    const warnings = log.warnings;
    if (aligned.strayByte) warnings.push('ffmpeg wrote an odd number of bytes; the last one was dropped');
    return { decodedSeconds, ...(declaredSeconds === undefined ? {} : { declaredSeconds }), warnings, stopped };
  })();
  // The caller may learn the outcome from `pcm` ending and never await this: not "unhandled".
  finished.catch(() => {});

  return { pcm: readPcm(), duration, finished, kill, pid: child.pid };
}

function ffmpegArgs(ffmpegInput: string, fromStdin: boolean, inputArgs: string[], audioFilter?: string): string[] {
  return [
    '-hide_banner',
    '-nostats',
    // Tags each line with its level, so errors are told from chatter without guessing.
    '-loglevel',
    'level+info',
    // On stdin ffmpeg would otherwise read ~5 s of audio before writing any: a live source's
    // latency. Every format we tried (WAV, raw, MP3, FLAC, Ogg, Opus, faststart M4A, AU) still
    // probes correctly from the first packet.
    ...(fromStdin ? ['-probesize', '32', '-analyzeduration', '0'] : ['-nostdin']),
    ...inputArgs,
    '-i',
    ffmpegInput,
    '-vn',
    '-sn',
    '-dn',
    ...(audioFilter !== undefined ? ['-af', audioFilter] : []),
    '-f',
    's16le',
    '-acodec',
    'pcm_s16le',
    '-ac',
    '1',
    '-ar',
    String(SAMPLE_RATE),
    'pipe:1',
  ];
}

// Pipes `source` into ffmpeg's stdin (pipe() pauses the source when ffmpeg is busy) and lets
// `peek` see each chunk on its way. Returns a function that detaches without closing `source`,
// which may be the process's own stdin.
function feedStdin(
  source: NodeJS.ReadableStream,
  sink: NodeJS.WritableStream,
  peek: (chunk: Buffer) => void,
): () => void {
  // ffmpeg closing its stdin early (an error, or kill) makes our writes fail with EPIPE: expected.
  (sink as NodeJS.WritableStream & { on(event: 'error', fn: () => void): void }).on('error', () => {});
  const onData = (chunk: Buffer | string): void => peek(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  source.on('data', onData);
  source.pipe(sink);
  return () => {
    source.removeListener('data', onData);
    source.unpipe(sink);
  };
}
