// The public library API. The CLI uses only what is exported here.
import { randomInt } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { TranscribeError, isTranscribeError } from './errors.js';
import { decodeToPcm } from './audio/decode.js';
import { openStdinPcm } from './audio/stdin-pcm.js';
import { rawInputFfmpegArgs, type RawInputFormat } from './audio/raw-format.js';
import { locateFfmpeg } from './audio/ffmpeg-locate.js';
import { SpeechMeter } from './audio/speech-meter.js';
import { samplesToSeconds } from './audio/pcm-format.js';
import { rechunk } from './audio/rechunk.js';
import { BYTES_PER_SAMPLE, msToSamples } from './audio/pcm-format.js';
import { systemClock, type Clock } from './util/clock.js';
import { AsyncQueue } from './util/async-queue.js';
import { connectWebSocket, redact, resolveEndpoint, type EndpointOptions, type ResolvedEndpoint } from './realtime/index.js';
import type { Connect } from './realtime/transport-types.js';
import { SessionManager } from './transcriber/manager.js';
import type { PolicyOptions } from './transcriber/options.js';
import { resolvePolicy } from './run-policy.js';
import { noEventLog, openEventLog } from './transcriber/event-log.js';
import type { NotTranscribedSpan, RunSummary, TranscribeEvent } from './transcriber/events.js';
import type { SessionGate } from './transcriber/session-gate.js';

export { TranscribeError, isTranscribeError, type ErrorCode } from './errors.js';
export type { Segment } from './transcriber/segment.js';
export type { TranscribeEvent, RunSummary, SessionEndReason, NotTranscribedSpan } from './transcriber/events.js';
export { defaultPolicy, type PolicyOptions } from './transcriber/options.js';
export { openGate, type SessionGate, type SessionOutcome } from './transcriber/session-gate.js';
export { createAimdGate, type AimdGate, type AimdGateOptions } from './transcriber/aimd-gate.js';
export type { EndpointOptions, ResolvedEndpoint } from './realtime/endpoint.js';
export type { TurnDetection } from './realtime/events.js';
export type { Clock } from './util/clock.js';
export type { Connect, Transport, ConnectRequest, CloseInfo } from './realtime/transport-types.js';
export { resolveEndpoint } from './realtime/endpoint.js';
export { redact } from './realtime/redact.js';
export { locateFfmpeg } from './audio/ffmpeg-locate.js';
export type { RawInputFormat, RawEncoding } from './audio/raw-format.js';

/** Already-decoded PCM16 mono 24 kHz, for callers that bring their own audio. */
export interface PcmInput {
  pcm: AsyncIterable<Buffer>;
  totalSec?: number;
  live?: boolean;
}

export interface TranscribeOptions extends EndpointOptions, Partial<PolicyOptions> {
  /** `--ffmpeg`: a specific ffmpeg binary. */
  ffmpegPath?: string;
  /** ffmpeg input arguments placed before `-i`; for files (stdin with these still goes through ffmpeg). */
  inputArgs?: string[];
  /** Headerless PCM: its encoding, rate and channels. Decoded without ffmpeg on stdin ('-'). */
  rawInput?: RawInputFormat;
  /** Where '-' reads from (default process.stdin). */
  stdin?: NodeJS.ReadableStream;
  /** Treat the input as live (default: true for '-', false for files). */
  live?: boolean;
  /** JSON lines of every message both ways (keys redacted, audio elided). */
  logEventsPath?: string;
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  /** Continue a run from a checkpoint: input before this offset is decoded and skipped. */
  startAtSec?: number;
  /** After `signal`, stop waiting for outstanding transcripts at once (a second Ctrl-C). */
  stopNowSignal?: AbortSignal;
  /** A concurrency limit shared by several runs (see createSessionGate). */
  sessionGate?: SessionGate;
  /** Injection points for tests and embedders. */
  clock?: Clock;
  connect?: Connect;
  random?: () => number;
}

export interface TranscribeRun extends AsyncIterable<TranscribeEvent> {
  /** Resolves when the run ends, with or without an error (the counts so far). */
  readonly summary: Promise<RunSummary>;
  /** The endpoint in use, with secrets listed for redaction. */
  readonly endpoint: ResolvedEndpoint;
}

/**
 * Transcribes a file path, '-' (stdin) or PCM, yielding segments (in order, each once) and
 * progress events. Throws a TranscribeError at the end of iteration if the run failed; every
 * segment acknowledged before the failure has been yielded by then.
 */
