// The session manager: streams input audio into Realtime sessions and decides when to rotate them
// and when and from where to resume. Everything it knows about time comes from the injected clock;
// everything it knows about sockets comes from the injected `connect`.
//
// The rule that keeps every word exactly once: audio after the acknowledged offset (`ack`) is
// always re-sent into the next session, and a segment is emitted only when `ack` passes it. `ack`
// is the end of the last item whose transcript arrived with every earlier item done (or the end of
// audio that was silent while nothing was pending); it only moves forward.
import { TranscribeError, isTranscribeError } from '../errors.js';
import { msToSamples, samplesToMs, samplesToSeconds, BYTES_PER_SAMPLE } from '../audio/pcm-format.js';
import { firstSoundOffset, isSilent } from '../audio/energy.js';
import { Pacer } from '../audio/pacer.js';
import type { Clock } from '../util/clock.js';
import { Notifier } from '../util/notifier.js';
import type { ServerEvent } from '../realtime/events.js';
import type { CloseInfo, Connect } from '../realtime/transport-types.js';
import {
  appendEvent,
  backoffDelayMs,
  classifyServerError,
  describeEventForLog,
  isRecoverableClose,
  sessionUpdate,
  type ResolvedEndpoint,
} from '../realtime/index.js';
import { openSessionWithRetry, retiredProtocol } from './session-opener.js';
import { Session, type SessionHooks } from './session.js';
import { ReplayBuffer } from './replay-buffer.js';
import type { LedgerItem } from './item-ledger.js';
import type { RunSummary, SessionEndReason, TranscribeEvent } from './events.js';
import type { PolicyOptions } from './options.js';
import type { EventLog } from './event-log.js';
import { rotationStep, type RotationStep } from './rotation-policy.js';
import { SourcePace } from './source-pace.js';
import { itemSpan } from './item-span.js';
import { findStall } from './watchdog.js';
import { ManualCommitter } from './manual-commit.js';
import { openGate, type SessionGate } from './session-gate.js';

export interface ManagerDeps {
  connect: Connect;
  endpoint: ResolvedEndpoint;
  clock: Clock;
  random: () => number;
  policy: PolicyOptions;
  emit: (event: TranscribeEvent) => void;
  eventLog: EventLog;
  signal?: AbortSignal | undefined;
  /** After `signal`: stop waiting for outstanding transcripts at once (a second Ctrl-C). */
  stopNow?: AbortSignal | undefined;
  /** Shared concurrency limit (batch runs); none by default. */
  gate?: SessionGate | undefined;
}

export interface ManagerInput {
  pcm: AsyncIterable<Buffer>;
  totalSec?: number | undefined;
  /** A live stream is read as it arrives, even while reconnecting; a file is read just ahead. */
  live: boolean;
  /** Input sample of the first PCM delivered (a run continued from a checkpoint). */
  startSample?: number;
}

// A few seconds of audio read ahead of the send cursor for files: enough to never starve the
// pacer, small enough that memory does not grow with the input.
const READ_AHEAD_MS = 3_000;
// Once the input has ended and the service has been quiet this long (wall), nothing more is coming.
const SETTLE_MS = 1_500;
// How much the acknowledged offset moves through silence before it is reported again.
const ACK_REPORT_MS = 1_000;
// A live stream this far behind its newest audio is sent at the catch-up pace until it is not.
const LIVE_SLACK_MS = 500;
// Speech with no quiet chunk this long past maxUtteranceMs is cut where it is.
const LONG_SPEECH_FORCE_MS = 15_000;
// How long a closing session may take to confirm before the run reports anyway.
const CLOSE_WAIT_MS = 2_000;

export class SessionManager {
  private readonly policy: PolicyOptions;
  private replay: ReplayBuffer;
  private readonly pacer: Pacer;
  private readonly changed = new Notifier();
  private readonly chunkSamples: number;

  private active: Session | undefined;
  private draining: Session[] = [];
  private prepared: Promise<Session> | undefined;
  private preparedSession: Session | undefined;

