// The run's live sessions: the active one (sent audio), the rotated-out ones still finishing
// their transcripts, oldest first, and the overtaken ones: judged late and replaced, but left open
// because a slow service may still answer. Only this class moves a session between those roles.
import type { Session } from './session.js';

export class SessionSet {
  private activeSession: Session | undefined;
  private readonly drainingSessions: Session[] = [];
  private readonly overtakenSessions: Session[] = [];

  get active(): Session | undefined {
    return this.activeSession;
  }

  /** Rotated-out sessions, oldest first: their items come before the active session's. */
  get draining(): readonly Session[] {
    return this.drainingSessions;
  }

  /**
   * Replaced while late, oldest first: their audio is sent again to the active session, and what
   * they still transcribe is used only where nothing covers it yet.
   */
  get overtaken(): readonly Session[] {
    return this.overtakenSessions;
  }

  /** The active session and every draining one (not the overtaken: nothing waits on them). */
  all(): Session[] {
    return this.activeSession ? [...this.drainingSessions, this.activeSession] : [...this.drainingSessions];
  }

  /** A session whose events the run still acts on. */
  isCurrent(session: Session): boolean {
    return session === this.activeSession || this.drainingSessions.includes(session);
  }

  isOvertaken(session: Session): boolean {
    return this.overtakenSessions.includes(session);
  }

  /** A late session leaves the roles that wait on it but stays open; the oldest beyond `keep` is returned (to be ended). */
  overtake(session: Session, keep: number): Session[] {
    this.overtakenSessions.push(session);
    return this.overtakenSessions.splice(0, Math.max(0, this.overtakenSessions.length - keep));
  }

  /** An overtaken session is done with (it delivered, closed, or waited too long). */
  forget(session: Session): void {
    const at = this.overtakenSessions.indexOf(session);
    if (at >= 0) this.overtakenSessions.splice(at, 1);
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

  /** Every overtaken session leaves the set (the end of the run). */
  takeOvertaken(): Session[] {
    return this.overtakenSessions.splice(0);
  }

  /** Every session but the overtaken leaves the set (a resume, the end of the run). */
  takeAll(): Session[] {
    const all = this.all();
    this.drainingSessions.length = 0;
    this.activeSession = undefined;
    return all;
  }
}
