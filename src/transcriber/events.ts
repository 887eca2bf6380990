// What the library reports while it works. Consumers switch on `type`.
import type { Segment } from './segment.js';
import type { UsageTotals } from '../realtime/usage.js';

/**
 * Why a session ended, as `session-end` events and `RunSummary.endReasons` report it:
 * - `finished`: the input ended and every transcript arrived;
 * - `rotated`: replaced on purpose before the provider's cap (the next session was open first);
 * - `dropped`: closed without a close frame (1006) or with another recoverable close; the run
 *   resumes from the acknowledged offset;
 * - `expired`: the service ended it at its cap (`session_expired`);
 * - `stalled`: no server event while audio flowed, or no pong; the run resumes;
 * - `item-failed`: healthy, but closed so that a failed item's audio is sent again in a new session;
 * - `discarded`: healthy, but closed because another session of the run failed (a resume restarts all);
 * - `failed`: a fatal error ended the run;
 * - `aborted`: the caller stopped the run (`signal`).
 */
export type SessionEndReason =
  'finished' | 'rotated' | 'dropped' | 'expired' | 'stalled' | 'item-failed' | 'discarded' | 'failed' | 'aborted';

/**
 * What a run did, in counts and seconds of the input's audio. `summary` and the `done` event give
 * it at the end; a run that failed still has one, up to where it stopped.
 */
export interface RunSummary {
  /** Sessions opened, the first one included. */
  sessions: number;
  /** Sessions replaced on purpose before the provider's cap. */
  rotations: number;
  /** Sessions opened again after a drop, a stall, an expiry or a failed item. */
  resumes: number;
  /** Seconds of audio sent more than once (replays after drops and rotations). */
  resentSec: number;
  /** Seconds of input audio read. */
  audioSec: number;
  /** Seconds of audio sent to the service, re-sends included (the wire's share of the input). */
  sentSec: number;
  /** Seconds of long silence not sent at all (silence skipping). */
  skippedSec: number;
  /** Seconds of speech the speech detector heard (its padding not counted). */
  speechSec: number;
  /**
   * How loud the speech is: the level in dBFS that 99% of its 10 ms frames peak under; null when
   * none was heard. Under about −30 the service's own VAD may miss words (see `normalize`).
   */
  speechPeakDbfs: number | null;
  /** Final segments yielded. */
  utterances: number;
  /** Items the service reported as failed, each try counted (a failed item is sent once more). */
  failedItems: number;
  /** How many sessions ended for each reason; reasons that never happened are absent. */
  endReasons: Partial<Record<SessionEndReason, number>>;
  /** Seconds from the input's start up to which every transcript arrived (a continued run's `startAtSec`). */
  acknowledgedSec: number;
  /** Spans the service failed to transcribe twice: the run is incomplete when there are any. */
  notTranscribed: NotTranscribedSpan[];
  /** What the service reported it billed for the run's transcripts (seconds of audio or tokens). */
  usage: UsageTotals;
}

/** Audio that holds words nobody transcribed: the service failed on it, twice. */
export interface NotTranscribedSpan {
  /** Seconds from the start of the input. */
  startSec: number;
  /** Seconds from the start of the input. */
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

/**
 * Everything a run yields, told apart by `type`; each variant also has a name of its own
 * (`SegmentEvent`, `ProgressEvent`, …). Times named `…Sec` are seconds on the input's timeline;
 * `delayMs` is milliseconds. Sessions are numbered from 1 in the order they open.
 */
export type TranscribeEvent =
  | {
      type: 'segment';
      /** A final transcript: in input order, each once. */
      segment: Segment;
    }
  | {
      type: 'acknowledged';
      /** Every input sample before this second is transcribed and its segments were yielded (a checkpoint). */
      sec: number;
    }
  /**
   * For checkpoints of a parallel run: a span later in the input than the in-order transcript has
   * reached is transcribed from `fromSec` up to `ackSec`, and `segments` are its segments of that
   * not in an earlier `span-checkpoint` of the same span. They are emitted again as `segment`
   * events, in order, once every span before it is done. A continued run given these ranges and
   * segments as `resume` does not transcribe them again. Ignore it unless you keep a checkpoint.
   */
  | { type: 'span-checkpoint'; fromSec: number; ackSec: number; segments: Segment[] }
  | {
      type: 'partial';
      /** The session transcribing the utterance. */
      session: number;
      /** The service's item id, the same as the final segment's `itemId`. */
      itemId: string;
      /** The utterance's text so far (the whole of it, not the latest piece); the final text may differ. */
      text: string;
    }
  | {
      type: 'session-open';
      session: number;
      /** The first session, a planned rotation, or a resume after a drop. */
      reason: 'start' | 'rotation' | 'resume';
      /** Seconds into the input where this session's audio begins. */
      fromSec: number;
    }
  | {
      type: 'session-end';
      session: number;
      reason: SessionEndReason;
      /** The close code and its reason, as the socket reported them (e.g. `1006`). */
      detail: string;
    }
  | {
      type: 'reconnect';
      /** Failed attempts in a row so far (1 after the first); the run gives up beyond `maxAttempts`. */
      attempt: number;
      /** Milliseconds until the next attempt (backoff with jitter, or what the service asked for). */
      delayMs: number;
      /** Seconds into the input where the next session's audio begins. */
      fromSec: number;
      /** Why the last attempt failed or the connection dropped, in one line. */
      cause: string;
    }
  | {
      type: 'progress';
      /** Seconds of the input sent so far, re-sends not counted (with `parallel`, the spans' shares added up). */
      sentSec: number;
      /** The input's length in seconds, when known (files); undefined for streams. */
      totalSec: number | undefined;
      /** The session audio goes to now (0 between sessions). */
      session: number;
      /** Resumes so far. */
      resumes: number;
      /** Final segments so far. */
      utterances: number;
      /** When the file is transcribed as several spans at once (`parallel`): each span, in input order. */
      spans?: SpanProgress[];
    }
  | {
      type: 'warning';
      /** One line, e.g. that a prompt was dropped; options in it are named as you pass them. */
      message: string;
    }
  | {
      type: 'not-transcribed';
      /** Words were lost: the service could not transcribe this span (after a second try). */
      span: NotTranscribedSpan;
    }
  | {
      type: 'done';
      /** The run's summary; the last event of a successful run. */
      summary: RunSummary;
    };
