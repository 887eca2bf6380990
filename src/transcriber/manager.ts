// The run loop: streams the input into Realtime sessions until every sample is transcribed (or
// silent), and joins the parts that each own one decision:
//   feeder.ts        what is sent next, at what pace (and the client's own commits)
//   acknowledger.ts  items → segments, and the acknowledged offset (the only place it moves)
//   rotation.ts      proactive rotation, make before break
//   recovery.ts      closes, errors and watchdogs → resume or fail (with verdict.ts, the one table)
//   input-reader.ts  reading the input into the replay buffer
//   run-counters.ts  what the summary reports
//   run-assembly.ts  how they are wired together
// Everything it knows about time comes from the injected clock, about sockets from `connect`.
import { Notifier } from '../util/notifier.js';
import type { ClientEvent, ServerEvent } from '../realtime/events.js';
import type { CloseInfo, Transport } from '../realtime/transport-types.js';
import { describeEventForLog } from '../realtime/index.js';
import { Session, type SessionListener } from './session.js';
import { LONG_SPEECH_FORCE_MS } from './feeder.js';
import { RunCounters } from './run-counters.js';
import { ManualCommitter } from './manual-commit.js';
import type { RunSummary, SessionEndReason } from './events.js';
import { assembleRun, type RunParts } from './run-assembly.js';
import type { ManagerDeps, ManagerInput } from './manager-input.js';
import { QUIET_SPEECH_DBFS, quietSpeechWarning } from '../speech/speech-notices.js';
import { msToSamples } from '../audio/pcm-format.js';

export type { ManagerDeps, ManagerInput } from './manager-input.js';

const WAIT_OVER = new Error('the wait is over');
// Speech enough to tell how loud it is.
const QUIET_NOTICE_AFTER_MS = 10_000;

// How long a closing session may take to confirm before the run reports anyway.
const CLOSE_WAIT_MS = 2_000;

export class SessionManager implements SessionListener {
  private readonly changed = new Notifier();
  private readonly counters = new RunCounters();
  private parts: RunParts | undefined;
  private sessionNumbers = 0;
  private stop: { atMs: number; live: boolean } | undefined;
  private paddedSession: Session | undefined;
  private paddedAtMs = 0;
  private finalCommitSession: Session | undefined;

  constructor(private readonly deps: ManagerDeps) {}

  /** Streams the whole input; resolves with the summary, rejects with a TranscribeError. */
  async run(input: ManagerInput): Promise<RunSummary> {
    const parts = (this.parts = assembleRun({
      deps: this.deps,
      input,
      counters: this.counters,
      changed: this.changed,
      newSession: (transport) => this.newSession(transport),
    }));
    const onAbort = () => this.changed.notify();
    this.deps.signal?.addEventListener('abort', onAbort);
    this.deps.stopNow?.addEventListener('abort', onAbort);
    const reading = parts.reader.run(input.pcm);
    try {
      parts.sessions.activate(await parts.recovery.start());
      while (!(await this.step(parts))) {
        // each step sends one chunk or waits for something to change
      }
      await this.closeAll(parts, this.stop ? 'aborted' : 'finished');
    } catch (error) {
      await this.closeAll(parts, this.deps.signal?.aborted ? 'aborted' : 'failed');
      throw error;
    } finally {
      parts.reader.stop();
      this.deps.signal?.removeEventListener('abort', onAbort);
      this.deps.stopNow?.removeEventListener('abort', onAbort);
      await reading;
    }
    return this.currentSummary;
  }

  /** The summary so far (also valid after a failure). */
  get currentSummary(): RunSummary {
    const parts = this.parts;
    return this.counters.summary(parts?.replay.end ?? 0, parts?.ack.offset ?? 0, parts?.speech);
  }

  // One turn of the loop. Returns true when the run is complete.
  private async step(p: RunParts): Promise<boolean> {
    if (p.recovery.fatal) throw p.recovery.fatal;
    if (this.stopRequested(p)) return true;
    const active = p.sessions.active;
    if (p.recovery.resumeWanted || !active?.isOpen) {
      if (this.stop) return true; // no reconnecting once stopped: what is not acknowledged stays so
      if (!p.recovery.resumeWanted) p.recovery.requestResume('session closed', active);
      await p.recovery.resume();
      return false;
    }
    p.recovery.checkWatchdogs();
    if (p.recovery.resumeWanted) return false;
    this.noticeQuietSpeech(p, false);
    p.rotation.check();
    p.late.release(p.feeder.sendCursor);
    p.ack.advance(p.sessions, p.feeder.sendCursor);
    if (!p.feeder.caughtUp) {
      if (!p.feeder.readyToSend(p.reader.ended)) await this.waitForChange(this.deps.policy.chunkMs);
      else await p.feeder.sendNext(() => !p.recovery.fatal && !p.recovery.resumeWanted);
      return false;
    }
    if (p.reader.ended) return this.finishStep(p, active);
    await this.waitForChange(this.deps.policy.chunkMs);
    return false;
  }

  // Ctrl-C: a file stops taking input and collects what is already committed (a continued run
  // picks up the rest whole); a live stream cannot be continued, so it is ended like an input
  // that ended: its speech is flushed and transcribed. Both are bounded in time.
  private stopRequested(p: RunParts): boolean {
    if (!this.deps.signal?.aborted) return false;
    if (!this.stop) {
      this.stop = { atMs: this.deps.clock.now(), live: p.reader.live };
      p.reader.stop();
    }
    const limit = this.stop.live ? this.deps.policy.drainTimeoutMs : this.deps.policy.stopGraceMs;
    return this.deps.stopNow?.aborted === true || this.deps.clock.now() - this.stop.atMs >= limit;
  }

