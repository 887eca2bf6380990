// One Realtime session: a transport, the audio it was sent (mapped onto the input), and its items.
// It interprets what the service says; the manager decides what to do about it.
import type { ClientEvent, ServerEvent } from '../realtime/events.js';
import type { CloseInfo, Transport } from '../realtime/transport-types.js';
import { samplesToMs } from '../audio/pcm-format.js';
import { SessionAudioMap } from './audio-map.js';
import { ItemLedger } from './item-ledger.js';
import type { ManualCommitter } from './manual-commit.js';
import type { SessionEndReason } from './events.js';

export interface SessionHooks {
  /** Every event received, after the session updated its own state. */
  onEvent(session: Session, event: ServerEvent, raw: string): void;
  /** Every event sent (for the event log). */
  onSend(session: Session, event: ClientEvent): void;
  onClose(session: Session, info: CloseInfo): void;
}

export type SessionState = 'configuring' | 'ready' | 'draining' | 'closed';

export class Session {
  readonly audio = new SessionAudioMap();
  readonly ledger = new ItemLedger();
  state: SessionState = 'configuring';
  /** Why we ended it, set before we close it ourselves; undefined if the service ended it. */
  endReason: SessionEndReason | undefined;
  closeInfo: CloseInfo | undefined;
  /** The service announced the end (session_expired) before closing. */
  expired = false;
  readonly openedAtMs: number;
  lastEventAtMs: number;
  /** Samples of non-silent audio sent since the last server event (the stall watchdog). */
  soundSamplesSinceEvent = 0;
  /** Samples of any audio sent since the last server event. */
  samplesSinceEvent = 0;
  /**
   * Session samples sent when the speech now open started (undefined: none open). Our own commit
   * of a long utterance restarts it: the speaker has not stopped, only the item was cut.
   */
  speechOpenAtSample: number | undefined;
  /** With turn detection off, where this session's utterances end (the client commits). */
  manual: ManualCommitter | undefined;
  /** Input sample up to which this draining session owns the audio (handoff point). */
  handoffSample: number | undefined;
  handoffAtMs: number | undefined;
  private releaseSlot: (() => void) | undefined;
  private configuredResolve!: () => void;
  private configuredReject!: (error: Error) => void;
  /** Resolves on session.updated; rejects if the session closes first. */
  readonly configured: Promise<void>;

  constructor(
    readonly number: number,
    private readonly transport: Transport,
    private readonly hooks: SessionHooks,
    private readonly now: () => number,
  ) {
    this.openedAtMs = now();
    this.lastEventAtMs = this.openedAtMs;
    this.configured = new Promise<void>((resolve, reject) => {
      this.configuredResolve = resolve;
      this.configuredReject = reject;
    });
    this.configured.catch(() => {}); // a session can die before anyone awaits its configuration
    transport.onEvent((event, raw) => this.receive(event, raw));
    transport.onClose((info) => {
      if (this.state === 'closed') return;
      this.state = 'closed';
      this.releaseSlot?.();
      this.releaseSlot = undefined;
      this.closeInfo = info;
      this.configuredReject(new Error(`session closed before it was configured (${info.code} ${info.reason})`));
      this.hooks.onClose(this, info);
    });
  }

  /** The session gate's slot, given back when the connection ends. */
  holdSlot(release: () => void): void {
    this.releaseSlot = release;
  }

  get isOpen(): boolean {
    return this.state !== 'closed';
  }

  configure(update: ClientEvent): void {
    this.send(update);
  }

  sendAudio(event: ClientEvent, inputStart: number, samples: number, silent: boolean): void {
    this.send(event);
    this.audio.append(inputStart, samples);
    this.samplesSinceEvent += samples;
    if (!silent) this.soundSamplesSinceEvent += samples;
  }

  /** Commits whatever the service holds (server VAD or manual): closes open speech at this point. */
  commit(): void {
    this.ledger.commitSent(samplesToMs(this.audio.sentSamples));
    // The wait for its answer starts now, not at the last event (a monologue has none for long).
    this.samplesSinceEvent = 0;
    this.soundSamplesSinceEvent = 0;
    this.lastEventAtMs = this.now();
    this.send({ type: 'input_audio_buffer.commit' });
  }

  clear(): void {
    this.send({ type: 'input_audio_buffer.clear' });
  }

  bufferedAmount(): number {
    return this.transport.bufferedAmount();
  }

  /** Ends the session on purpose. */
  end(reason: SessionEndReason, graceful = true): void {
    if (this.state === 'closed') return;
    this.endReason ??= reason;
    if (graceful) this.transport.close(1000, reason);
    else this.transport.terminate();
  }

  private send(event: ClientEvent): void {
    if (this.state === 'closed') return;
    this.transport.send(event);
    this.hooks.onSend(this, event);
  }

  private receive(event: ServerEvent, raw: string): void {
    if (this.state === 'closed') return; // a late event from a dead socket is never acted on
    this.lastEventAtMs = this.now();
    this.soundSamplesSinceEvent = 0;
    this.samplesSinceEvent = 0;
    switch (event.type) {
      case 'session.updated':
        if (this.state === 'configuring') {
          this.state = 'ready';
          this.configuredResolve();
        }
        break;
      case 'input_audio_buffer.speech_started':
        this.ledger.speechStarted(event.item_id, event.audio_start_ms);
        this.speechOpenAtSample ??= this.audio.sentSamples;
        break;
      case 'input_audio_buffer.speech_stopped':
        this.ledger.speechStopped(event.item_id, event.audio_end_ms);
        this.speechOpenAtSample = undefined;
        break;
      case 'input_audio_buffer.committed':
        this.ledger.committed(event.item_id, event.previous_item_id);
        break;
      case 'conversation.item.input_audio_transcription.delta':
        this.ledger.delta(event.item_id, event.delta);
        break;
      case 'conversation.item.input_audio_transcription.completed':
        this.ledger.completed(event.item_id, event.transcript);
        break;
      case 'conversation.item.input_audio_transcription.failed':
        this.ledger.failed(event.item_id);
        break;
      case 'input_audio_buffer.cleared':
        this.speechOpenAtSample = undefined;
        break;
      case 'error':
        if (event.error.code === 'input_audio_buffer_commit_empty') this.ledger.commitRejected();
        if (event.error.code === 'session_expired') this.expired = true;
        break;
      default:
        break;
    }
    this.hooks.onEvent(this, event, raw);
  }
}
