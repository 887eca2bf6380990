// The emulator's public option and result types.

export interface EmulatorOptions {
  /** Interface to bind. Default '127.0.0.1': loopback only unless told otherwise. */
  host?: string;
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** The one accepted API key. Default: a random 'emu-…' string. */
  key?: string;
  /** Every emulator clock (latency, session cap, fault times) runs this many times faster. Default 1. */
  timeScale?: number;
  /** Seed of all randomness (latencies, random drop times, ids). Default: a fresh one, logged. */
  seed?: number;
  /** Per-item transcription latency range in service ms. Default [200, 900]. */
  latencyMs?: [number, number];
  /** Send `…input_audio_transcription.delta` events word by word before `completed`. Default true. */
  deltas?: boolean;
  /** If set, only these transcription model / deployment names transcribe; others fail per item. */
  deployments?: string[];
  faults?: FaultOptions;
  /**
   * Serve https:// and wss:// with a self-signed certificate for 127.0.0.1, ::1 and localhost,
   * made for this run and written as PEM to `certPath` (default: a new temporary file, removed on
   * close). Clients trust it with NODE_EXTRA_CA_CERTS (Node) or SSL_CERT_FILE (OpenSSL).
   */
  tls?: boolean | { certPath?: string };
  /**
   * Called with the samples of every `input_audio_buffer.append` as decoded (PCM16 mono 24 kHz)
   * and the 1-based number of the session that received them, deaf sessions included: to check
   * what a client sent. `SessionRecorder` keeps them in memory, `wavDirRecorder(dir)` writes one
   * WAV per session. It is given all the audio, so it holds as much as its caller keeps.
   */
  record?: (session: number, pcm: Int16Array) => void;
  /** One line per notable thing: sessions opening and closing, refusals, faults firing. */
  log?: (line: string) => void;
  /**
   * A note for whoever runs the emulator, said once: today that it heard sound that is not
   * tonecode (which it writes as `[speech N s]` markers, never as words).
   */
  onNote?: (note: string) => void;
}

export interface FaultOptions {
  /**
   * Destroy the TCP socket without a close frame (the client sees 1006) this long after the
   * session opened (service ms), or at a time drawn per session from the seed within a range.
   */
  drop?: { afterMs: number } | { betweenMs: [number, number] };
  /** Only these 1-based session numbers drop. Default: all. */
  dropSessions?: number[];
  /** Session cap in service ms (default 30 min, Azure's): error `session_expired`, then close 1001. */
  expireAfterMs?: number;
  /** Drop (1006) when audio arrives faster than this multiple of real time (service time). */
  tooFast?: number;
  /** That session (1-based) sends no event after `afterMs`; the socket stays open. */
  stall?: { session: number; afterMs: number };
  /** With `stall`, also stop answering pings. */
  stallPings?: boolean;
  /** Refuse the HTTP upgrade with this status for the first `count` attempts (default: always). */
  refuse?: { status: 401 | 403 | 404 | 429 | 503; count?: number };
  /** Concurrent session cap: an upgrade beyond it is refused with 429. */
  maxSessions?: number;
  /**
   * At this time (service ms after the session opened, or drawn per session from the seed within a
   * range) the session sends an `error` and from then on ignores appended audio: no VAD, nothing
   * transcribed, while pings and commits are still answered. Speech open at that moment is closed
   * by the next commit with the audio it had; after that a commit gives
   * `input_audio_buffer_commit_empty`.
   */
  deafAfterError?: DeafAfterError;
  /** Speech events, commits and items as usual, but never a transcription `completed` or `failed`. */
  withholdTranscripts?: { sessions?: number[] };
  /**
   * Transcription `failed` (server_error, code null) for the item holding tonecode sentence
   * `sentence` the first `times` (default 1) times it is seen, over the emulator's life; or for
   * the `item`-th item committed (1-based, counted over all sessions), for audio that is not tonecode.
   */
  failItem?: { sentence: number; times?: number } | { item: number };
  /**
   * What a client `input_audio_buffer.commit` does while the server VAD has speech open (the real
   * service's choice is not documented). true (default): it ends that item there. false: it
   * commits the audio buffered so far as a new item, and the open item goes on from that point.
   */
  commitClosesSpeech?: boolean;
  /**
   * The speech detector behind the server VAD (default `webrtc`, the client's own): another one
   * makes a service that hears speech differently from its client, e.g. `energy`, which takes a
   * steady hum for the room, not for speech.
   */
  vadDetector?: 'webrtc' | 'energy' | 'none';
  /**
   * The server VAD hears no speech at all (one far less sensitive than its client, or one that
   * takes a voice in a hum for the hum): items come only from the client's commits.
   */
  vadHearsNothing?: boolean;
  /**
   * Reject the configuration: every `session.update` that sets this parameter (a path such as
   * 'session.audio.input.turn_detection', present and not null) is answered by an `error`
   * (invalid_request_error, with this `param`) and no `session.updated`; the session stays open.
   * With `value`, only that value of the parameter is rejected.
   */
  rejectConfig?: { param: string; value?: string; message?: string };
  /** Seconds in the Retry-After header of 429 and 503 refusals (default 1; 0 sends none). */
  retryAfterSec?: number;
  /**
   * Accept each Bearer token only this long (ms of the clock, not scaled by timeScale) after it
   * was first seen; later upgrades with it get 401. Keys in `api-key` never expire.
   */
  tokenTtlMs?: number;
}

