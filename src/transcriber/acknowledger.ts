// Acknowledging and stitching: finished items become segments on the input's timeline, in input
// order, and the acknowledged offset moves over audio that is done, and only that: covered by a
// transcript that arrived, or holding no speech (the speech timeline's answer, padding included).
// Never because something is idle.
//
// This is the one place the acknowledged offset moves (`moveTo`). Audio after it is kept and
// re-sent into the next session after a failure; audio before it is released.
import { msToSamples, samplesToSeconds } from '../audio/pcm-format.js';
import { defined } from '../util/must.js';
import type { PolicyOptions } from './options.js';
import type { ReplayBuffer } from './replay-buffer.js';
import type { LedgerItem } from './item-ledger.js';
import type { Session } from './session.js';
import type { SessionSet } from './sessions.js';
import type { TranscribeEvent } from './events.js';
import type { RunCounters } from './run-counters.js';
import type { SpeechTimeline } from '../speech/timeline.js';
import { itemDetails } from './item-details.js';
import { itemSpan, type ItemSpan } from './item-span.js';
import { judge } from './verdict.js';
import { nothingTranscribed, wrongDeployment } from './failure.js';

// How much the acknowledged offset moves through silence before it is reported again.
const ACK_REPORT_MS = 1_000;

export interface AcknowledgerDeps {
  policy: PolicyOptions;
  counters: RunCounters;
  emit(event: TranscribeEvent): void;
  /** The acknowledged offset moved: the run made progress. */
  progressed(): void;
  /** An item must be transcribed again (its audio is after the offset): start a fresh session. */
  resend(cause: string, session: Session): void;
  /** The verdict says stop. */
  fail(error: Error): void;
  /** The deployment or model in use (for the error when every item fails). */
  model: string;
  /** Where the input holds speech. */
  speech: SpeechTimeline;
  /** The end of what was sent (or passed over as skipped). */
  sentTo(): number;
}

interface Span {
  start: number;
  end: number;
}

export class Acknowledger {
  private ack: number;
  private lastReported: number;
  private failedOnce: Span[] = [];

  constructor(
    private readonly deps: AcknowledgerDeps,
    private readonly replay: ReplayBuffer,
    start: number,
  ) {
    this.ack = this.lastReported = start;
  }

  /** Every input sample before this is transcribed (or silent) and its segments were emitted. */
  get offset(): number {
    return this.ack;
  }

  /** No speech was sent after the offset. */
  get noSoundPending(): boolean {
    return this.speechSentFrom(this.ack) === undefined;
  }

  // The first speech at or after `sample` in what was sent, if any.
  private speechSentFrom(sample: number): number | undefined {
    const speech = this.deps.speech.speechFrom(sample);
    return speech !== undefined && speech < this.deps.sentTo() ? speech : undefined;
  }

  /**
   * Releases finished items in input order (draining sessions before the active one) and moves the
   * offset. `sentTo`: the end of the audio sent to the current sessions.
   */
  advance(sessions: SessionSet, sentTo: number): void {
    for (let old = sessions.draining[0]; old !== undefined; old = sessions.draining[0]) {
      if (!this.release(old)) return;
      if (old.ledger.pendingCount() > 0 || old.ledger.outstandingCommits() > 0) return; // newer sessions wait: segments stay in order
      const handoff = defined(old.handoff, "a draining session's handoff").sample;
      // A rotated-out session that answered without covering its sound (a commit it called
      // empty) must not hand it over as done: its audio is sent again.
      const sound = this.speechSentFrom(this.ack);
      if (sound !== undefined && sound < handoff) {
        this.deps.resend(
          `session ${old.number} left ${samplesToSeconds(sound).toFixed(1)}–${samplesToSeconds(handoff).toFixed(1)} s untranscribed`,
          old,
        );
        return;
      }
      this.moveTo(handoff);
      sessions.finishOldestDraining();
      old.end('rotated');
    }
    const active = sessions.active;
    if (active && !this.release(active)) return;
    // A pause holds no words: the offset crosses it up to where the next speech's padding starts.
    const sound = this.deps.speech.speechFrom(this.ack);
    this.moveTo(sound === undefined ? sentTo : Math.min(sentTo, sound));
  }

