// One Realtime session: a transport, the audio it was sent (mapped onto the input), its items, and
// what it owes us. It interprets what the service says and keeps its own state; what to do about
// it is decided elsewhere (the run loop, with the verdict).
import type { ClientEvent, ErrorDetail, ServerEvent } from '../realtime/events.js';
import type { CloseInfo, Transport } from '../realtime/transport-types.js';
import { clearEvent, commitEvent } from '../realtime/codec.js';
import { samplesToMs } from '../audio/pcm-format.js';
import { SessionAudioMap } from './audio-map.js';
import { ItemLedger } from './item-ledger.js';
import type { ManualCommitter } from './manual-commit.js';
import type { SessionEndReason } from './events.js';

/** What the run hears from its sessions. */
export interface SessionListener {
  /** Every event received, after the session updated its own state. */
  received(session: Session, event: ServerEvent, raw: string): void;
  /** Every event sent (for the event log). */
  sent(session: Session, event: ClientEvent): void;
  closed(session: Session, info: CloseInfo): void;
  /** A transcript came this long (service ms) after the commit that made its item. */
  latency(session: Session, ms: number): void;
}

/** The service said no while the session was being configured (an `error` before `session.updated`). */
export class ConfigurationRefused extends Error {
  constructor(readonly detail: ErrorDetail) {
    super(detail.message);
    this.name = 'ConfigurationRefused';
  }
}

export type SessionState = 'configuring' | 'ready' | 'draining' | 'closed';

/** A point in a session's life, on both of its clocks. */
export interface Stamp {
  atMs: number;
  /** Session samples sent by then. */
  atSamples: number;
}

export interface SessionHealth {
  /** Speech the service opened and has not closed. */
  speechOpen: boolean;
  /** Non-silent audio sent since the last useful event (a transcript, a commit, a speech boundary). */
  soundMsSinceUseful: number;
  /** Service time the oldest unanswered commit or untranscribed item has waited, if any. */
  oldestWaitMs: number | undefined;
  /** Service time since the final commit of the input, if it was sent. */
  sinceFinalCommitMs: number | undefined;
  /** Service time since the last useful event (or since the session opened). */
  sinceUsefulEventMs: number;
}

// Events that prove the service is working on our audio. Errors, pongs, session and item
// bookkeeping events are not among them.
const USEFUL = new Set<ServerEvent['type']>([
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'input_audio_buffer.committed',
  'conversation.item.input_audio_transcription.completed',
  'conversation.item.input_audio_transcription.failed',
]);

export class Session {
  readonly audio = new SessionAudioMap();
  readonly ledger = new ItemLedger();
  readonly openedAtMs: number;
  private currentState: SessionState = 'configuring';
  private reason: SessionEndReason | undefined;
  private closedWith: CloseInfo | undefined;
  private expiredFlag = false;
  private drainingFrom: { sample: number; atMs: number } | undefined;
  private sentEvents = 0;
  private updateEventId: string | undefined;
  private soundSamplesSinceUseful = 0;
  private silentTailSamples = 0;
  private speechOpenSince: number | undefined;
  // What the service owes us: commits not yet answered and committed items not yet transcribed,
  // each since when. Every deadline counts from the commit, never from the last event.
  private readonly commitWaits: Stamp[] = [];
  private readonly itemWaits = new Map<string, Stamp>();
  private finalCommit: Stamp | undefined;
  private lastUseful: Stamp;
  private releaseSlot: (() => void) | undefined;
  private resolveConfigured!: () => void;
  private rejectConfigured!: (error: Error) => void;
  /** Resolves on session.updated; rejects if the session closes first. */
  readonly configured: Promise<void>;

  constructor(
    readonly number: number,
    private readonly transport: Transport,
    private readonly listener: SessionListener,
    private readonly now: () => number,
    /** With turn detection off, where this session's utterances end (the client commits). */
    readonly manual: ManualCommitter | undefined,
    /** The run's pace multiplier: an emulator run that much faster counts its time that much faster. */
    private readonly speed = 1,
  ) {
    this.openedAtMs = now();
    this.lastUseful = { atMs: this.openedAtMs, atSamples: 0 };
    this.configured = new Promise<void>((resolve, reject) => {
      this.resolveConfigured = resolve;
      this.rejectConfigured = reject;
    });
    this.configured.catch(() => {}); // a session can die before anyone awaits its configuration
    transport.onEvent((event, raw) => this.receive(event, raw));
    transport.onClose((info) => this.onTransportClose(info));
  }

