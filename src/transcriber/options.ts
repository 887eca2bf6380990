// Every knob of the session manager, with the defaults a real run should use. Time values are in
// milliseconds of audio/service time unless said otherwise.
import type { TurnDetection } from '../realtime/events.js';

export interface PolicyOptions {
  /** Length of each append, in ms of audio. The guidance says 20–50. */
  chunkMs: number;
  /** Pace multiplier: 1 = real time. Tests and emulators use more. */
  speed: number;
  /** Re-sent audio goes at speed × this (bounded catch-up, never a burst). */
  catchUpFactor: number;
  /** Rotate proactively after this much session time, at the next boundary. */
  rotateAfterMs: number;
  /** If no boundary comes this long after rotateAfterMs, cut at the next quiet point anyway. */
  rotateGraceMs: number;
  /** Open the next session this long before rotateAfterMs (make before break). */
  prepareAheadMs: number;
  /** After a stop request (Ctrl-C), how long to wait for outstanding transcripts (wall ms). */
  stopGraceMs: number;
  /** Speech running longer than this with no VAD boundary is committed at the next quiet chunk. */
  maxUtteranceMs: number;
  /** Bound on unacknowledged audio held for replay, in ms. */
  replayLimitMs: number;
  /** A session that got this much non-silent audio with no server event (and no speech open) is stalled. */
  watchdogMs: number;
  /** How long (service time) a committed item may wait for its transcript before the session counts as stalled. */
  drainTimeoutMs: number;
  pingIntervalMs: number;
  pongTimeoutMs: number;
  handshakeTimeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Consecutive failed sessions with no audio acknowledged before giving up. */
  maxAttempts: number;
  /** Local energy below this counts as silence (dBFS). */
  silenceDbfs: number;
  /** Unsent socket bytes above which sending waits. */
  maxBufferedBytes: number;
  turnDetection: TurnDetection;
  language: string | undefined;
  prompt: string | undefined;
  noiseReduction: 'near_field' | 'far_field' | null;
  /**
   * Send only the ends of long silences (enough for turn detection to close the utterance) and
   * skip their middles. 'auto': for files, not for live streams (whose words would wait).
   */
  skipSilence: 'auto' | 'on' | 'off';
}

export const defaultPolicy: PolicyOptions = {
  chunkMs: 40,
  speed: 1,
  catchUpFactor: 2,
  rotateAfterMs: 8 * 60_000,
  rotateGraceMs: 60_000,
  prepareAheadMs: 5_000,
  stopGraceMs: 10_000,
  maxUtteranceMs: 30_000,
  replayLimitMs: 10 * 60_000,
  watchdogMs: 20_000,
  drainTimeoutMs: 30_000,
  pingIntervalMs: 15_000,
  pongTimeoutMs: 10_000,
  handshakeTimeoutMs: 15_000,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  maxAttempts: 8,
  silenceDbfs: -50,
  maxBufferedBytes: 1 << 20,
  turnDetection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 },
  language: undefined,
  prompt: undefined,
  noiseReduction: null,
  skipSilence: 'auto',
};