  private ack = 0;
  private lastAckReported = 0;
  private abortedAtMs: number | undefined;
  private sendCursor = 0;
  private highWater = 0; // furthest input sample ever sent
  private lastSoundEnd = 0; // end of the last non-silent chunk sent
  private lastSendAtMs = 0;
  private inputEnded = false;
  private stopReading = false;
  private fatal: Error | undefined;
  private resumeCause: string | undefined;
  private resumeCulprit: Session | undefined;
  private liveInput = false;
  private readonly sourcePace: SourcePace;
  private handoffWanted = false;
  private paddingSentTo = 0;
  private finishCommitSentTo = 0;
  private readonly retry = { attempts: 0 };
  private sessionCount = 0;

  private readonly summary: RunSummary = {
    sessions: 0,
    rotations: 0,
    resumes: 0,
    resentSec: 0,
    audioSec: 0,
    utterances: 0,
    failedItems: 0,
    endReasons: {},
    acknowledgedSec: 0,
  };
  private resentSamples = 0;
  private chunksSinceProgress = 0;
  private totalSec: number | undefined;

  constructor(private readonly deps: ManagerDeps) {
    this.policy = deps.policy;
    this.chunkSamples = msToSamples(this.policy.chunkMs);
    this.replay = new ReplayBuffer(msToSamples(this.policy.replayLimitMs) * BYTES_PER_SAMPLE);
    this.pacer = new Pacer({ clock: deps.clock });
    this.sourcePace = new SourcePace(this.policy.speed);
  }

  /** Streams the whole input; resolves with the summary, rejects with a TranscribeError. */
  async run(input: ManagerInput): Promise<RunSummary> {
    this.totalSec = input.totalSec;
    const start = input.startSample ?? 0;
    this.ack = this.sendCursor = this.highWater = this.lastSoundEnd = this.lastAckReported = start;
    this.replay = new ReplayBuffer(msToSamples(this.policy.replayLimitMs) * BYTES_PER_SAMPLE, start);
    const onAbort = () => this.changed.notify();
    this.deps.signal?.addEventListener('abort', onAbort);
    this.deps.stopNow?.addEventListener('abort', onAbort);
    const reader = this.readInput(input);
    try {
      this.active = await this.open('start');
      while (!(await this.step())) {
        // each step sends one chunk or waits for something to change
      }
      await this.closeAll(this.abortedAtMs === undefined ? 'finished' : 'aborted');
    } catch (error) {
      await this.closeAll(this.deps.signal?.aborted ? 'aborted' : 'failed');
      throw error;
    } finally {
      this.stopReading = true;
      this.changed.notify();
      this.deps.signal?.removeEventListener('abort', onAbort);
      this.deps.stopNow?.removeEventListener('abort', onAbort);
      await reader;
      this.finalizeSummary();
    }
    return this.summary;
  }

  /** The summary so far (also valid after a failure). */
  get currentSummary(): RunSummary {
    this.finalizeSummary();
    return this.summary;
  }

  // One turn of the loop. Returns true when the run is complete.
  private async step(): Promise<boolean> {
    if (this.fatal) throw this.fatal;
    if (this.deps.signal?.aborted) {
      if (this.abortedAtMs === undefined) {
        // Stop taking input; what was read is still transcribed, for a bounded time.
        this.abortedAtMs = this.deps.clock.now();
        this.stopReading = true;
        this.inputEnded = true;
      }
      const waited = this.deps.clock.now() - this.abortedAtMs;
      // No reconnecting once stopped: what is not acknowledged now stays untranscribed.
      if (this.deps.stopNow?.aborted || waited >= this.policy.stopGraceMs) return true;
      if (this.resumeCause !== undefined || !this.active?.isOpen) return true;
    }
    if (this.resumeCause !== undefined || !this.active?.isOpen) {
      await this.resume(this.resumeCause ?? 'session closed');
      return false;
    }
    this.checkWatchdogs();
    if (this.resumeCause !== undefined) return false;
    this.rotateIfDue();
    if (this.sendCursor < this.replay.end) {
      await this.sendNextChunk();
      return false;
    }
    if (this.inputEnded) return this.finishStep();
    await this.waitForChange(this.policy.chunkMs);
    return false;
  }

