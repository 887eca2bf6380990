// Opening an input as PCM: a file or stdin through the decoders, or PCM the caller brings; and
// the stream helpers a run needs to start part-way into it.
import { TranscribeError } from './errors.js';
import { decodeToPcm } from './audio/decode.js';
import { openStdinPcm } from './audio/stdin-pcm.js';
import { rawInputFfmpegArgs, type RawInputFormat } from './audio/raw-format.js';
import { locateFfmpeg } from './audio/ffmpeg-locate.js';
import { rechunk } from './audio/rechunk.js';
import { BYTES_PER_SAMPLE, msToSamples } from './audio/pcm-format.js';
import type { PolicyOptions } from './transcriber/options.js';

/** What opening an input needs of the run's options. */
export interface InputOptions {
  ffmpegPath?: string | undefined;
  inputArgs?: string[] | undefined;
  rawInput?: RawInputFormat | undefined;
  stdin?: NodeJS.ReadableStream | undefined;
  live?: boolean | undefined;
  signal?: AbortSignal | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

export interface OpenedSource {
  pcm: AsyncIterable<Buffer>;
  totalSec: number | undefined;
  live: boolean;
  finished: Promise<unknown>;
  stop(): void;
}

/** Opens a file, or '-' (stdin), as PCM16 mono 24 kHz in chunks of the policy's size. */
export async function openInput(path: string, options: InputOptions, policy: Pick<PolicyOptions, 'chunkMs'>): Promise<OpenedSource> {
  const ffmpeg = locateFfmpeg({ explicitPath: options.ffmpegPath, env: options.env ?? process.env });
  // Stdin is decoded in JS as it arrives (ffmpeg would hold a piped WAV for seconds); explicit
  // ffmpeg arguments keep it on ffmpeg, as they always did.
  const inputArgs = options.inputArgs ?? (options.rawInput ? rawInputFfmpegArgs(options.rawInput) : undefined);
  const decoded =
    path === '-' && !options.inputArgs
      ? openStdinPcm({
          stream: options.stdin ?? process.stdin,
          ffmpegPath: ffmpeg.path,
          ...(options.rawInput ? { rawFormat: options.rawInput } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        })
      : decodeToPcm({
          input: path,
          ffmpegPath: ffmpeg.path,
          ...(options.stdin ? { stdin: options.stdin } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(inputArgs ? { inputArgs } : {}),
        });
  decoded.finished.catch(() => {}); // observed below, after the audio was transcribed
  // Wait for the first audio before connecting: a file that is not audio fails without a session.
  const iterator = rechunk(decoded.pcm, msToSamples(policy.chunkMs) * BYTES_PER_SAMPLE)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) {
    await decoded.finished;
    throw new TranscribeError('INPUT_EMPTY', `no audio in the input (${path === '-' ? 'stdin' : path})`, {
      hint: 'check that the input holds an audio stream',
    });
  }
  // ffmpeg's Duration line comes on stderr, which can lag the first audio on stdout; it settles as
  // soon as ffmpeg has read the header (undefined if it has none), so waiting costs nothing.
  const totalSec = path === '-' ? undefined : await decoded.duration;
  return {
    pcm: prepend(first.value, iterator),
    totalSec,
    live: options.live ?? path === '-',
    finished: decoded.finished,
    stop: () => decoded.kill(),
  };
}

/** PCM the caller brings, in chunks of the policy's size. */
export function pcmSource(input: { pcm: AsyncIterable<Buffer>; totalSec?: number | undefined; live?: boolean | undefined }, policy: Pick<PolicyOptions, 'chunkMs'>): OpenedSource {
  return {
    pcm: rechunk(input.pcm, msToSamples(policy.chunkMs) * BYTES_PER_SAMPLE),
    totalSec: input.totalSec,
    live: input.live ?? false,
    finished: Promise.resolve(),
    stop: () => {},
  };
}

// Drops the first `samples` of a PCM stream (decoding from the start keeps the offset exact for
// every format, where seeking in compressed audio would not be).
export async function* skipSamples(pcm: AsyncIterable<Buffer>, samples: number): AsyncIterable<Buffer> {
  let toSkip = samples * BYTES_PER_SAMPLE;
  for await (const chunk of pcm) {
    if (toSkip >= chunk.length) {
      toSkip -= chunk.length;
      continue;
    }
    yield toSkip > 0 ? chunk.subarray(toSkip) : chunk;
    toSkip = 0;
  }
}

async function* prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncIterable<Buffer> {
  yield first;
  try {
    for (;;) {
      const next = await rest.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rest.return?.();
  }
}

