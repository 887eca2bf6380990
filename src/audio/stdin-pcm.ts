// Live audio on stdin, decoded as it arrives. ffmpeg holds a piped WAV for seconds while its
// demuxer probes, which a live transcript cannot afford; the formats live sources write (a WAV
// header with PCM, float or G.711 samples, or headerless PCM of a stated layout) are decoded
// here in JS instead, each read converted and handed on at once. Anything else on stdin (MP3,
// FLAC, Ogg…) still goes to ffmpeg, replaying the bytes looked at so nothing is lost.
import { TranscribeError } from '../errors.js';
import { decodeToPcm, type DecodedInput, type DecodeReport } from './decode.js';
import { PcmConverter, type PcmLayout } from './pcm-converter.js';
import { BYTES_PER_SECOND } from './pcm-format.js';
import { rawInputLayout, type RawInputFormat } from './raw-format.js';
import { replayThenRest, type Replay } from './replay-stream.js';
import { stdinOutcomeError } from './stdin-outcome.js';
import { sniffStdin } from './stdin-sniff.js';
import { pullFrom } from './stream-pull.js';

export interface StdinPcmOptions {
  /** The byte stream, usually process.stdin. It is read, never closed or destroyed. */
  stream: NodeJS.ReadableStream;
  /** Headerless input's layout; without it the first bytes say (a WAV header, or ffmpeg). */
  rawFormat?: RawInputFormat;
  /** For inputs only ffmpeg decodes; a function is asked only when one arrives (WAV and raw PCM need none). */
  ffmpegPath: string | (() => string);
  /** Aborting ends the decode like kill(). */
  signal?: AbortSignal;
}

interface Start {
  layout: PcmLayout;
  /** Sample bytes already read with the header. */
  body: Buffer;
  /** Sample bytes the header promises, when it says. */
  dataBytes: number | undefined;
}

/**
 * Decodes stdin to PCM16 LE mono 24 kHz with no more delay than one read. Throws USAGE at once
 * for a bad `rawFormat`; every later problem (INPUT_EMPTY, INPUT_TRUNCATED, INPUT_UNREADABLE, or
 * ffmpeg's own for the formats it decodes) arrives through `finished`, after the audio.
 */
export function openStdinPcm(opts: StdinPcmOptions): DecodedInput {
  const rawLayout = opts.rawFormat ? rawInputLayout(opts.rawFormat) : undefined;
  const pull = pullFrom(opts.stream);
  const tally = {
    inputBytes: 0,
    outputBytes: 0,
    declaredSeconds: undefined as number | undefined,
    wav: false,
    strayBytes: 0,
  };
  let ffmpeg: DecodedInput | undefined;
  let replay: Replay | undefined;
  let stopped = false;
  let readAll = false;
  let readError: Error | undefined;
  let resolveRead!: () => void;
  const readDone = new Promise<void>((resolve) => (resolveRead = resolve));

  const kill = (): void => {
    // Once every byte has been read, the outcome stands as it is.
    if (stopped || readAll) return;
    stopped = true;
    pull.release();
    ffmpeg?.kill();
    resolveRead();
  };
  opts.signal?.addEventListener('abort', kill, { once: true });
  if (opts.signal?.aborted) kill();

  // Reads until the first bytes say who decodes them. undefined: stopped, or nothing arrived.
  async function sniff(): Promise<Start | { ffmpegHead: Buffer } | undefined> {
    let head: Buffer = Buffer.alloc(0);
    for (;;) {
      const chunk = await pull.read();
      if (stopped) return undefined;
      if (chunk) {
        tally.inputBytes += chunk.length;
        head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      } else if (head.length === 0) {
        return undefined;
      }
      const verdict = sniffStdin(head, chunk === null);
      if (verdict.kind === 'need-more') continue;
      if (verdict.kind === 'ffmpeg') return { ffmpegHead: head };
      tally.wav = true;
      tally.declaredSeconds = verdict.declaredSeconds;
      return { layout: verdict.layout, body: head.subarray(verdict.dataOffset), dataBytes: verdict.dataBytes };
    }
  }

  async function* viaFfmpeg(head: Buffer): AsyncGenerator<Buffer> {
    pull.release();
    replay = replayThenRest(head, opts.stream, pull.ended);
    const ffmpegPath = typeof opts.ffmpegPath === 'function' ? opts.ffmpegPath() : opts.ffmpegPath;
    ffmpeg = decodeToPcm({ input: '-', ffmpegPath, stdin: replay.stream });
    yield* ffmpeg.pcm;
  }

  async function* readPcm(): AsyncGenerator<Buffer> {
    let complete = false;
    try {
      if (stopped) return;
      const start = rawLayout ? { layout: rawLayout, body: Buffer.alloc(0), dataBytes: undefined } : await sniff();
      if (stopped) return;
      if (start === undefined) {
        complete = true; // nothing arrived: `finished` says so
        return;
      }
      if ('ffmpegHead' in start) {
        yield* viaFfmpeg(start.ffmpegHead);
        complete = !stopped;
        return;
      }
      const converter = new PcmConverter(start.layout);
      // A WAV of declared length may be followed by more chunks (LIST, id3): they are not audio.
      let remaining = start.dataBytes ?? Infinity;
      const convert = (bytes: Buffer): Buffer => {
        const part = bytes.length > remaining ? bytes.subarray(0, remaining) : bytes;
        remaining -= part.length;
        const pcm = converter.push(part);
        tally.outputBytes += pcm.length;
        return pcm;
      };
      let pcm = convert(start.body);
      if (pcm.length > 0) yield pcm;
      while (remaining > 0) {
        const chunk = await pull.read();
        if (chunk === null) break;
        tally.inputBytes += chunk.length;
        pcm = convert(chunk);
        if (pcm.length > 0) yield pcm;
      }
      if (stopped) return;
      tally.strayBytes = converter.pendingBytes;
      pcm = converter.end();
      tally.outputBytes += pcm.length;
      complete = true;
      if (pcm.length > 0) yield pcm;
    } catch (err) {
      if (!stopped) readError ??= err as Error;
    } finally {
      readAll = complete;
      // A consumer that stops iterating early no longer wants the rest.
      if (!complete) kill();
      pull.release();
      resolveRead();
    }
  }

  const finished = (async (): Promise<DecodeReport> => {
    await readDone;
    opts.signal?.removeEventListener('abort', kill);
    if (ffmpeg) {
      try {
        return await ffmpeg.finished;
      } finally {
        replay?.detach();
      }
    }
    if (readError) {
      throw new TranscribeError('INPUT_UNREADABLE', `cannot read input (stdin): ${readError.message}`, {
        hint: 'check the command piping audio into realtime-transcribe',
        cause: readError,
      });
    }
    const decodedSeconds = tally.outputBytes / BYTES_PER_SECOND;
    const error = stdinOutcomeError({ stopped, decodedSeconds, ...tally });
    if (error) throw error;
    const warnings =
      tally.strayBytes > 0 && !stopped
        ? [`stdin ended inside a sample frame; its last ${tally.strayBytes} bytes were dropped`]
        : [];
    const declared = tally.declaredSeconds;
    return { decodedSeconds, ...(declared === undefined ? {} : { declaredSeconds: declared }), warnings, stopped };
  })();
  // The caller may learn the outcome from `pcm` ending and never await this: not "unhandled".
  finished.catch(() => {});

  return {
    pcm: readPcm(),
    duration: Promise.resolve(undefined),
    finished,
    kill,
    get pid() {
      return ffmpeg?.pid;
    },
  };
}