  private async sendNextChunk(): Promise<void> {
    const available = this.replay.end - this.sendCursor;
    if (available < this.chunkSamples && !this.inputEnded) {
      await this.waitForChange(this.policy.chunkMs); // a live source delivers in its own sizes
      return;
    }
    const samples = Math.min(this.chunkSamples, available);
    const from = this.sendCursor;
    const pcm = this.replay.read(from, samples);
    const replaying = from < this.highWater;
    // A live stream that fell behind (start-up, a reconnect) catches up at the bounded pace too.
    const liveBacklog = this.liveInput && !this.sourcePace.isFast && available > msToSamples(LIVE_SLACK_MS);
    const rate = this.policy.speed * (replaying || liveBacklog ? this.policy.catchUpFactor : 1);
    await this.pacer.wait(samplesToMs(samples), rate);
    await this.waitForSocketRoom();
    if (this.fatal || this.resumeCause !== undefined || !this.active?.isOpen || this.sendCursor !== from) return;
    const silent = isSilent(pcm, this.policy.silenceDbfs);
    if (this.handoffWanted && (silent || this.handoffOverdue())) this.handoff();
    else this.commitLongSpeech(this.active, silent);
    if (!this.sendAudio(this.active, pcm, from, samples, silent)) return;
    this.pacer.markSent(this.deps.clock.now());
    if (this.active.manual?.observe(samplesToMs(samples), silent)) this.active.commit();
    if (replaying) this.resentSamples += Math.min(samples, this.highWater - from);
    this.sendCursor = from + samples;
    this.highWater = Math.max(this.highWater, this.sendCursor);
    if (!silent) this.lastSoundEnd = this.sendCursor;
    this.lastSendAtMs = this.deps.clock.now();
    this.advance();
    this.changed.notify(); // the reader may be waiting for room ahead of the send cursor
    this.reportProgress();
  }

  // A monologue gives the VAD no boundary: commit it at a quiet chunk so items (and the replay
  // after a drop) stay short. Without any quiet chunk, cut anyway a little later.
  private commitLongSpeech(session: Session, silent: boolean): void {
    if (session.speechOpenAtSample === undefined || session.ledger.outstandingCommits() > 0) return;
    const openMs = samplesToMs(session.audio.sentSamples - session.speechOpenAtSample);
    if (openMs < this.policy.maxUtteranceMs) return;
    if (!silent && openMs < this.policy.maxUtteranceMs + LONG_SPEECH_FORCE_MS) return;
    session.commit();
    session.speechOpenAtSample = session.audio.sentSamples;
  }

  private sendAudio(session: Session, pcm: Buffer, inputStart: number, samples: number, silent: boolean): boolean {
    try {
      session.sendAudio(appendEvent(pcm), inputStart, samples, silent);
      return true;
    } catch (error) {
      // The socket closed between our check and the send; its close event drives the resume.
      this.requestResume(`send failed: ${(error as Error).message}`, session);
      return false;
    }
  }

  // The input has ended and every sample was sent: flush the VAD, then wait for the transcripts.
  private async finishStep(): Promise<boolean> {
    const session = this.active!;
    if (this.abortedAtMs !== undefined) {
      // Stopped: collect what is already committed, but do not flush speech that was cut off;
      // it stays after the acknowledged offset, where a continued run picks it up whole.
      this.advance();
      if (this.draining.length === 0 && session.ledger.pendingCount() === 0 && session.ledger.outstandingCommits() === 0) return true;
      await this.waitForChange(100);
      return false;
    }
    if (this.paddingSentTo !== session.number) {
      // Trailing silence lets the server VAD close speech that ran to the very end of the input.
      await this.sendPadding(session);
      this.paddingSentTo = session.number;
      return false;
    }
    const needsCommit = session.manual ? session.manual.pendingSound : session.ledger.hasOpenSpeech();
    if (needsCommit && this.finishCommitSentTo !== session.number && session.ledger.outstandingCommits() === 0) {
      this.finishCommitSentTo = session.number;
      session.commit();
    }
    this.advance();
    const quietFor = this.deps.clock.now() - Math.max(this.lastSendAtMs, session.lastEventAtMs);
    const settled = this.lastSoundEnd <= this.ack || quietFor >= SETTLE_MS;
    if (this.draining.length === 0 && session.ledger.isIdle() && settled) {
      this.moveAck(this.replay.end);
      return true;
    }
    await this.waitForChange(100);
    return false;
  }

