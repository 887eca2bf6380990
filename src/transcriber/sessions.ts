// The run's live sessions: the active one (sent audio) and the rotated-out ones still finishing
// their transcripts, oldest first. Only this class moves a session between those roles.
import type { Session } from './session.js';

export class SessionSet {
  private activeSession: Session | undefined;
  private readonly drainingSessions: Session[] = [];

  get active(): Session | undefined {
    return this.activeSession;
  }

  /** Rotated-out sessions, oldest first: their items come before the active session's. */
  get draining(): readonly Session[] {
    return this.drainingSessions;
  }

  /** The active session and every draining one. */
  all(): Session[] {
    return this.activeSession ? [...this.drainingSessions, this.activeSession] : [...this.drainingSessions];
  }

  /** A session whose events the run still acts on. */
  isCurrent(session: Session): boolean {
    return session === this.activeSession || this.drainingSessions.includes(session);
  }

  /** `next` takes the audio from here on; the session it replaces is returned (to be ended). */
  activate(next: Session): Session | undefined {
    const old = this.activeSession;
    this.activeSession = next;
    return old;
  }

  /** A cut with no boundary: the active session finishes what it has, `next` takes the rest. */
  handOff(next: Session, atSample: number): void {
    const old = this.activeSession;
    if (old) {
      old.drain(atSample);
      this.drainingSessions.push(old);
    }
    this.activeSession = next;
  }

  /** The oldest draining session has delivered everything: it leaves the set. */
  finishOldestDraining(): Session | undefined {
    return this.drainingSessions.shift();
  }

  /** Every session leaves the set (a resume, the end of the run). */
  takeAll(): Session[] {
    const all = this.all();
    this.drainingSessions.length = 0;
    this.activeSession = undefined;
    return all;
  }
}
