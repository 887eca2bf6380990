// A name for each member of the event union, for callers who handle one kind in its own function.
import type { TranscribeEvent } from '../transcriber/events.js';

type EventOf<T extends TranscribeEvent['type']> = Extract<TranscribeEvent, { type: T }>;

/** A final segment: in order, each once, on the input's timeline. */
export type SegmentEvent = EventOf<'segment'>;
/** Every input sample before `sec` is transcribed and its segments were emitted (a checkpoint). */
export type AcknowledgedEvent = EventOf<'acknowledged'>;
/** A later span's progress and segments, ahead of the in-order transcript (for checkpoints). */
export type SpanCheckpointEvent = EventOf<'span-checkpoint'>;
/** Interim text of an utterance still being transcribed (coalesced when the reader is behind). */
export type PartialEvent = EventOf<'partial'>;
/** A session opened: at the start, for a rotation, or to resume after a drop. */
export type SessionOpenEvent = EventOf<'session-open'>;
/** A session ended, and why. */
export type SessionEndEvent = EventOf<'session-end'>;
/** A connection failed or dropped; the next attempt follows after `delayMs`. */
export type ReconnectEvent = EventOf<'reconnect'>;
/** Audio sent so far (coalesced when the reader is behind). */
export type ProgressEvent = EventOf<'progress'>;
/** Something the caller should know that does not stop the run (e.g. an event log that failed). */
export type WarningEvent = EventOf<'warning'>;
/** Words were lost: the service could not transcribe this span, twice. */
export type NotTranscribedEvent = EventOf<'not-transcribed'>;
/** The run finished; the last event of a successful run. */
export type DoneEvent = EventOf<'done'>;