  private async sendPadding(session: Session): Promise<void> {
    const td = this.policy.turnDetection;
    const silenceMs = td && td.type === 'server_vad' ? (td.silence_duration_ms ?? 500) : 500;
    const total = msToSamples(silenceMs + 300);
    for (let sent = 0; sent < total && session.isOpen; ) {
      const samples = Math.min(this.chunkSamples, total - sent);
      await this.pacer.wait(samplesToMs(samples), this.policy.speed);
      if (!session.isOpen) return;
      if (!this.sendAudio(session, Buffer.alloc(samples * BYTES_PER_SAMPLE), this.replay.end + sent, samples, true)) return;
      sent += samples;
      this.lastSendAtMs = this.deps.clock.now();
    }
  }

  // ---- acknowledgement -------------------------------------------------------------------

  // Releases finished items in input order (draining sessions before the active one) and moves
  // the acknowledged offset.
  private advance(): void {
    while (this.draining.length > 0) {
      const old = this.draining[0]!;
      for (const item of old.ledger.releaseReady()) this.emitItem(old, item);
      if (!old.ledger.isIdle()) return; // newer sessions wait, so segments stay in order
      this.moveAck(old.handoffSample!);
      this.draining.shift();
      old.end('rotated');
    }
    const session = this.active;
    if (!session) return;
    for (const item of session.ledger.releaseReady()) this.emitItem(session, item);
    // Nothing pending and nothing but silence since the offset: that audio holds no words.
    // (Sound the service did not call speech is NOT skipped: a stalled service reports nothing
    // either, and skipping its audio would lose words. It is re-sent after a drop instead.)
    if (session.ledger.isIdle() && this.lastSoundEnd <= this.ack) this.moveAck(this.sendCursor);
  }

  // Where sound starts within `samples` after `from`, in 10 ms steps. Audio after `from` that is
  // no longer held was acknowledged as holding no words (quiet audio moves the acknowledged
  // offset, an item's own audio does not until its transcript arrives): the search starts where
  // the held audio does.
  private soundStartIn(from: number, samples: number): number | undefined {
    const held = Math.max(from, this.replay.start);
    if (held >= this.replay.end || held >= from + samples) return undefined;
    const offset = firstSoundOffset(this.replay.read(held, from + samples - held), msToSamples(10), this.policy.silenceDbfs);
    return offset === undefined ? undefined : held + offset;
  }

