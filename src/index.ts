// The public library API. The CLI uses only what is exported here.
import { randomInt } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { TranscribeError, isTranscribeError } from './errors.js';
import type { RawInputFormat } from './audio/raw-format.js';
import { SpeechMeter } from './audio/speech-meter.js';
import { samplesToSeconds } from './audio/pcm-format.js';
import { msToSamples } from './audio/pcm-format.js';
import { systemClock, type Clock } from './util/clock.js';
import { AsyncQueue } from './util/async-queue.js';
import { connectWebSocket, redact, resolveEndpoint, type EndpointOptions, type ResolvedEndpoint } from './realtime/index.js';
import type { Connect } from './realtime/transport-types.js';
import { SessionManager, type ManagerDeps } from './transcriber/manager.js';
import { SpanRuns } from './transcriber/span-runs.js';
import { createAimdGate } from './transcriber/aimd-gate.js';
import { openSpan, planParallel } from './parallel-input.js';
import { openInput, pcmSource, skipSamples } from './input-source.js';
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
  /** A concurrency limit shared by several runs (see createAimdGate). */
  sessionGate?: SessionGate;
  /**
   * Transcribe a file as this many spans at once (cut at silences), each at real-time pace; 'auto':
   * one per 10 minutes of audio, up to 4. Default 1. Files only; the spans share `sessionGate`.
   */
  parallel?: number | 'auto';
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
    const clock = options.clock ?? systemClock;
    const deps: ManagerDeps = {
      connect: options.connect ?? connectWebSocket,
      endpoint,
      clock,
      random: options.random ?? (() => randomInt(0, 1 << 30) / (1 << 30)),
      policy,
      emit: (event) => queue.push(event),
      eventLog,
      signal: options.signal,
      stopNow: options.stopNowSignal,
      gate: options.sessionGate,
    };
    let manager: { currentSummary: RunSummary } = new SessionManager(deps);
    let failure: unknown;
    try {
      const startSample = msToSamples((options.startAtSec ?? 0) * 1000);
      const plan = typeof input === 'string' && options.parallel !== undefined ? await planParallel(input, options, policy, options.parallel, startSample) : undefined;
      if (plan && typeof input === 'string') {
        // Spans at once, under one limit: the caller's (a batch's), or one of the run's own with
        // room for one rotation at a time.
        const spans = new SpanRuns({ ...deps, gate: options.sessionGate ?? createAimdGate({ max: plan.spans.length + 1, clock }) });
        manager = spans;
        await spans.run({ spans: plan.spans, totalSec: plan.totalSec, open: (span) => openSpan(input, options, policy, span) });
      } else {
        const single = manager as SessionManager;
        const source = typeof input === 'string' ? await openInput(input, options, policy) : pcmSource(input, policy);
        try {
          await single.run({ pcm: skipSamples(source.pcm, startSample), totalSec: source.totalSec, live: source.live, startSample });
        } catch (error) {
          source.stop();
          throw error;
        }
        // A stopped live stream may never end (its producer keeps stdin open): do not wait for it.
        if (options.signal?.aborted) source.stop();
        else await source.finished; // a truncated input still rejects here, after its audio was transcribed
      }
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