export interface DeafAfterError {
  afterMs?: number;
  betweenMs?: [number, number];
  /** Only these 1-based session numbers. Default: all. */
  sessions?: number[];
  /** The error sent. Default 'server_error'. */
  error?: 'server_error' | 'rate_limit_exceeded';
  /** For rate_limit_exceeded: the "Please try again in Ns" it says. Default 20. */
  retryInSec?: number;
}

export type EndReason =
  | 'client-close' // the client closed, or its socket went away
  | 'drop' // the drop fault fired
  | 'expire' // the session cap was reached
  | 'too-fast' // audio arrived too fast
  | 'stall' // the session had gone silent (the stall fault) before it ended
  | 'deaf' // the session had stopped hearing audio (the deafAfterError fault) before it ended
  | 'error' // a protocol error closed it (e.g. invalid_model), or a socket error
  | 'beta-shape' // the retired beta shape was used (closed 4000)
  | 'shutdown'; // the emulator was closed

export interface SessionRecord {
  /** 1-based, in order of opening. */
  number: number;
  /** Upgrade path: '/openai/v1/realtime' or '/v1/realtime'. */
  path: string;
  /** Service ms since the emulator started. */
  openedAtMs: number;
  closedAtMs?: number;
  endReason?: EndReason;
  /** Audio appended in this session, ms. */
  audioMs: number;
  /** Items committed in this session. */
  items: number;
  /** When the drop fault was planned for this session, service ms after it opened. */
  dropAtMs?: number;
  /** When the deafAfterError fault was planned for this session, service ms after it opened. */
  deafAtMs?: number;
}

export interface EmulatorStats {
  /** Upgrade requests received, refused or not. */
  upgrades: number;
  /** Refused upgrades by HTTP status. */
  refused: Record<number, number>;
  sessionsOpened: number;
  maxConcurrent: number;
  current: number;
  drops: number;
  expires: number;
  stalls: number;
  tooFastDrops: number;
  /** Sessions that went deaf (deafAfterError). */
  deafened: number;
  itemsCommitted: number;
  itemsCompleted: number;
  itemsFailed: number;
  sessions: SessionRecord[];
}

export interface RunningEmulator {
  /** 'http://127.0.0.1:PORT' ('https://…' with `tls`): what a client passes as its endpoint. */
  url: string;
  port: number;
  host: string;
  key: string;
  /** The seed in use (given or drawn), to repeat a run. */
  seed: number;
  /** With `tls`: the certificate clients must trust, as PEM and as the file it was written to. */
  tls?: { certPath: string; certPem: string };
  stats(): EmulatorStats;
  /** Terminates every socket, stops the server and clears every timer. */
  close(): Promise<void>;
}
