// Recovery: noticing that the run's sessions stopped working (closes, `error` events, watchdog
// deadlines), and resuming from the acknowledged offset in a fresh session, or giving up. What
// each happening means is the verdict's call; this is where resume is decided and done.
import type { CloseInfo } from '../realtime/transport-types.js';
import type { ErrorDetail } from '../realtime/events.js';
import { samplesToSeconds } from '../audio/pcm-format.js';
import type { Notifier } from '../util/notifier.js';
import type { PolicyOptions } from './options.js';
import type { Session } from './session.js';
import type { SessionSet } from './sessions.js';
import type { Acknowledger } from './acknowledger.js';
import type { Feeder } from './feeder.js';
import type { Rotation } from './rotation.js';
import type { RunCounters } from './run-counters.js';
import type { EventLog } from './event-log.js';
import type { SessionGate } from './gate/session-gate.js';
import type { SessionOpener } from './session-opener.js';
import type { SessionEndReason, TranscribeEvent } from './events.js';
import { judge } from './verdict.js';
import { findStall, wantsProbe } from './watchdog.js';
import { closeRefusal, serviceRefusal } from './failure.js';
import { askedWaitMs } from '../realtime/retry-after.js';
import { LONG_SPEECH_FORCE_MS } from './feeder.js';
import { slowServiceNotice, type ServiceLatency } from './latency.js';

// Late sessions kept open at once for the transcripts they may still send; an older one is ended.
const MAX_OVERTAKEN = 2;

export interface RecoveryDeps {
  policy: PolicyOptions;
  sessions: SessionSet;
  ack: Acknowledger;
  feeder: Feeder;
  rotation: Rotation;
  counters: RunCounters;
  opener: SessionOpener;
  gate: SessionGate;
  latency: ServiceLatency;
  eventLog: EventLog;
  changed: Notifier;
  emit(event: TranscribeEvent): void;
  /** The input has ended and every sample of it was sent. */
  inputSent(): boolean;
}

interface ResumeRequest {
  cause: string;
  culprit: Session | undefined;
  /** How the culprit's end is counted. */
  reason: SessionEndReason;
  minDelayMs: number | undefined;
  /** The culprit is late, not dead: it stays open (overtaken) while its replacement takes over. */
  keepCulprit: boolean;
}

export class Recovery {
  /** Failed attempts since the last progress (the acknowledged offset moving resets it). */
  readonly retry = { attempts: 0 };
  private wanted: ResumeRequest | undefined;
  private fatalError: Error | undefined;

  constructor(private readonly deps: RecoveryDeps) {}

  get fatal(): Error | undefined {
    return this.fatalError;
  }

  get resumeWanted(): boolean {
    return this.wanted !== undefined;
  }

  progressed(): void {
    this.retry.attempts = 0;
  }

  fail(error: Error): void {
    this.fatalError ??= error;
    this.deps.changed.notify();
  }

  requestResume(
    cause: string,
    culprit: Session | undefined,
    reason: SessionEndReason = 'dropped',
    minDelayMs?: number,
    keepCulprit = false,
  ): void {
    this.wanted ??= { cause, culprit, reason, minDelayMs, keepCulprit };
    this.deps.changed.notify();
  }

  /** A transcript came `ms` after its commit: the deadlines follow, and a slow service is named once. */
  latencyObserved(ms: number): void {
    const { latency } = this.deps;
    if (latency.observe(ms)) this.deps.emit({ type: 'warning', message: slowServiceNotice(ms, latency.deadlineMs) });
  }

  /** Every deadline of every session, checked once per turn of the run loop. */
  checkWatchdogs(): void {
    const { sessions, ack, policy } = this.deps;
    const active = sessions.active;
    const watched = sessions
      .all()
      .map((session) => ({ session, active: session === active, health: session.health() }));
    const endUncovered = this.deps.inputSent() && !ack.noSoundPending;
    if (active?.isOpen && wantsProbe(active.health(), policy)) active.probe();
    const stall = findStall(watched, endUncovered, {
      ...policy,
      commitDeadlineMs: this.deps.latency.deadlineMs,
      longSpeechForceMs: LONG_SPEECH_FORCE_MS,
    });
    if (!stall) return;
    const { action } = judge({ kind: 'stall', why: stall.why, late: stall.late });
    const cause = `session ${stall.session.number} stalled: ${stall.why}`;
    if (action === 'replace') return this.requestResume(cause, stall.session, 'stalled', undefined, true);
    if (action !== 'resume') return;
    stall.session.end('stalled', false);
    this.requestResume(cause, stall.session, 'stalled');
  }

