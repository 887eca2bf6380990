// Feeding audio at pace: which chunk goes next, at what rate (real time, or the bounded catch-up
// rate for re-sent audio and a live backlog), only when the socket has room, and the commits the
// client makes itself (long speech with no VAD boundary, turn detection off, the end of input).
// This is where the pace is chosen.
import { BYTES_PER_SAMPLE, msToSamples, samplesToMs, samplesToSeconds } from '../audio/pcm-format.js';
import { Pacer } from '../audio/pacer.js';
import { appendEvent } from '../realtime/index.js';
import type { Clock } from '../util/clock.js';
import type { Notifier } from '../util/notifier.js';
import type { PolicyOptions } from './options.js';
import type { ReplayBuffer } from './replay-buffer.js';
import type { Session } from './session.js';
import type { SessionSet } from './sessions.js';
import type { Acknowledger } from './acknowledger.js';
import type { RunCounters } from './run-counters.js';
import type { SourcePace } from './source-pace.js';
import type { TranscribeEvent } from './events.js';
import type { SkipPlan } from '../speech/skip-plan.js';
import type { SpeechTimeline } from '../speech/timeline.js';

// A live stream this far behind its newest audio is sent at the catch-up pace until it is not.
const LIVE_SLACK_MS = 500;
// Speech with no quiet chunk this long past maxUtteranceMs is cut where it is.
export const LONG_SPEECH_FORCE_MS = 15_000;

export interface FeederDeps {
  policy: PolicyOptions;
  clock: Clock;
  replay: ReplayBuffer;
  sessions: SessionSet;
  ack: Acknowledger;
  counters: RunCounters;
  changed: Notifier;
  sourcePace: SourcePace;
  live: boolean;
  /** Where the input holds speech (the one detector's answers). */
  speech: SpeechTimeline;
  /** Silence skipping, when on. */
  skips: SkipPlan | undefined;
  totalSec: number | undefined;
  emit(event: TranscribeEvent): void;
  /** Each chunk's verdict (no speech heard in it), before it is sent: a rotation may cut here. */
  atChunk(silent: boolean, from: number): void;
  /** A skipped silence is next: the best place for a rotation to cut. */
  atSkip(): void;
  /** The socket closed between our check and the send; its close event drives the recovery. */
  sendFailed(cause: string, session: Session): void;
}

export class Feeder {
  private cursor: number;
  private highWater: number; // furthest input sample ever sent
  private readonly pacer: Pacer;
  private readonly chunkSamples: number;
  private chunksSinceProgress = 0;

  constructor(
    private readonly deps: FeederDeps,
    start: number,
  ) {
    this.cursor = this.highWater = start;
    this.pacer = new Pacer({ clock: deps.clock });
    this.chunkSamples = msToSamples(deps.policy.chunkMs);
  }

  /** The next input sample to send. */
  get sendCursor(): number {
    return this.cursor;
  }

  /** The furthest input sample sent (or passed over as skipped). */
  get sentTo(): number {
    return this.highWater;
  }

  /** Everything read so far was sent. */
  get caughtUp(): boolean {
    return this.cursor >= this.deps.replay.end;
  }

  /** A new session continues from `sample` (the acknowledged offset): re-send from there. */
  restartAt(sample: number): void {
    this.cursor = Math.max(sample, this.deps.replay.start);
    this.pacer.reanchor();
  }

  /** Whether the next chunk can go now (else wait for the input): a whole chunk, or what is left of the input. */
  readyToSend(inputEnded: boolean): boolean {
    const skips = this.deps.skips;
    if (skips?.skipEnd(this.cursor) !== undefined) return true;
    const available = this.sendableTo() - this.cursor;
    if (available <= 0) return false;
    // A live source delivers in its own sizes; a skip ahead ends the piece before it anyway.
    const bounded = skips !== undefined && skips.nextSkipFrom(this.cursor) !== undefined;
    return available >= this.chunkSamples || inputEnded || bounded;
  }

