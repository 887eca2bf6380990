// Proactive rotation, make before break: when (rotationStep, pure), opening the next session
// ahead of time, and the switch itself: at a boundary (nothing in flight, only silence after the
// acknowledged offset), or, for a monologue past the grace period, a cut at the next quiet chunk
// where the old session finishes its own transcripts while the new one takes the audio.
import { msToSamples, samplesToMs, samplesToSeconds } from '../audio/pcm-format.js';
import type { Clock } from '../util/clock.js';
import type { PolicyOptions } from './options.js';
import type { Session } from './session.js';
import type { SessionSet } from './sessions.js';
import type { Acknowledger } from './acknowledger.js';
import type { Feeder } from './feeder.js';
import type { RunCounters } from './run-counters.js';
import type { TranscribeEvent } from './events.js';
import { quietestCut, rotationStep } from './rotation-policy.js';

export interface RotationDeps {
  policy: PolicyOptions;
  clock: Clock;
  sessions: SessionSet;
  ack: Acknowledger;
  feeder: Feeder;
  counters: RunCounters;
  emit(event: TranscribeEvent): void;
  /** Opens (and configures) the next session. */
  openNext(): Promise<Session>;
  /** An early open failed: fatal errors stop the run, others are only a warning. */
  prepareFailed(error: unknown): void;
  inputDone(): boolean;
  /** Input audio already read from `from` on, up to `samples` (what lies ahead of the cursor). */
  lookahead(from: number, samples: number): Buffer;
}

// How far ahead an overdue cut looks for the quietest point (a file is read 3 s ahead).
const CUT_LOOKAHEAD_MS = 3_000;

export class Rotation {
  private preparing: Promise<Session> | undefined;
  private ready: Session | undefined;
  private cutWanted = false;
  private cutAt: number | undefined; // an overdue cut waits for the quietest point just ahead

  constructor(private readonly deps: RotationDeps) {}

  /** Once per turn of the run loop: prepare, rotate, or arm a cut, as the policy says. */
  check(): void {
    const session = this.deps.sessions.active;
    if (!session) return;
    const step = rotationStep({
      ageMs: sessionAgeMs(session, this.deps.clock),
      policy: this.deps.policy,
      preparing: this.preparing !== undefined,
      preparedReady: this.ready?.isReady === true,
      atBoundary: this.atBoundary(),
      inputDone: this.deps.inputDone(),
    });
    if (step === 'prepare') this.prepare();
    else if (step === 'rotate') this.rotateAtBoundary();
    else if (step === 'handoff') this.cutWanted = true;
  }

  /**
   * Before the chunk at input sample `from` is sent: an armed cut happens at a quiet chunk; when
   * overdue (speech with no quiet chunk at all), at the quietest point of the audio just ahead.
   */
  atChunk(silent: boolean, from: number): void {
    const session = this.deps.sessions.active;
    if (!this.cutWanted || !session) return;
    if (silent) return this.cut();
    const { policy } = this.deps;
    if (sessionAgeMs(session, this.deps.clock) < policy.rotateAfterMs + 2 * policy.rotateGraceMs) return;
    this.cutAt ??= this.quietestAhead(from);
    if (from >= this.cutAt) this.cut();
  }

  private quietestAhead(from: number): number {
    const chunk = msToSamples(this.deps.policy.chunkMs);
    return from + quietestCut(this.deps.lookahead(from, msToSamples(CUT_LOOKAHEAD_MS)), chunk);
  }

  /**
   * The feeder is about to pass over a skipped silence: the best cut there is, since nothing is
   * spoken across it. A rotation that is due happens here without waiting for a boundary.
   */
  atSkip(): void {
    const session = this.deps.sessions.active;
    if (!session || this.ready?.isReady !== true) return;
    if (this.cutWanted || sessionAgeMs(session, this.deps.clock) >= this.deps.policy.rotateAfterMs) this.cut();
  }

  /** The prepared session, if it is ready: a resume takes it instead of opening another. */
  takePrepared(): Session | undefined {
    const session = this.ready;
    this.preparing = undefined;
    this.ready = undefined;
    this.cutWanted = false;
    this.cutAt = undefined;
    return session?.isOpen && session.isReady ? session : undefined;
  }

  /** A session closed: if it was the prepared one, it is no longer there to take. */
  closed(session: Session): void {
    if (session !== this.ready) return;
    this.preparing = undefined;
    this.ready = undefined;
  }

  /** The run ends: the prepared session, open or opening, goes too. */
  endPrepared(reason: 'finished' | 'aborted' | 'failed'): Session | undefined {
    const ready = this.ready;
    this.preparing?.then(
      (session) => session.end(reason),
      () => {},
    );
    this.preparing = undefined;
    this.ready = undefined;
    ready?.end(reason);
    return ready;
  }

  private atBoundary(): boolean {
    const { sessions, ack } = this.deps;
    const ledger = sessions.active?.ledger;
    return (
      sessions.draining.length === 0 &&
      !!ledger &&
      ledger.pendingCount() === 0 &&
      ledger.outstandingCommits() === 0 &&
      ack.noSoundPending
    );
  }

  private prepare(): void {
    const pending = this.deps.openNext();
    this.preparing = pending;
    pending.then(
      (session) => {
        if (this.preparing !== pending) return session.end('aborted');
        this.ready = session;
      },
      (error: unknown) => {
        if (this.preparing === pending) this.preparing = undefined;
        this.deps.prepareFailed(error);
      },
    );
  }

  // Nothing is in flight and the recent audio is silent: move to the new session from the offset.
  private rotateAtBoundary(): void {
    const next = this.takePrepared();
    if (!next) return;
    const old = this.deps.sessions.activate(next);
    old?.clear();
    old?.end('rotated');
    this.deps.feeder.restartAt(this.deps.ack.offset);
    this.deps.counters.rotated();
    this.deps.emit({
      type: 'session-open',
      session: next.number,
      reason: 'rotation',
      fromSec: samplesToSeconds(this.deps.ack.offset),
    });
  }

  // No boundary came (a monologue): cut here. The old session commits what it has and keeps
  // draining its transcripts; the new one takes the audio from this point on.
  private cut(): void {
    if (this.atBoundary()) return this.rotateAtBoundary(); // the quiet point turned out to be a boundary after all
    const next = this.takePrepared();
    if (!next) return;
    const at = this.deps.feeder.sendCursor;
    this.deps.sessions.handOff(next, at);
    this.deps.counters.rotated();
    this.deps.emit({ type: 'session-open', session: next.number, reason: 'rotation', fromSec: samplesToSeconds(at) });
  }
}

// Session age on the service's clock: wall time, or audio time when audio goes faster than real
// time (tests, emulators with a time scale), whichever is more.
function sessionAgeMs(session: Session, clock: Clock): number {
  return Math.max(clock.now() - session.openedAtMs, samplesToMs(session.audio.sentSamples));
}