  // The input has ended and every sample was sent: flush the VAD, then wait for the transcripts.
  private async finishStep(p: RunParts, session: Session): Promise<boolean> {
    const inFlight =
      p.sessions.draining.length > 0 || session.ledger.pendingCount() > 0 || session.ledger.outstandingCommits() > 0;
    if (this.stop && !this.stop.live) {
      if (!inFlight) return true;
      await this.waitForChange(100);
      return false;
    }
    if (this.paddedSession !== session) {
      // Trailing silence lets the server VAD close speech that ran to the very end of the input.
      await p.feeder.sendPadding(session, () => !this.deps.stopNow?.aborted && !p.recovery.resumeWanted);
      this.paddedSession = session;
      this.paddedAtMs = this.deps.clock.now();
      return false;
    }
    // Speech the service still holds open after the padding is closed by its own VAD, which now
    // has the silence it needs: a commit meanwhile (a busy machine delays its speech_stopped)
    // would race it into an extra, empty item. Waited for, up to the drain timeout.
    const { speed, drainTimeoutMs } = this.deps.policy;
    const closing =
      session.speechOpenAtSample !== undefined && (this.deps.clock.now() - this.paddedAtMs) * speed < drainTimeoutMs;
    if (!inFlight && !closing && p.ack.offset >= p.replay.end) {
      this.noticeQuietSpeech(p, true);
      return true;
    }
    if (!inFlight && !closing && this.finalCommitSession !== session) {
      // Sound no transcript covers yet: commit it (the watchdog holds the service to it).
      this.finalCommitSession = session;
      session.commit(true);
    }
    await this.waitForChange(100);
    return false;
  }

  // Speech far below usual levels reaches the service, but its VAD may not hear all of it: said
  // once, after enough speech to measure (or at the end of a short input), with the remedy.
  private noticeQuietSpeech(p: RunParts, atEnd: boolean): void {
    const notices = (this.deps.notices ??= new Set());
    if (notices.has('quiet-speech')) return;
    if (!atEnd && p.speech.detectedSamples < msToSamples(QUIET_NOTICE_AFTER_MS)) return;
    const peak = p.speech.speechPeakDbfs;
    if (peak === undefined || peak >= QUIET_SPEECH_DBFS) return;
    notices.add('quiet-speech');
    this.deps.emit({ type: 'warning', message: quietSpeechWarning(peak) });
  }

  // ---- what the sessions say -------------------------------------------------------------

  received(session: Session, event: ServerEvent, raw: string): void {
    if (this.deps.eventLog.enabled) this.logReceived(session, event, raw);
    const current = this.parts?.sessions.isCurrent(session) === true;
    if (event.type === 'conversation.item.input_audio_transcription.delta' && current) {
      this.deps.emit({
        type: 'partial',
        session: session.number,
        itemId: event.item_id,
        text: session.ledger.partialOf(event.item_id),
      });
    } else if (event.type === 'error') {
      this.parts?.recovery.errorEvent(session, event.error);
    } else if (event.type === 'conversation.item.input_audio_transcription.completed') {
      this.counters.billed(event.usage);
    }
    this.changed.notify();
  }

  sent(session: Session, event: ClientEvent): void {
    if (this.deps.eventLog.enabled)
      this.deps.eventLog.record({ kind: 'send', session: session.number, event: describeEventForLog(event) });
  }

  closed(session: Session, info: CloseInfo): void {
    this.parts?.recovery.closed(session, info);
  }

  latency(_session: Session, ms: number): void {
    this.parts?.recovery.latencyObserved(ms);
  }

  // The raw event as received (not our decoding of it), so the log shows what the service sent.
  private logReceived(session: Session, event: ServerEvent, raw: string): void {
    const received =
      event.type === 'unknown'
        ? { type: event.originalType, ...event.raw }
        : (JSON.parse(raw) as Record<string, unknown>);
    this.deps.eventLog.record({ kind: 'receive', session: session.number, event: describeEventForLog(received) });
  }

  private newSession(transport: Transport): Session {
    const { policy, clock } = this.deps;
    // With turn detection off nobody but the client ends an utterance.
    const manual =
      policy.turnDetection === null
        ? new ManualCommitter({
            pauseMs: 500,
            maxUtteranceMs: policy.maxUtteranceMs,
            forceAfterMs: LONG_SPEECH_FORCE_MS,
          })
        : undefined;
    const number = this.deps.sessionNumbers?.next() ?? ++this.sessionNumbers;
    const session = new Session(number, transport, this, () => clock.now(), manual, policy.speed);
    this.parts?.late.watch(session);
    return session;
  }

  private async waitForChange(maxMs: number): Promise<void> {
    const timeout = new AbortController();
    await Promise.race([this.changed.next(), this.deps.clock.sleep(maxMs, timeout.signal).catch(() => {})]);
    // With a reason of our own: abort() without one builds a DOMException, stack and all, per wait.
    timeout.abort(WAIT_OVER);
  }

  // Closes every session and waits (briefly) for their close events, so the summary counts them.
  private async closeAll(p: RunParts, reason: SessionEndReason & ('finished' | 'aborted' | 'failed')): Promise<void> {
    const sessions = [...p.sessions.takeAll(), ...p.sessions.takeOvertaken()];
    const prepared = p.rotation.endPrepared(reason);
    if (prepared) sessions.push(prepared);
    for (const session of sessions) session.end(reason);
    const deadline = this.deps.clock.now() + CLOSE_WAIT_MS;
    while (sessions.some((s) => s.isOpen) && this.deps.clock.now() < deadline) await this.waitForChange(50);
  }
}