export function transcribe(input: string | PcmInput, options: TranscribeOptions = {}): TranscribeRun {
  const env = options.env ?? process.env;
  const endpoint = resolveEndpoint(options, env); // fails fast on configuration, before any I/O
  const { policy, warnings } = resolvePolicy(options, endpoint);
  const queue = new AsyncQueue<TranscribeEvent>();
  let resolveSummary!: (summary: RunSummary) => void;
  const summary = new Promise<RunSummary>((resolve) => (resolveSummary = resolve));
  for (const message of warnings) queue.push({ type: 'warning', message });

  const run = async () => {
    const eventLog = options.logEventsPath ? openEventLog(options.logEventsPath, endpoint.secrets) : noEventLog;
    const manager = new SessionManager({
      connect: options.connect ?? connectWebSocket,
      endpoint,
      clock: options.clock ?? systemClock,
      random: options.random ?? (() => randomInt(0, 1 << 30) / (1 << 30)),
      policy,
      emit: (event) => queue.push(event),
      eventLog,
      signal: options.signal,
      stopNow: options.stopNowSignal,
      gate: options.sessionGate,
    });
    let failure: unknown;
    try {
      const source = typeof input === 'string' ? await openInput(input, options, policy) : pcmSource(input, policy);
      try {
        const startSample = msToSamples((options.startAtSec ?? 0) * 1000);
        await manager.run({ pcm: skipSamples(source.pcm, startSample), totalSec: source.totalSec, live: source.live, startSample });
      } catch (error) {
        source.stop();
        throw error;
      }
      // A stopped live stream may never end (its producer keeps stdin open): do not wait for it.
      if (options.signal?.aborted) source.stop();
      else await source.finished; // a truncated input still rejects here, after its audio was transcribed
      const lost = manager.currentSummary.notTranscribed;
      if (lost.length > 0) throw notTranscribedError(lost);
    } catch (error) {
      failure = error;
    } finally {
      await eventLog.close().catch(() => {});
    }
    const result = manager.currentSummary;
    resolveSummary(result);
    if (failure !== undefined) queue.end(redactError(failure, endpoint.secrets));
    else {
      queue.push({ type: 'done', summary: result });
      queue.end();
    }
  };
  void run();

  return {
    summary,
    endpoint,
    [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator](),
  };
}

interface OpenedSource {
  pcm: AsyncIterable<Buffer>;
  totalSec: number | undefined;
  live: boolean;
  finished: Promise<unknown>;
  stop(): void;
}

async function openInput(path: string, options: TranscribeOptions, policy: PolicyOptions): Promise<OpenedSource> {
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

function pcmSource(input: PcmInput, policy: PolicyOptions): OpenedSource {
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
async function* skipSamples(pcm: AsyncIterable<Buffer>, samples: number): AsyncIterable<Buffer> {
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

// Words were lost: the run says so, naming every span (the first few in the message).
function notTranscribedError(lost: readonly NotTranscribedSpan[]): TranscribeError {
  const span = (l: NotTranscribedSpan) => `${l.startSec.toFixed(1)}–${l.endSec.toFixed(1)} s`;
  const shown = lost.slice(0, 3).map(span).join(', ') + (lost.length > 3 ? ` and ${lost.length - 3} more` : '');
  return new TranscribeError('INCOMPLETE', `the service could not transcribe ${shown} of the input, twice (${lost[0]!.reason})`, {
    hint: 'everything else was transcribed; run again later for the missing spans, or check the service\'s status',
  });
}

function redactError(error: unknown, secrets: string[]): unknown {
  if (error instanceof Error) {
    error.message = redact(error.message, secrets);
    if (isTranscribeError(error) && error.hint) (error as { hint: string | undefined }).hint = redact(error.hint, secrets);
  }
  return error;
}

/** What `measureInput` found: the decoded length and an estimate of the speech in it. */
export interface InputMeasure {
  seconds: number;
  speechSec: number;
  utterances: number;
}

/**
 * Decodes an input exactly as `transcribe()` would, without connecting, and measures it: its
 * length sample by sample, and the speech the local energy check hears (pauses shorter than the
 * VAD's silence window bridged). Throws the input errors `transcribe()` would. For --dry-run.
 */
export async function measureInput(input: string, options: TranscribeOptions = {}): Promise<InputMeasure> {
  const { policy } = resolvePolicy(options);
  const td = policy.turnDetection;
  const bridgeMs = td && td.type === 'server_vad' ? (td.silence_duration_ms ?? 500) : 500;
  const meter = new SpeechMeter(msToSamples(bridgeMs), policy.silenceDbfs);
  const source = await openInput(input, options, policy);
  try {
    for await (const chunk of source.pcm) meter.push(chunk);
  } catch (error) {
    source.stop();
    throw error;
  }
  await source.finished;
  const { totalSamples, speechSamples, utterances } = meter.estimate;
  return { seconds: samplesToSeconds(totalSamples), speechSec: samplesToSeconds(speechSamples), utterances };
}

/** Reads a path's kind without throwing: used by the CLI to expand directories. */
export async function inputKind(path: string): Promise<'file' | 'directory' | 'missing' | 'other'> {
  if (path === '-') return 'file';
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}

// Writers and terminal display, for embedders that want the CLI's output formats.
export {
  OUTPUT_FORMATS,
  parseFormats,
  formatTxt,
  formatSrt,
  formatVtt,
  formatJson,
  formatJsonlLine,
  createTranscriptSink,
  outputFiles,
  writeFileAtomic,
  outputFailed,
  createProgress,
  createBatchProgress,
  colorsEnabled,
  paint,
  formatRunSummary,
  formatClock,
  type OutputFormat,
  type CueOptions,
  type TranscriptMetadata,
  type TranscriptSink,
  type ProgressDisplay,
  type Paint,
} from './output/index.js';
