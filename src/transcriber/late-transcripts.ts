// Transcripts that come after their session was judged late and replaced. The replaced session is
// left open (sessions.ts: overtaken) and its replacement is sent the same audio again from the
// acknowledged offset, so two sessions may transcribe one stretch of audio: whichever transcript
// comes first is used, and the other is passed over (never twice). What a late session still
// sends is used in its own order and only where it follows on from what is covered; it is ended
// once it owes nothing, everything it heard is covered, or it has waited past the cap.
import { samplesToSeconds } from '../audio/pcm-format.js';
import type { PolicyOptions } from './options.js';
import type { ReplayBuffer } from './replay-buffer.js';
import type { LedgerItem } from './item-ledger.js';
import type { Session } from './session.js';
import type { SessionSet } from './sessions.js';
import type { Acknowledger } from './acknowledger.js';
import type { RunCounters } from './run-counters.js';
import type { TranscribeEvent } from './events.js';
import type { ItemSpan } from './item-span.js';
import { LATE_DEADLINE_CAP_MS } from './latency.js';

export interface LateTranscriptsDeps {
  policy: PolicyOptions;
  replay: ReplayBuffer;
  sessions: SessionSet;
  ack: Acknowledger;
  counters: RunCounters;
  emit(event: TranscribeEvent): void;
}

export class LateTranscripts {
  // The furthest input sample a late session's transcript covered: the replacement's items up to
  // here are duplicates.
  private lateCoveredTo = 0;

  constructor(private readonly deps: LateTranscriptsDeps) {}

  /** Every session's ledger passes over items this says are covered. */
  watch(session: Session): void {
    session.ledger.skipCovered((item) => this.covered(session, item));
  }

  /**
   * Uses what the overtaken sessions transcribed since the last turn, and ends those that are
   * done with. `sentTo`: the end of the audio sent to the active session.
   */
  release(sentTo: number): void {
    const { sessions, ack } = this.deps;
    for (const session of [...sessions.overtaken]) {
      for (const item of session.ledger.releaseReady()) {
        // A failure leaves a hole this session cannot fill: the replacement transcribes it.
        if (item.failed) {
          this.retire(session);
          break;
        }
        const span = this.span(session, item);
        if (item.text) {
          this.deps.counters.transcribed(); // an empty transcript is no utterance (acknowledger.ts)
          this.emitSegment(session, item, span);
        }
        this.lateCoveredTo = Math.max(this.lateCoveredTo, span.ackTo);
      }
      if (this.doneWith(session)) this.retire(session);
    }
    // What late transcripts covered is acknowledged as far as the replacement was sent too (the
    // replay must hold what the active session is still to be sent).
    ack.moveTo(Math.min(this.lateCoveredTo, sentTo), 'now');
  }

  // An item is covered when its words end where a transcript already reached: for a late
  // session, the acknowledged offset or a late transcript; for the others, a late transcript only
  // (in order, their own items never end before the offset).
  private covered(session: Session, item: LedgerItem): boolean {
    const late = this.deps.sessions.isOvertaken(session);
    if (!late && this.lateCoveredTo === 0) return false;
    const span = this.span(session, item);
    const wordsEnd = item.endMs === undefined ? span.ackTo : span.endSample;
    return wordsEnd <= (late ? Math.max(this.deps.ack.offset, this.lateCoveredTo) : this.lateCoveredTo);
  }

  private doneWith(session: Session): boolean {
    if (!session.isOpen) return true;
    const owes = session.ledger.pendingCount() > 0 || session.ledger.outstandingCommits() > 0;
    const heardTo = session.audio.endInputSample ?? 0;
    const waited = session.health().oldestWaitMs ?? 0;
    return !owes || heardTo <= this.deps.ack.offset || waited >= LATE_DEADLINE_CAP_MS;
  }

  private retire(session: Session): void {
    this.deps.sessions.forget(session);
    session.end('stalled');
  }

  private span(session: Session, item: LedgerItem): ItemSpan {
    return this.deps.ack.span(session, item);
  }

  private emitSegment(session: Session, item: LedgerItem, span: ItemSpan): void {
    this.deps.emit({
      type: 'segment',
      segment: {
        start: samplesToSeconds(span.startSample),
        end: samplesToSeconds(Math.max(span.endSample, span.startSample)),
        text: item.text,
        session: session.number,
        itemId: item.id,
      },
    });
  }
}