  get state(): SessionState {
    return this.currentState;
  }
  get isOpen(): boolean {
    return this.currentState !== 'closed';
  }
  get isReady(): boolean {
    return this.currentState === 'ready';
  }
  /** Why we ended it; undefined while open, or if the service ended it. */
  get endReason(): SessionEndReason | undefined {
    return this.reason;
  }
  get closeInfo(): CloseInfo | undefined {
    return this.closedWith;
  }
  /** The service announced the end (session_expired) before closing. */
  get expired(): boolean {
    return this.expiredFlag;
  }
  /** Rotated out: the input sample up to which it still owns the audio, and since when. */
  get handoff(): { sample: number; atMs: number } | undefined {
    return this.drainingFrom;
  }
  /** Session samples sent when the speech now open started (undefined: none open). */
  get speechOpenAtSample(): number | undefined {
    return this.speechOpenSince;
  }
  /** The event_id of our session.update, to match an `error` that answers it. */
  isAnswerToUpdate(eventId: string | null | undefined): boolean {
    return eventId != null && eventId === this.updateEventId;
  }

  /** The session gate's slot, given back when the connection ends. */
  holdSlot(release: () => void): void {
    this.releaseSlot = release;
  }

  configure(update: ClientEvent): void {
    this.updateEventId = this.send(update);
  }

  sendAudio(event: ClientEvent, inputStart: number, samples: number, silent: boolean): void {
    this.send(event);
    this.audio.append(inputStart, samples);
    if (!silent) this.soundSamplesSinceUseful += samples;
    this.silentTailSamples = silent ? this.silentTailSamples + samples : 0;
  }

  /** How much silence this session has heard since the last sound it was sent. */
  get trailingSilenceSamples(): number {
    return this.silentTailSamples;
  }

  /**
   * Commits what the service holds (server VAD or manual). `final`: the input has ended; its end
   * must be covered by a transcript within the drain timeout from now.
   */
  commit(final = false): void {
    this.ledger.commitSent(samplesToMs(this.audio.sentSamples));
    // The sound sent so far is now the commit's to answer, on the commit's deadline.
    this.soundSamplesSinceUseful = 0;
    this.commitWaits.push(this.stamp());
    if (final) this.finalCommit ??= this.stamp();
    this.send(commitEvent());
  }

  /**
   * A commit that asks the service to account for sound it has not answered (see wantsProbe): the
   * sound deadline keeps running until the service answers, so a dead session is caught as soon as
   * it would have been without the probe.
   */
  probe(): void {
    const unanswered = this.soundSamplesSinceUseful;
    this.commit();
    this.soundSamplesSinceUseful = unanswered;
  }

  /** Our commit cut a monologue: the speech goes on from here, as far as we are concerned. */
  restartOpenSpeech(): void {
    if (this.speechOpenSince !== undefined) this.speechOpenSince = this.audio.sentSamples;
  }

  clear(): void {
    this.send(clearEvent());
  }

  /** Rotated out at `sample`: it commits what it has and only finishes its transcripts now. */
  drain(sample: number): void {
    if (this.currentState === 'closed') return;
    this.commit();
    this.currentState = 'draining';
    this.drainingFrom = { sample, atMs: this.now() };
  }

  /** Replaced while late: it is sent nothing more, and stays open for the transcripts it may still send. */
  overtake(): void {
    if (this.currentState === 'closed') return;
    this.reason ??= 'stalled';
    this.currentState = 'draining';
  }

  bufferedAmount(): number {
    return this.transport.bufferedAmount();
  }

  health(): SessionHealth {
    let oldest: Stamp | undefined = this.commitWaits[0];
    for (const stamp of this.itemWaits.values()) if (!oldest || stamp.atMs < oldest.atMs) oldest = stamp;
    return {
      // With manual commits no VAD reacts to sound: speech is open until our commit covers it.
      speechOpen: this.speechOpenSince !== undefined || this.manual?.pendingSound === true,
      soundMsSinceUseful: samplesToMs(this.soundSamplesSinceUseful),
      oldestWaitMs: oldest && this.serviceMsSince(oldest),
      sinceFinalCommitMs: this.finalCommit && this.serviceMsSince(this.finalCommit),
      sinceUsefulEventMs: this.serviceMsSince(this.lastUseful),
    };
  }

  /** Ends the session on purpose. */
  end(reason: SessionEndReason, graceful = true): void {
    if (this.currentState === 'closed') return;
    this.reason ??= reason;
    if (graceful) this.transport.close(1000, reason);
    else this.transport.terminate();
  }