  /** Sends the next chunk to the active session, at pace (or passes over skipped silence). */
  async sendNext(stillValid: () => boolean): Promise<void> {
    const { policy, sessions } = this.deps;
    const skips = this.deps.skips;
    const skipTo = skips?.skipEnd(this.cursor);
    if (skipTo !== undefined) return this.skip(skipTo);
    const available = this.sendableTo() - this.cursor;
    if (available <= 0) return;
    const samples = Math.min(this.chunkSamples, available);
    const replay = this.deps.replay;
    const from = this.cursor;
    const pcm = replay.read(from, samples);
    const replaying = from < this.highWater;
    // A live stream that fell behind (start-up, a reconnect) catches up at the bounded pace too.
    const liveBacklog = this.deps.live && !this.deps.sourcePace.isFast && available > msToSamples(LIVE_SLACK_MS);
    const rate = policy.speed * (replaying || liveBacklog ? policy.catchUpFactor : 1);
    await this.pacer.wait(samplesToMs(samples), rate);
    await this.waitForSocketRoom(stillValid);
    if (!stillValid() || this.cursor !== from) return;
    // Heard, not padded: what the service's own VAD reacts to, known as soon as the audio is read.
    const silent = !this.deps.speech.heardIn(from, from + samples);
    this.deps.atChunk(silent, from);
    const session = sessions.active;
    if (!session?.isOpen || !stillValid()) return;
    this.commitLongSpeech(session, silent);
    if (!this.send(session, pcm, from, samples, silent)) return;
    this.pacer.markSent(this.deps.clock.now());
    this.deps.counters.sent(samples);
    if (session.manual?.observe(samplesToMs(samples), silent)) session.commit();
    if (replaying) this.deps.counters.resent(Math.min(samples, this.highWater - from));
    this.cursor = from + samples;
    this.highWater = Math.max(this.highWater, this.cursor);
    this.deps.changed.notify(); // the reader may be waiting for room ahead of the send cursor
    this.reportProgress();
  }

  // A skipped pause is not sent and costs no time: the send cursor passes over it.
  private skip(to: number): void {
    this.deps.atSkip();
    const from = this.cursor;
    if (to > this.highWater) this.deps.counters.skipped(to - Math.max(from, this.highWater));
    this.cursor = to;
    this.highWater = Math.max(this.highWater, to);
    this.deps.skips?.release(this.deps.ack.offset);
    this.deps.changed.notify();
  }

  // How far the audio at the cursor may be sent: what was read, what is decided, up to the next skip.
  private sendableTo(): number {
    const { replay, skips } = this.deps;
    if (!skips) return replay.end;
    return Math.min(replay.end, skips.decidedTo, skips.nextSkipFrom(this.cursor) ?? Infinity);
  }

  /**
   * Trailing silence, so the server VAD can close speech that ran to the very end of the input:
   * its silence window and a margin, less what the session has heard since its last sound (a
   * span, or a file, that ends in a pause needs little or none).
   */
  async sendPadding(session: Session, stillValid: () => boolean): Promise<void> {
    const { policy } = this.deps;
    const td = policy.turnDetection;
    const silenceMs = td && td.type === 'server_vad' ? (td.silence_duration_ms ?? 500) : 500;
    const total = msToSamples(silenceMs + 300) - session.trailingSilenceSamples;
    const end = this.deps.replay.end;
    for (let sent = 0; sent < total && session.isOpen;) {
      const samples = Math.min(this.chunkSamples, total - sent);
      await this.pacer.wait(samplesToMs(samples), policy.speed);
      if (!session.isOpen || !stillValid()) return;
      if (!this.send(session, Buffer.alloc(samples * BYTES_PER_SAMPLE), end + sent, samples, true)) return;
      sent += samples;
    }
  }

  // A monologue gives the VAD no boundary: commit it at a chunk with no speech heard, so items
  // (and the replay after a drop) stay short. Without any such chunk, cut anyway a little later.
  private commitLongSpeech(session: Session, silent: boolean): void {
    const openAt = session.speechOpenAtSample;
    if (openAt === undefined || session.ledger.outstandingCommits() > 0) return;
    const openMs = samplesToMs(session.audio.sentSamples - openAt);
    const { maxUtteranceMs } = this.deps.policy;
    if (openMs < maxUtteranceMs) return;
    if (!silent && openMs < maxUtteranceMs + LONG_SPEECH_FORCE_MS) return;
    session.commit();
    session.restartOpenSpeech();
  }

  private send(session: Session, pcm: Buffer, inputStart: number, samples: number, silent: boolean): boolean {
    try {
      session.sendAudio(appendEvent(pcm), inputStart, samples, silent);
      return true;
    } catch (error) {
      this.deps.sendFailed(`send failed: ${(error as Error).message}`, session);
      return false;
    }
  }

  private async waitForSocketRoom(stillValid: () => boolean): Promise<void> {
    for (;;) {
      const session = this.deps.sessions.active;
      if (!session?.isOpen || !stillValid() || session.bufferedAmount() <= this.deps.policy.maxBufferedBytes) return;
      await this.deps.clock.sleep(10);
    }
  }

  private reportProgress(): void {
    if (++this.chunksSinceProgress * this.deps.policy.chunkMs < 1000) return;
    this.chunksSinceProgress = 0;
    const { counters } = this.deps;
    this.deps.emit({
      type: 'progress',
      sentSec: samplesToSeconds(this.highWater),
      totalSec: this.deps.totalSec,
      session: this.deps.sessions.active?.number ?? 0,
      resumes: counters.resumeCount,
      utterances: counters.utteranceCount,
    });
  }
}
