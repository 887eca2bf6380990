// What a caller can set for one run: the service (EndpointOptions), the policy (every knob of
// PolicyOptions, each optional), the input, and the injection points.
import type { RawInputFormat } from '../audio/raw-format.js';
import type { Connect } from '../realtime/transport-types.js';
import type { EndpointOptions } from '../realtime/endpoint.js';
import type { PolicyOptions } from '../transcriber/options.js';
import type { SessionGate } from '../transcriber/gate/session-gate.js';
import type { ResumeState } from '../transcriber/spans/resume.js';
import type { ResolvedService } from './service.js';
import type { Clock } from '../util/clock.js';

/** Already-decoded PCM16 mono 24 kHz (little-endian), for callers that bring their own audio. */
export interface PcmInput {
  pcm: AsyncIterable<Buffer>;
  /** The input's length in seconds, if known (for progress). */
  totalSec?: number | undefined;
  /** Audio that arrives at real time (a microphone): read as it comes, never held back (default false). */
  live?: boolean | undefined;
}

/** Options of {@link transcribe}: the service, the policy, the input, and injection points. */
export interface TranscribeOptions extends EndpointOptions, Partial<PolicyOptions> {
  /** A specific ffmpeg binary (default: FFMPEG_PATH, the ffmpeg on PATH, then a bundled one from the optional packages). */
  ffmpegPath?: string | undefined;
  /** ffmpeg input arguments placed before `-i`; for files (stdin with these still goes through ffmpeg). */
  inputArgs?: string[] | undefined;
  /** Headerless PCM: its encoding, rate and channels. Decoded without ffmpeg on stdin ('-'). */
  rawInput?: RawInputFormat | undefined;
  /** Where '-' reads from (default process.stdin); read, never closed: the caller closes it when done. */
  stdin?: NodeJS.ReadableStream | undefined;
  /**
   * Raise quiet speech to a usual level before sending (ffmpeg's speech normaliser; default false).
   * The service's VAD may miss words in speech that peaks under about −30 dBFS; the run says so.
   */
  normalize?: boolean | undefined;
  /** Treat the input as live (default: true for '-', false for files). */
  live?: boolean | undefined;
  /**
   * Write JSON lines of every message both ways (keys redacted, audio elided) to this file (default:
   * none). A file that cannot be written is a `warning` event, and the run goes on.
   */
  logEventsPath?: string | undefined;
  /** Stops the run: outstanding transcripts are awaited for `stopGraceMs`, then it ends. */
  signal?: AbortSignal | undefined;
  /** Environment for credentials and ffmpeg (default process.env). */
  env?: NodeJS.ProcessEnv | undefined;
  /**
   * Continue a run from a checkpoint, in seconds (default 0): input before it is decoded and
   * skipped. The earlier run's `acknowledgedSec` is where to continue.
   */
  startAtSec?: number | undefined;
  /**
   * Continue a run from a checkpoint kept from its `segment`, `acknowledged` and `span-checkpoint`
   * events: the input ranges done (every sample before an acknowledged offset, and each
   * span-checkpoint's `fromSec`–`ackSec`) and their segments. Only the rest is transcribed, and
   * the segments are emitted again in their place, so the run yields the whole transcript. A
   * parallel run of a file continues each span where it stopped; any other run continues from the
   * end of the range that starts at 0, and transcribes what follows again. Not with `startAtSec`.
   */
  resume?: ResumeState | undefined;
  /** After `signal`, stop waiting for outstanding transcripts at once (a second Ctrl-C). */
  stopNowSignal?: AbortSignal | undefined;
  /**
   * The service and credential from resolveService(), shared by several runs: they use one token
   * source, so a token command runs once per token lifetime for all of them. Given, the endpoint
   * and credential options (`endpoint`, `apiKey`, `tokenCommand`, …) are not read (default: this
   * run resolves its own from them).
   */
  service?: ResolvedService | undefined;
  /** A limit on concurrent sessions shared by several runs (default: none). */
  sessionGate?: SessionGate | undefined;
  /**
   * Transcribe a file as this many spans at once (cut at silences), each at real-time pace;
   * 'auto': one per 10 minutes of audio, up to 4. Default 1. Files only; the spans share
   * `sessionGate` (or a limit of their own: spans + 1).
   */
  parallel?: number | 'auto' | undefined;
  /**
   * Unread events an iterating caller may fall behind by before the run holds back its input
   * (default 256). Progress and partial events are coalesced and do not count toward it twice.
   */
  maxBufferedEvents?: number | undefined;
  /** The clock every wait uses (default: the system's). */
  clock?: Clock | undefined;
  /** Opens a connection (default: a WebSocket); pass your own to use another transport. */
  connect?: Connect | undefined;
  /** Randomness for backoff jitter, in [0, 1). */
  random?: (() => number) | undefined;
}
