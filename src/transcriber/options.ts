// Every knob of the session manager (their defaults: `defaultPolicy`, from run/option-table.ts). Time values are in
// milliseconds of audio/service time unless said otherwise.
import type { TurnDetection } from '../realtime/events.js';
import type { DetectorKind, Sensitivity } from '../speech/detector.js';

/**
 * How a run paces, rotates, recovers and configures its sessions. Every field is optional in
 * TranscribeOptions, with the default given below. Values named `…Ms` are milliseconds, of audio
 * or of the injected clock's time.
 */
export interface PolicyOptions {
  /** Length of each append, in ms of audio: 10 to 100, whole (default 40; the guidance says 20–50). */
  chunkMs: number;
  /** Pace multiplier: 1 is real time (default 1). Above 1 is for tests and emulators. */
  speed: number;
  /** Re-sent audio goes at `speed` × this, 1 to 10 (default 2): a bounded catch-up, never a burst. */
  catchUpFactor: number;
  /** Rotate to a new session after this much session time, at the next boundary (default 8 min). */
  rotateAfterMs: number;
  /** If no boundary comes this long after `rotateAfterMs`, cut at the quietest point anyway (default 1 min). */
  rotateGraceMs: number;
  /** Open the next session this long before `rotateAfterMs`, so it is ready (default 5 s). */
  prepareAheadMs: number;
  /** After `signal` stops a run, how long to wait for outstanding transcripts (default 10 s). */
  stopGraceMs: number;
  /** Speech running longer than this with no turn boundary is committed at the next quiet chunk (default 30 s). */
  maxUtteranceMs: number;
  /**
   * Bound on audio held for replay while it waits for a transcript (default 10 min). A run whose
   * service acknowledges nothing for longer fails with REPLAY_LIMIT rather than drop audio.
   */
  replayLimitMs: number;
  /** A session that got this much sound with no server event (and no speech open) is stalled and resumed (default 20 s). */
  watchdogMs: number;
  /** How long a committed item may wait for its transcript before the session counts as stalled (default 30 s). */
  drainTimeoutMs: number;
  /** Ping the service this often (default 15 s); 0 turns pings off. */
  pingIntervalMs: number;
  /** No pong this long after a ping and the socket is treated as dropped (default 10 s). */
  pongTimeoutMs: number;
  /** Limit on the WebSocket upgrade, and on the session's configuration being confirmed (default 15 s). */
  handshakeTimeoutMs: number;
  /** First wait before reconnecting (default 500 ms); it doubles with each failure, with jitter. */
  backoffBaseMs: number;
  /** Longest wait between reconnects (default 30 s). */
  backoffMaxMs: number;
  /**
   * The run gives up (RETRIES_EXHAUSTED) after more failed attempts in a row than this: connections,
   * or sessions that acknowledged no audio (default 8). The count resets once a session makes progress.
   */
  maxAttempts: number;
  /**
   * What decides where speech is (default `webrtc`): which pauses are skipped, where sessions and
   * spans are cut, what the acknowledged offset may cross and what the watchdog expects an answer
   * to. `energy`: a level above the room's; `none`: only digital silence is not speech.
   */
  speechDetector: DetectorKind;
  /** How readily the detector hears speech (default `normal`); `high` keeps the softest voices, `low` the least noise. */
  speechSensitivity: Sensitivity;
  /** Unsent socket bytes above which sending waits (default 1 MiB). */
  maxBufferedBytes: number;
  /**
   * The service's turn detection: server or semantic VAD settings, or `null` for none (the
   * client commits). Unset, the model decides (server VAD for most; none for the models that need it).
   */
  turnDetection: TurnDetection;
  /** The audio's language as an ISO-639-1 code (`en`); unset lets the service detect it. */
  language: string | undefined;
  /**
   * The languages the audio may be in (ISO-639-1), for the models that take several (gpt-transcribe,
   * gpt-live-transcribe); a model known not to take them refuses the run.
   */
  languages: string[] | undefined;
  /** Words or phrases to expect (gpt-transcribe, gpt-live-transcribe); refused for a model known not to take them. */
  keywords: string[] | undefined;
  /** How long gpt-realtime-whisper waits before it emits text: longer is more accurate; refused for other known models. */
  delay: 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' | undefined;
  /** Text that guides the transcription (names, terms); dropped with a warning for a model that takes none. */
  prompt: string | undefined;
  /**
   * Ask for the tokens' log probabilities (`include: ["item.input_audio_transcription.logprobs"]`):
   * each segment then carries its mean `logprob` and its `tokens` (default false).
   */
  logprobs: boolean;
  /** The service's noise reduction for near or far microphones, or `null` for none (default null). */
  noiseReduction: 'near_field' | 'far_field' | null;
  /**
   * Send only the ends of long silences (enough for turn detection to close the utterance) and
   * skip their middles. 'auto' (the default): for files, not for live streams (whose words would wait).
   */
  skipSilence: 'auto' | 'on' | 'off';
}
