// Opening what a run reads: a file or '-' (decoded by ffmpeg, or in JS for stdin), or PCM the
// caller brings, cut into the run's chunk size. One place that turns an input into PCM chunks,
// so transcribe() and measureInput() read it the same way.
import { decodeToPcm } from '../audio/decode.js';
import { locateFfmpeg } from '../audio/ffmpeg-locate.js';
import { BYTES_PER_SAMPLE, msToSamples } from '../audio/pcm-format.js';
import { rawInputFfmpegArgs, type RawInputFormat } from '../audio/raw-format.js';
import { atLeast, rechunk } from '../audio/rechunk.js';
import { openStdinPcm } from '../audio/stdin-pcm.js';
import { TranscribeError } from '../errors.js';
import type { PcmInput } from './options.js';

/** What opening an input needs, and nothing else. */
export interface InputOptions {
  chunkMs: number;
  ffmpegPath?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
  inputArgs?: string[] | undefined;
  rawInput?: RawInputFormat | undefined;
  stdin?: NodeJS.ReadableStream | undefined;
  signal?: AbortSignal | undefined;
  live?: boolean | undefined;
  /** Raise quiet speech to a usual level before sending (ffmpeg's speech normaliser). */
  normalize?: boolean | undefined;
}

export interface OpenedInput {
  pcm: AsyncIterable<Buffer>;
  totalSec: number | undefined;
  live: boolean;
  /** Settles when the decoder is done; rejects for a truncated or failed decode. */
  finished: Promise<unknown>;
  stop(): void;
}

// ffmpeg's dynamic normaliser, in every ffmpeg since 2015 (speechnorm would be better suited, but
// the bundled 2018 build lacks it): frames of 150 ms, a window of 7 (about half a second of
// delay, which a live stream can bear), peaks towards 0.9 of full scale, by 20× (26 dB) at most.
const SPEECH_NORMALIZER = 'dynaudnorm=f=150:g=7:p=0.9:m=20';

export async function openInput(input: string | PcmInput, options: InputOptions): Promise<OpenedInput> {
  const chunkBytes = msToSamples(options.chunkMs) * BYTES_PER_SAMPLE;
  // A live source is cut into chunks as it arrives (each one can go at once); everything else is
  // read in whatever sizes it comes, a chunk or more: the feeder cuts chunks from the replay buffer.
  const pieces = (pcm: AsyncIterable<Buffer>, live: boolean) =>
    live ? rechunk(pcm, chunkBytes) : atLeast(pcm, chunkBytes);
  if (typeof input !== 'string') {
    const live = input.live ?? false;
    return {
      pcm: pieces(input.pcm, live),
      totalSec: input.totalSec,
      live,
      finished: Promise.resolve(),
      stop: () => {},
    };
  }
  const ffmpegPath = () => locateFfmpeg({ explicitPath: options.ffmpegPath, env: options.env ?? process.env }).path;
  // Stdin is decoded in JS as it arrives (ffmpeg would hold a piped WAV for seconds), and needs
  // ffmpeg only for what JS does not decode; explicit ffmpeg arguments keep it on ffmpeg.
  const inputArgs = options.inputArgs ?? (options.rawInput ? rawInputFfmpegArgs(options.rawInput) : undefined);
  // Normalising is ffmpeg's filter: stdin goes through ffmpeg for it too.
  const decoded =
    input === '-' && !options.inputArgs && !options.normalize
      ? openStdinPcm({
          stream: options.stdin ?? process.stdin,
          ffmpegPath,
          ...(options.rawInput ? { rawFormat: options.rawInput } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        })
      : decodeToPcm({
          input,
          ffmpegPath: ffmpegPath(),
          ...(options.stdin ? { stdin: options.stdin } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
          ...(inputArgs ? { inputArgs } : {}),
          ...(options.normalize ? { audioFilter: SPEECH_NORMALIZER } : {}),
        });
  decoded.finished.catch(() => {}); // observed by the caller, after the audio was transcribed
  // Wait for the first audio before connecting: a file that is not audio fails without a session.
  const live = options.live ?? input === '-';
  const iterator = pieces(decoded.pcm, live)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) {
    await decoded.finished;
    throw new TranscribeError('INPUT_EMPTY', `no audio in the input (${input === '-' ? 'stdin' : input})`, {
      hint: 'check that the input holds an audio stream',
    });
  }
  // ffmpeg's Duration line comes on stderr, which can lag the first audio on stdout; it settles as
  // soon as ffmpeg has read the header (undefined if it has none), so waiting costs nothing.
  const totalSec = input === '-' ? undefined : await decoded.duration;
  return {
    pcm: prepend(first.value, iterator),
    totalSec,
    live,
    finished: decoded.finished,
    stop: () => decoded.kill(),
  };
}

// The first piece again, then the rest straight from `rest`: a plain iterator rather than one
// more generator layer on every piece of the input.
function prepend(first: Buffer, rest: AsyncIterator<Buffer>): AsyncIterable<Buffer> {
  let pending: Buffer | undefined = first;
  const iterator: AsyncIterator<Buffer> = {
    next: () => {
      if (pending === undefined) return rest.next();
      const value = pending;
      pending = undefined;
      return Promise.resolve({ value, done: false });
    },
    return: async () => {
      pending = undefined;
      await rest.return?.();
      return { value: undefined, done: true };
    },
  };
  return { [Symbol.asyncIterator]: () => iterator };
}