  // Service time since a stamp. An emulator with a time scale runs --speed times faster than the
  // clock, but a client that was starved of CPU did not keep the service waiting that long: the
  // audio it sent in the meantime says how far it got. So: the scaled clock, but no more than the
  // clock or the audio sent since, whichever is more. Re-sent audio (sent faster than the
  // service's time) thus never counts double, and at 1x it is the clock's time. A draining
  // session is sent nothing on purpose, so its audio says nothing: the scaled clock counts.
  private serviceMsSince(stamp: Stamp): number {
    const clockMs = this.now() - stamp.atMs;
    if (this.currentState === 'draining') return clockMs * this.speed;
    const audioMs = samplesToMs(this.audio.sentSamples - stamp.atSamples);
    return Math.min(clockMs * this.speed, Math.max(clockMs, audioMs));
  }

  private stamp(): Stamp {
    return { atMs: this.now(), atSamples: this.audio.sentSamples };
  }

  private send(event: ClientEvent): string | undefined {
    if (this.currentState === 'closed') return undefined;
    // Every client event carries an id, so an `error` can be matched to what it answers. The
    // id is given here and only here (the codec's builders leave it out): the session's number
    // and a count of what it sent, unique within the run.
    const eventId = `evt_${this.number}_${++this.sentEvents}`;
    const withId = { ...event, event_id: eventId };
    this.transport.send(withId);
    this.listener.sent(this, withId);
    return eventId;
  }

  private onTransportClose(info: CloseInfo): void {
    if (this.currentState === 'closed') return;
    this.currentState = 'closed';
    this.releaseSlot?.();
    this.releaseSlot = undefined;
    this.closedWith = info;
    this.rejectConfigured(new Error(`session closed before it was configured (${info.code} ${info.reason})`));
    this.listener.closed(this, info);
  }

  private receive(event: ServerEvent, raw: string): void {
    if (this.currentState === 'closed') return; // a late event from a dead socket is never acted on
    if (USEFUL.has(event.type)) {
      this.soundSamplesSinceUseful = 0;
      this.lastUseful = this.stamp();
    }
    switch (event.type) {
      case 'session.updated':
        if (this.currentState === 'configuring') {
          this.currentState = 'ready';
          this.resolveConfigured();
        }
        break;
      case 'input_audio_buffer.speech_started':
        this.ledger.speechStarted(event.item_id, event.audio_start_ms);
        this.speechOpenSince ??= this.audio.sentSamples;
        break;
      case 'input_audio_buffer.speech_stopped':
        this.ledger.speechStopped(event.item_id, event.audio_end_ms);
        this.speechOpenSince = undefined;
        break;
      case 'input_audio_buffer.committed': {
        const answered = this.ledger.committed(event.item_id, event.previous_item_id);
        const since = answered ? this.commitWaits.shift() : undefined;
        this.itemWaits.set(event.item_id, since ?? this.stamp());
        break;
      }
      case 'conversation.item.input_audio_transcription.delta':
        this.ledger.delta(event.item_id, event.delta ?? '', event.logprobs);
        break;
      case 'conversation.item.input_audio_transcription.segment':
        this.ledger.segment(event.item_id, {
          speaker: event.speaker,
          start: event.start,
          end: event.end,
          text: event.text,
        });
        break;
      case 'conversation.item.input_audio_transcription.completed': {
        this.ledger.completed(event.item_id, event.transcript, {
          logprobs: event.logprobs,
          languages: event.languages,
        });
        const since = this.itemWaits.get(event.item_id);
        this.itemWaits.delete(event.item_id);
        if (since) this.listener.latency(this, this.serviceMsSince(since));
        break;
      }
      case 'conversation.item.input_audio_transcription.failed':
        this.ledger.failed(event.item_id, event.error);
        this.itemWaits.delete(event.item_id);
        break;
      case 'input_audio_buffer.cleared':
        this.speechOpenSince = undefined;
        break;
      case 'error':
        // Refused while opening: whoever waits for the configuration hears why at once.
        if (this.currentState === 'configuring') this.rejectConfigured(new ConfigurationRefused(event.error));
        if (event.error.code === 'input_audio_buffer_commit_empty') {
          this.ledger.commitRejected();
          this.commitWaits.shift();
        }
        if (event.error.code === 'session_expired') this.expiredFlag = true;
        break;
      default:
        break;
    }
    this.listener.received(this, event, raw);
  }
}