  /** Moves the offset forward to `sample` (never backwards, never past the audio read). */
  moveTo(sample: number, report: 'now' | 'throttled' = 'throttled'): void {
    const target = Math.min(sample, this.replay.end);
    if (target <= this.ack) return;
    this.ack = target;
    this.replay.release(target);
    this.deps.speech.release(target);
    this.failedOnce = this.failedOnce.filter((span) => span.end > target);
    this.deps.progressed();
    // Checkpoints follow this event; a segment always comes before the offset that covers it.
    if (report === 'now' || target - this.lastReported >= msToSamples(ACK_REPORT_MS)) {
      this.lastReported = target;
      this.deps.emit({ type: 'acknowledged', sec: samplesToSeconds(target) });
    }
  }

  // Emits a session's finished items; false when one of them stopped the release (a failure).
  private release(session: Session): boolean {
    for (const item of session.ledger.releaseReady()) {
      const span = this.span(session, item);
      if (item.failed && !this.itemFailed(session, item, span)) return false;
      // An empty transcript (a commit that raced the service's own, holding only the pause) is
      // acknowledged but is no utterance: the summary counts the lines written.
      if (!item.failed && item.text) {
        this.deps.counters.transcribed();
        this.emitSegment(session, item, span.startSample, span.endSample);
      }
      this.moveTo(span.ackTo, 'now');
    }
    return true;
  }

  // A failed item is sent once more in a fresh session; failing again, its span is recorded as
  // not transcribed and the run goes on. True when the release may go on past it.
  private itemFailed(session: Session, item: LedgerItem, span: { startSample: number; ackTo: number }): boolean {
    this.deps.counters.itemFailed();
    const failedBefore = this.failedOnce.some((s) => s.start < span.ackTo && span.startSample < s.end);
    const verdict = judge({ kind: 'item-failed', detail: item.failure, failedBefore });
    const reason = item.failure?.message ?? 'the transcription failed';
    const where = `${samplesToSeconds(span.startSample).toFixed(1)}–${samplesToSeconds(span.ackTo).toFixed(1)} s`;
    if (verdict.action === 'fail') {
      this.deps.fail(wrongDeployment(this.deps.model, item.failure));
      return false;
    }
    if (verdict.action === 'resend') {
      this.failedOnce.push({ start: span.startSample, end: span.ackTo });
      this.deps.resend(`the service could not transcribe ${where} (${reason}); sending it again`, session);
      return false;
    }
    const lost = { startSec: samplesToSeconds(span.startSample), endSec: samplesToSeconds(span.ackTo), reason };
    this.deps.counters.lost(lost);
    this.deps.emit({ type: 'not-transcribed', span: lost });
    // Nothing at all transcribed and every item failing twice: the rest would fail the same way.
    if (this.deps.counters.utteranceCount === 0 && this.deps.counters.lostSpans.length >= 2) {
      this.deps.fail(nothingTranscribed(this.deps.model, reason));
      return false;
    }
    return true;
  }

  private emitSegment(session: Session, item: LedgerItem, startSample: number, endSample: number): void {
    this.deps.emit({
      type: 'segment',
      segment: {
        start: samplesToSeconds(startSample),
        end: samplesToSeconds(Math.max(endSample, startSample)),
        text: item.text,
        session: session.number,
        itemId: item.id,
        // Confidence, languages and speakers, where the service gave them.
        ...itemDetails(item, samplesToSeconds(startSample), (ms) => samplesToSeconds(session.audio.toInputSample(ms))),
      },
    });
  }

  /** Where an item's words lie on the input's timeline, as the speech detector places them. */
  span(session: Session, item: LedgerItem): ItemSpan {
    return itemSpan(
      item,
      session.audio,
      this.deps.policy.turnDetection,
      this.replay.end,
      (from, samples) => this.wordsStartIn(from, samples),
      (from, to) => this.deps.speech.detectedEndIn(from, to),
    );
  }

  /** Where the words start within `samples` after `from`: the first speech the detector heard. */
  wordsStartIn(from: number, samples: number): number | undefined {
    const start = this.deps.speech.detectedFrom(from);
    return start !== undefined && start < from + samples ? start : undefined;
  }
}