  /** A session's socket ended. */
  closed(session: Session, info: CloseInfo): void {
    this.deps.sessions.forget(session); // an overtaken session owed us nothing more
    const reason: SessionEndReason =
      session.endReason ?? (session.expired ? 'expired' : info.cause === 'ping-timeout' ? 'stalled' : 'dropped');
    this.deps.counters.sessionEnded(reason);
    if (reason === 'dropped' || reason === 'stalled') this.deps.gate.report('dropped');
    this.deps.eventLog.record({
      kind: 'close',
      session: session.number,
      code: info.code,
      reason: info.reason,
      cause: info.cause,
      endReason: reason,
    });
    this.deps.emit({
      type: 'session-end',
      session: session.number,
      reason,
      detail: `${info.code}${info.reason ? ' ' + info.reason : ''}`,
    });
    this.deps.rotation.closed(session);
    this.deps.changed.notify();
    if (!this.deps.sessions.isCurrent(session) || session.endReason === 'rotated' || session.endReason === 'finished')
      return;
    const verdict = judge({
      kind: 'close',
      code: info.code,
      reason: info.reason,
      cause: info.cause,
      expired: session.expired,
    });
    if (verdict.action === 'fail') return this.fail(closeRefusal(info.code, info.reason));
    this.requestResume(
      `session ${session.number} ended: ${reason} (${info.code}${info.reason ? ' ' + info.reason : ''})`,
      session,
      reason,
    );
  }

  /** An `error` event from a session the run still uses. */
  errorEvent(session: Session, detail: ErrorDetail): void {
    // A session still being configured is refused through its configuration (the opener says why).
    if (session.state === 'configuring' || !this.deps.sessions.isCurrent(session)) return;
    const verdict = judge({
      kind: 'error',
      detail,
      configuring: false,
      answersUpdate: session.isAnswerToUpdate(detail.event_id),
    });
    const said = `${detail.message} (${detail.code ?? detail.type})`;
    switch (verdict.action) {
      case 'fail':
        return this.fail(serviceRefusal(detail, verdict));
      case 'resume':
        return this.requestResume(
          `session ${session.number}: ${said}`,
          session,
          'dropped',
          askedWaitMs(detail, Date.now()),
        );
      default:
        return;
    }
  }

  /** The first session of the run. */
  async start(): Promise<Session> {
    return this.open('start', undefined, undefined);
  }

  /** Every live session is dropped; a fresh one continues from the acknowledged offset after a backoff. */
  async resume(): Promise<void> {
    const request = this.wanted;
    if (!request) return;
    for (const session of this.deps.sessions.takeAll()) {
      if (request.keepCulprit && session === request.culprit && session.isOpen) {
        session.overtake();
        for (const old of this.deps.sessions.overtake(session, MAX_OVERTAKEN)) old.end('stalled');
        continue;
      }
      // The session that failed says why (an announced expiry first: a send can fail on its way
      // out); the others were fine, only their pipeline was not.
      const culpritReason = session.expired ? 'expired' : request.reason;
      if (session.isOpen) session.end(session === request.culprit ? culpritReason : 'discarded', false);
    }
    this.wanted = undefined;
    this.deps.counters.resumed();
    this.retry.attempts++;
    this.deps.feeder.restartAt(this.deps.ack.offset);
    const next = this.deps.rotation.takePrepared() ?? (await this.open('resume', request.cause, request.minDelayMs));
    this.deps.sessions.activate(next);
    this.deps.emit({
      type: 'session-open',
      session: next.number,
      reason: 'resume',
      fromSec: samplesToSeconds(this.deps.ack.offset),
    });
  }

  private async open(
    purpose: 'start' | 'resume',
    cause: string | undefined,
    minDelayMs: number | undefined,
  ): Promise<Session> {
    const session = await this.deps.opener.open({
      purpose,
      counter: this.retry,
      cause,
      minDelayMs,
      fromSec: samplesToSeconds(this.deps.ack.offset),
      firstOpen: this.deps.counters.sessionCount === 0,
      stopped: () => this.fatalError,
    });
    this.deps.counters.sessionOpened();
    return session;
  }
}
