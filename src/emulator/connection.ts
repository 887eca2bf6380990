// One accepted session, whatever carries it: joins a protocol session to its socket and plays the
// session's faults (drop, stall, session cap, too-fast, deafness). The protocol itself is in session.ts; the
// socket is the real WebSocket (server.ts) or the in-memory one (in-process.ts), behind
// ServerSocket, so both hosts play the same faults the same way.
import { SPEECH_MARKER } from './marker.js';
import { samplesToMs } from '../audio/pcm-format.js';
import { PaceMeter, type SessionFaultPlan } from './faults.js';
import { ProtocolSession, type CloseWhy, type Opening, type OutgoingEvent, type SessionOptions } from './session.js';
import type { StatsRecorder } from './stats.js';
import { Timers, type ServiceTime } from './time.js';
import type { EndReason, SessionRecord } from './types.js';

// The server's end of one connection.
export interface ServerSocket {
  // False once closing or gone: nothing more can be sent.
  readonly isOpen: boolean;
  send(text: string): void;
  // A close frame, after everything already sent.
  close(code: number, reason: string): void;
  // No close frame: the client sees the connection end (1006).
  destroy(): void;
}

export interface ConnectionContext {
  record: SessionRecord;
  opening: Opening;
  plan: SessionFaultPlan;
  sessionOptions: SessionOptions;
  time: ServiceTime;
  stats: StatsRecorder;
  log: (line: string) => void;
  /** The samples of each append, as decoded (the emulator's `record` option). */
  received?: (pcm: Int16Array) => void;
  /** A transcript held sound that is not tonecode (a marker). */
  heardOtherSound: () => void;
  onEnd: () => void;
}

export class Connection {
  private readonly timers: Timers;
  private readonly session: ProtocolSession;
  private readonly pace: PaceMeter | null;
  private readonly openedAt: number;
  private silent = false; // stalled, dropped or closing: no more events go out
  private pingsAnswered = true;
  private stalled = false;
  private deaf = false;
  private endReason: EndReason | undefined;
  private over = false;

  constructor(
    private readonly socket: ServerSocket,
    private readonly ctx: ConnectionContext,
  ) {
    this.timers = new Timers(ctx.time);
    this.openedAt = ctx.time.now();
    this.pace = ctx.plan.tooFast === undefined ? null : new PaceMeter();
    this.session = new ProtocolSession(
      {
        send: (event) => this.send(event),
        after: (ms, fn) => this.timers.after(ms, fn),
        close: (code, reason, why) => this.close(code, reason, why),
        audioAppended: (samples) => this.audioAppended(samples),
      },
      ctx.sessionOptions,
    );
    this.schedule(ctx.plan);
    this.session.start(ctx.opening);
  }

  // A text frame from the client.
  receive(text: string): void {
    // Frames already read when the socket was dropped must not be answered.
    if (this.endReason === undefined) this.session.receive(text);
  }

  // Pings are answered by the host only when this says so, so a stall can silence them too.
  get answersPings(): boolean {
    return this.pingsAnswered && this.socket.isOpen;
  }

  socketError(message: string): void {
    this.endReason ??= 'error';
    this.log(`socket error: ${message}`);
  }

  // Emulator shutdown: every socket goes, without ceremony.
  shutdown(): void {
    this.endReason ??= 'shutdown';
    this.silent = true;
    this.timers.cancelAll();
    this.socket.destroy();
  }

  // The socket has closed, for whatever reason; `code` as the server saw it.
  ended(code: number): void {
    if (this.over) return;
    this.over = true;
    this.timers.cancelAll();
    let reason = this.endReason ?? 'client-close';
    if (reason === 'client-close' && (this.stalled || this.deaf)) reason = this.stalled ? 'stall' : 'deaf';
    this.endReason = reason;
    const record = this.ctx.record;
    record.closedAtMs = this.ctx.time.now();
    record.endReason = reason;
    this.log(
      `closed (${reason}, code ${code}) after ${Math.round(record.closedAtMs - record.openedAtMs)} ms, ${Math.round(record.audioMs)} ms of audio, ${record.items} items`,
    );
    this.ctx.onEnd();
  }

