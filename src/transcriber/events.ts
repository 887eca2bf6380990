// What the library reports while it works. Consumers switch on `type`.
import type { Segment } from './segment.js';
import type { UsageTotals } from '../realtime/usage.js';

export type SessionEndReason =
  | 'finished' // the input ended and every transcript arrived
  | 'rotated' // proactive rotation (make before break)
  | 'dropped' // closed without a close frame (1006) or another recoverable close
  | 'expired' // session_expired / the provider's cap
  | 'stalled' // no server event while audio flowed, or no pong
  | 'item-failed' // healthy, but closed so that a failed item's audio is sent again in a fresh session
  | 'discarded' // healthy, but closed because another session of the run failed (resume restarts all)
  | 'failed' // a fatal error
  | 'aborted'; // the caller stopped the run

export interface RunSummary {
  sessions: number;
  rotations: number;
  resumes: number;
  /** Seconds of audio sent more than once (replays after drops and rotations). */
  resentSec: number;
  /** Seconds of input audio read. */
  audioSec: number;
  /** Seconds of audio sent to the service, re-sends included (the wire's share of the input). */
  sentSec: number;
  /** Seconds of long silence not sent at all (silence skipping). */
  skippedSec: number;
  utterances: number;
  failedItems: number;
  endReasons: Partial<Record<SessionEndReason, number>>;
  /** Input offset up to which every transcript arrived. */
  acknowledgedSec: number;
  /** Spans the service failed to transcribe twice: the run is incomplete when there are any. */
  notTranscribed: NotTranscribedSpan[];
  /** What the service reported it billed for the run's transcripts (seconds of audio or tokens). */
  usage: UsageTotals;
}

/** Audio that holds words nobody transcribed: the service failed on it, twice. */
export interface NotTranscribedSpan {
  startSec: number;
  endSec: number;
  /** The service's words. */
  reason: string;
}

/** How far one span of a file transcribed as several at once has got. */
export interface SpanProgress {
  /** Input seconds where the span starts and ends. */
  startSec: number;
  endSec: number;
  /** Input seconds the span has sent up to, from `startSec` to `endSec`. */
  sentSec: number;
  state: SpanState;
}

/**
 * `waiting`: nothing sent yet (its first session is being opened, or waits for the session limit);
 * `sending`: its audio is going out, or its last transcripts are awaited; `reconnecting`: its
 * session dropped and it waits to resume; `done`: every transcript of the span arrived.
 */
export type SpanState = 'waiting' | 'sending' | 'reconnecting' | 'done';

export type TranscribeEvent =
  | { type: 'segment'; segment: Segment }
  /** Every input sample before `sec` is transcribed and its segments were emitted (a checkpoint). */
  | { type: 'acknowledged'; sec: number }
  | { type: 'partial'; session: number; itemId: string; text: string }
  | { type: 'session-open'; session: number; reason: 'start' | 'rotation' | 'resume'; fromSec: number }
  | { type: 'session-end'; session: number; reason: SessionEndReason; detail: string }
  | { type: 'reconnect'; attempt: number; delayMs: number; fromSec: number; cause: string }
  | {
      type: 'progress';
      sentSec: number;
      totalSec: number | undefined;
      session: number;
      resumes: number;
      utterances: number;
      /** When the file is transcribed as several spans at once (`parallel`): each span, in input order. */
      spans?: SpanProgress[];
    }
  | { type: 'warning'; message: string }
  /** Words were lost: the service could not transcribe this span (after a second try). */
  | { type: 'not-transcribed'; span: NotTranscribedSpan }
  | { type: 'done'; summary: RunSummary };