  private emitItem(session: Session, item: LedgerItem): void {
    const { startSample, endSample, ackTo } = itemSpan(item, session.audio, this.policy.turnDetection, this.replay.end, (from, samples) =>
      this.soundStartIn(from, samples),
    );
    this.summary.utterances++;
    if (item.failed) {
      this.summary.failedItems++;
      this.deps.emit({
        type: 'warning',
        message: `the service could not transcribe ${samplesToSeconds(startSample).toFixed(1)}–${samplesToSeconds(ackTo).toFixed(1)} s (item ${item.id})`,
      });
    } else if (item.text) this.emitSegment(session, item, startSample, endSample);
    this.moveAck(ackTo, 'now');
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
      },
    });
  }

  private moveAck(sample: number, report: 'now' | 'throttled' = 'throttled'): void {
    const target = Math.min(sample, this.replay.end);
    if (target <= this.ack) return;
    this.ack = target;
    this.replay.release(target);
    this.retry.attempts = 0; // progress: the next failure starts the backoff from the beginning
    // Checkpoints follow this event; a segment always comes before the offset that covers it.
    if (report === 'now' || target - this.lastAckReported >= msToSamples(ACK_REPORT_MS)) {
      this.lastAckReported = target;
      this.deps.emit({ type: 'acknowledged', sec: samplesToSeconds(target) });
    }
    this.changed.notify();
  }

  // ---- rotation ---------------------------------------------------------------------------

  private rotateIfDue(): void {
    const session = this.active!;
    const step: RotationStep = rotationStep({
      ageMs: this.sessionAgeMs(session),
      policy: this.policy,
      preparing: this.prepared !== undefined,
      preparedReady: this.preparedSession?.isOpen === true && this.preparedSession.state === 'ready',
      atBoundary: this.draining.length === 0 && session.ledger.isIdle() && this.lastSoundEnd <= this.ack,
      inputDone: this.inputEnded && this.sendCursor >= this.replay.end,
    });
    if (step === 'prepare') this.prepareNext();
    else if (step === 'rotate') this.rotateAtBoundary();
    else if (step === 'handoff') this.handoffWanted = true;
  }

  private prepareNext(): void {
    const pending = this.open('rotation-prepare');
    this.prepared = pending;
    pending.then(
      (session) => {
        if (this.prepared !== pending) return session.end('aborted');
        this.preparedSession = session;
        this.changed.notify();
      },
      (error: unknown) => {
        if (this.prepared === pending) this.prepared = undefined;
        if (isFatal(error)) this.fail(error as Error);
        else this.deps.emit({ type: 'warning', message: `could not open the next session early: ${(error as Error).message}` });
      },
    );
  }

  private takePrepared(): Session | undefined {
    const session = this.preparedSession;
    this.prepared = undefined;
    this.preparedSession = undefined;
    return session?.isOpen && session.state === 'ready' ? session : undefined;
  }

  // Nothing is pending and the recent audio is silent: move to the new session from `ack`.
  private rotateAtBoundary(): void {
    const next = this.takePrepared();
    if (!next) return;
    const old = this.active!;
    old.clear();
    old.end('rotated');
    this.active = next;
    this.sendCursor = this.ack;
    this.handoffWanted = false;
    this.summary.rotations++;
    this.deps.emit({ type: 'session-open', session: next.number, reason: 'rotation', fromSec: samplesToSeconds(this.ack) });
  }

  // No boundary came (a monologue): cut here. The old session commits what it has and keeps
  // draining its transcripts; the new one takes the audio from this point on.
  private handoff(): void {
    const old = this.active!;
    if (this.draining.length === 0 && old.ledger.isIdle() && this.lastSoundEnd <= this.ack) {
      this.rotateAtBoundary(); // the quiet point turned out to be a boundary after all
      return;
    }
    const next = this.takePrepared();
    if (!next) return;
    this.handoffWanted = false;
    this.summary.rotations++;
    old.commit();
    old.state = 'draining';
    old.handoffSample = this.sendCursor;
    old.handoffAtMs = this.deps.clock.now();
    this.draining.push(old);
    this.active = next;
    this.deps.emit({ type: 'session-open', session: next.number, reason: 'rotation', fromSec: samplesToSeconds(this.sendCursor) });
  }

  private handoffOverdue(): boolean {
    const session = this.active!;
    return this.sessionAgeMs(session) >= this.policy.rotateAfterMs + 2 * this.policy.rotateGraceMs;
  }

  // Session age on the service's clock: wall time, or audio time when audio goes faster than real
  // time (tests, emulators with a time scale), whichever is more.
  private sessionAgeMs(session: Session): number {
    const wall = this.deps.clock.now() - session.openedAtMs;
    return Math.max(wall, samplesToMs(session.audio.sentSamples));
  }

  // ---- failure and resume -----------------------------------------------------------------

  private checkWatchdogs(): void {
    const session = this.active!;
    const now = this.deps.clock.now();
    const old = this.draining[0];
    const verdict = findStall(
      {
        // With manual commits no VAD reacts to sound: only our commits can be answered.
        speechOpen: session.speechOpenAtSample !== undefined || session.manual?.pendingSound === true,
        soundMsSinceEvent: samplesToMs(session.soundSamplesSinceEvent),
        waiting: session.ledger.pendingCount() > 0 || session.ledger.outstandingCommits() > 0,
        quietMs: Math.max(now - session.lastEventAtMs, samplesToMs(session.samplesSinceEvent)),
      },
      // The new session started at the handoff: its audio measures service time since then.
      old ? Math.max(now - old.handoffAtMs!, samplesToMs(session.audio.sentSamples)) : undefined,
      this.policy,
    );
    if (verdict) this.stall(verdict.target === 'active' ? session : old!, verdict.why);
  }

  private stall(session: Session, why: string): void {
    session.end('stalled', false);
    this.requestResume(`session ${session.number} stalled: ${why}`, session);
  }

  private requestResume(cause: string, culprit: Session | undefined = this.active): void {
    if (this.resumeCause === undefined) {
      this.resumeCause = cause;
      this.resumeCulprit = culprit;
    }
    this.changed.notify();
  }

  // Every live session is dropped; a fresh one continues from `ack` after a backoff.
  private async resume(cause: string): Promise<void> {
    for (const session of [...this.draining, this.active]) {
      if (!session?.isOpen) continue;
      // The session that failed says why; the others were fine, only their pipeline was not.
      const reason = session === this.resumeCulprit ? (session.expired ? 'expired' : 'dropped') : 'discarded';
      session.end(session.endReason ?? reason, false);
    }
    this.resumeCulprit = undefined;
    this.draining = [];
    this.active = undefined;
    this.handoffWanted = false;
    this.resumeCause = undefined;
    this.summary.resumes++;
    this.retry.attempts++;
    this.sendCursor = Math.max(this.ack, this.replay.start);
    this.active = await this.open('resume', cause);
    this.pacer.reanchor();
    this.deps.emit({ type: 'session-open', session: this.active.number, reason: 'resume', fromSec: samplesToSeconds(this.ack) });
  }

  // Opens and configures a session, retrying what time can fix with capped jittered backoff.
  private async open(purpose: 'start' | 'resume' | 'rotation-prepare', firstCause?: string): Promise<Session> {
    const reuse = purpose !== 'rotation-prepare' ? this.takePrepared() : undefined;
    if (reuse) return reuse;
    return openSessionWithRetry({
      connect: this.deps.connect,
      endpoint: this.deps.endpoint,
      policy: this.policy,
      clock: this.deps.clock,
      signal: this.deps.signal,
      // Starts and resumes share the run's counter (reset by progress); an early open for a
      // rotation has its own, since the current session still works.
      counter: purpose === 'rotation-prepare' ? { attempts: 0 } : this.retry,
      firstCause,
      delay: (attempt) =>
        backoffDelayMs(attempt, { baseMs: this.policy.backoffBaseMs, maxMs: this.policy.backoffMaxMs, jitter: 0.5 }, this.deps.random),
      createSession: (transport) => {
        const session = new Session(++this.sessionCount, transport, this.hooks, () => this.deps.clock.now());
        if (this.policy.turnDetection === null) {
          session.manual = new ManualCommitter({ pauseMs: 500, maxUtteranceMs: this.policy.maxUtteranceMs, forceAfterMs: LONG_SPEECH_FORCE_MS });
        }
        return session;
      },
      configure: (session) =>
        session.configure(
          sessionUpdate({
            model: this.deps.endpoint.transcriptionModel,
            ...(this.policy.language ? { language: this.policy.language } : {}),
            ...(this.policy.prompt ? { prompt: this.policy.prompt } : {}),
            turnDetection: this.policy.turnDetection,
            noiseReduction: this.policy.noiseReduction,
          }),
        ),
      onRetry: (attempt, delayMs, why) => {
        this.deps.emit({ type: 'reconnect', attempt, delayMs, fromSec: samplesToSeconds(this.ack), cause: why });
        this.deps.eventLog.record({ kind: 'backoff', attempt, delayMs, cause: why });
      },
      onOpened: (session) => {
        this.summary.sessions++;
        this.deps.eventLog.record({ kind: 'session-open', session: session.number, purpose, fromSec: samplesToSeconds(this.ack) });
      },
      stopped: () => this.fatal,
      firstOpen: this.summary.sessions === 0,
      gate: this.deps.gate ?? openGate,
    });
  }

  private readonly hooks: SessionHooks = {
    onSend: (session, event) => {
      if (this.deps.eventLog.enabled) this.deps.eventLog.record({ kind: 'send', session: session.number, event: describeEventForLog(event) });
    },
    onEvent: (session, event, raw) => this.onServerEvent(session, event, raw),
    onClose: (session, info) => this.onSessionClose(session, info),
  };

  private onServerEvent(session: Session, event: ServerEvent, raw: string): void {
    if (this.deps.eventLog.enabled) this.logReceived(session, event, raw);
    const current = session === this.active || this.draining.includes(session);
    switch (event.type) {
      case 'conversation.item.input_audio_transcription.delta':
        if (current) this.deps.emit({ type: 'partial', session: session.number, itemId: event.item_id, text: session.ledger.delta(event.item_id, '') });
        break;
      case 'conversation.item.input_audio_transcription.completed':
      case 'conversation.item.input_audio_transcription.failed':
      case 'input_audio_buffer.committed':
      case 'input_audio_buffer.speech_stopped':
        if (event.type === 'conversation.item.input_audio_transcription.failed') this.checkDeploymentFailure(event.error.message);
        if (current) this.advance();
        break;
      case 'error': {
        const verdict = classifyServerError(event.error);
        if (verdict === 'fatal') {
          // A session refused while it is being opened: stop waiting for its configuration.
          if (session.state === 'configuring') session.end('failed', false);
          // The service closes with 4000 right after this one; say it as that close would.
          if (event.error.code === 'beta_api_shape_disabled') this.fail(retiredProtocol(4000, 'beta_api_shape_disabled'));
          else this.fail(
            new TranscribeError('CONFIG_INVALID', `the service refused the session: ${event.error.message} (${event.error.code ?? event.error.type})`, {
              hint: 'check --deployment / --model and the key; this will not get better by retrying',
            }),
          );
        } else if (verdict === 'ignore' && event.error.code !== 'input_audio_buffer_commit_empty') {
          this.deps.emit({ type: 'warning', message: `service error: ${event.error.message} (${event.error.code ?? event.error.type})` });
        }
        if (current) this.advance();
        break;
      }
      default:
        break;
    }
    this.changed.notify();
  }

  // The raw event as received (not our decoding of it), so the log shows what the service sent.
  private logReceived(session: Session, event: ServerEvent, raw: string): void {
    const received = event.type === 'unknown' ? { type: event.originalType, ...event.raw } : (JSON.parse(raw) as Record<string, unknown>);
    this.deps.eventLog.record({ kind: 'receive', session: session.number, event: describeEventForLog(received) });
  }

  // On Azure a wrong deployment name does not fail the session: every item fails instead.
  private checkDeploymentFailure(message: string): void {
    if (this.summary.utterances > this.summary.failedItems) return;
    if (this.deps.endpoint.provider !== 'azure' || !/input transcription failed/i.test(message)) return;
    if (this.summary.failedItems < 2) return;
    this.fail(
      new TranscribeError('CONFIG_INVALID', `every transcription failed: is "${this.deps.endpoint.transcriptionModel}" a transcription deployment? (${message})`, {
        hint: 'on Azure --deployment / AZURE_OPENAI_DEPLOYMENT must name the deployment of a transcription model (e.g. gpt-4o-transcribe)',
      }),
    );
  }

  private onSessionClose(session: Session, info: CloseInfo): void {
    const reason: SessionEndReason =
      session.endReason ?? (session.expired ? 'expired' : info.cause === 'ping-timeout' ? 'stalled' : 'dropped');
    this.summary.endReasons[reason] = (this.summary.endReasons[reason] ?? 0) + 1;
    if (reason === 'dropped' || reason === 'stalled') (this.deps.gate ?? openGate).report('dropped');
    this.deps.eventLog.record({ kind: 'close', session: session.number, code: info.code, reason: info.reason, cause: info.cause, endReason: reason });
    this.deps.emit({ type: 'session-end', session: session.number, reason, detail: `${info.code}${info.reason ? ' ' + info.reason : ''}` });
    if (session === this.preparedSession) {
      this.prepared = undefined;
      this.preparedSession = undefined;
    }
    const current = session === this.active || this.draining.includes(session);
    if (!current || session.endReason === 'rotated' || session.endReason === 'finished') {
      this.changed.notify();
      return;
    }
    if (info.code === 4000 || (!isRecoverableClose(info.code) && info.cause === 'remote' && info.code >= 4000)) {
      this.fail(retiredProtocol(info.code, info.reason));
      return;
    }
    this.requestResume(`session ${session.number} ended: ${reason} (${info.code}${info.reason ? ' ' + info.reason : ''})`, session);
  }

  private fail(error: Error): void {
    this.fatal ??= error;
    this.changed.notify();
  }

  // ---- input -----------------------------------------------------------------------------

  private async readInput(input: ManagerInput): Promise<void> {
    const iterator = input.pcm[Symbol.asyncIterator]();
    const aheadSamples = msToSamples(READ_AHEAD_MS);
    const pace = this.sourcePace;
    this.liveInput = input.live;
    try {
      while (!this.stopReading) {
        if (!input.live || pace.isFast) {
          while (!this.stopReading && this.replay.end - this.sendCursor > aheadSamples) await this.changed.next();
          if (this.stopReading) break;
        }
        const next = await iterator.next();
        if (next.done || this.stopReading) break;
        pace.observe(this.deps.clock.now(), next.value.length / BYTES_PER_SAMPLE);
        this.replay.append(next.value);
        this.changed.notify();
      }
    } catch (error) {
      if (isTranscribeError(error) && error.code === 'REPLAY_LIMIT') this.fail(error);
      else this.fail(error as Error);
    } finally {
      this.inputEnded = true;
      this.changed.notify();
      if (this.stopReading) await iterator.return?.();
    }
  }

  private async waitForSocketRoom(): Promise<void> {
    while (this.active?.isOpen && this.active.bufferedAmount() > this.policy.maxBufferedBytes && !this.fatal) {
      await this.deps.clock.sleep(10);
    }
  }

  private async waitForChange(maxMs: number): Promise<void> {
    const timeout = new AbortController();
    await Promise.race([this.changed.next(), this.deps.clock.sleep(maxMs, timeout.signal).catch(() => {})]);
    timeout.abort();
  }

  private reportProgress(): void {
    if (++this.chunksSinceProgress * this.policy.chunkMs < 1000) return;
    this.chunksSinceProgress = 0;
    this.deps.emit({
      type: 'progress',
      sentSec: samplesToSeconds(this.highWater),
      totalSec: this.totalSec,
      session: this.active?.number ?? 0,
      resumes: this.summary.resumes,
      utterances: this.summary.utterances,
    });
  }

  // Closes every session and waits (briefly) for their close events, so the summary counts them.
  private async closeAll(reason: SessionEndReason): Promise<void> {
    const sessions = [...this.draining, this.active, this.preparedSession].filter((s): s is Session => s !== undefined);
    for (const session of sessions) session.end(reason);
    this.prepared?.then((session) => session.end(reason), () => {});
    this.prepared = undefined;
    const deadline = this.deps.clock.now() + CLOSE_WAIT_MS;
    while (sessions.some((s) => s.isOpen) && this.deps.clock.now() < deadline) await this.waitForChange(50);
  }

  private finalizeSummary(): void {
    this.summary.audioSec = samplesToSeconds(this.replay.end);
    this.summary.acknowledgedSec = samplesToSeconds(this.ack);
    this.summary.resentSec = samplesToSeconds(this.resentSamples);
  }
}

function isFatal(error: unknown): boolean {
  return isTranscribeError(error) && !['SERVICE_UNAVAILABLE', 'RETRIES_EXHAUSTED'].includes(error.code);
}