  private schedule(plan: SessionFaultPlan): void {
    if (plan.dropAtMs !== undefined) {
      const at = plan.dropAtMs;
      this.timers.after(at, () => this.drop('drop', `drop fault at ${Math.round(at)} ms`));
    }
    if (plan.stallAtMs !== undefined) {
      const at = plan.stallAtMs;
      this.timers.after(at, () => {
        if (this.endReason !== undefined) return;
        this.silent = true;
        this.stalled = true;
        this.pingsAnswered = !plan.stallPings;
        this.ctx.stats.count('stalls');
        this.log(`stalled at ${Math.round(at)} ms${plan.stallPings ? ' (pings unanswered)' : ''}`);
      });
    }
    if (plan.deaf !== undefined) {
      const { atMs, error } = plan.deaf;
      this.timers.after(atMs, () => {
        if (this.stalled || this.endReason !== undefined) return;
        this.deaf = true;
        this.ctx.stats.count('deafened');
        this.log(`deaf at ${Math.round(atMs)} ms: error ${error.code}, appended audio ignored from now on`);
        this.session.goDeaf(error);
      });
    }
    this.timers.after(plan.expireAtMs, () => {
      // A silent session stays silent: it does not even announce its cap.
      if (this.stalled || this.endReason !== undefined) return;
      this.ctx.stats.count('expires');
      this.log(`session cap reached at ${Math.round(plan.expireAtMs)} ms: session_expired, closing 1001`);
      this.session.expire(plan.expireAtMs);
    });
  }

  private send(event: OutgoingEvent): void {
    if (this.silent || !this.socket.isOpen) return;
    if (event.type === 'input_audio_buffer.committed') {
      this.ctx.record.items++;
      this.ctx.stats.count('itemsCommitted');
    } else if (event.type === 'conversation.item.input_audio_transcription.completed') {
      this.ctx.stats.count('itemsCompleted');
      if (SPEECH_MARKER.test(event.transcript)) this.ctx.heardOtherSound();
    } else if (event.type === 'conversation.item.input_audio_transcription.failed') {
      this.ctx.stats.count('itemsFailed');
    }
    this.socket.send(JSON.stringify(event));
  }

  private audioAppended(samples: Int16Array): void {
    this.ctx.received?.(samples);
    const ms = samplesToMs(samples.length);
    this.ctx.record.audioMs += ms;
    const limit = this.ctx.plan.tooFast;
    if (!this.pace || limit === undefined || this.endReason !== undefined) return;
    const pace = this.pace.add(this.ctx.time.now() - this.openedAt, ms);
    if (pace > limit) {
      this.drop('too-fast', `audio at ${pace.toFixed(1)}× real time (limit ${limit}×)`);
    }
  }

  // No close frame: the client's socket sees the TCP connection end and reports 1006.
  private drop(reason: 'drop' | 'too-fast', why: string): void {
    if (this.endReason !== undefined) return;
    this.endReason = reason;
    this.silent = true;
    this.ctx.stats.count(reason === 'drop' ? 'drops' : 'tooFastDrops');
    this.log(`dropped (${why}): socket destroyed, no close frame`);
    this.timers.cancelAll();
    this.socket.destroy();
  }

  private close(code: number, reason: string, why: CloseWhy): void {
    if (this.endReason !== undefined) return;
    this.endReason = why;
    this.timers.cancelAll();
    // The close frame goes after the events already queued (the error that explains it).
    this.socket.close(code, reason);
    this.silent = true;
  }

  private log(line: string): void {
    this.ctx.log(`session ${this.ctx.record.number}: ${line}`);
  }
}
