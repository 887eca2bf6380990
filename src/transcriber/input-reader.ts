// Reading the input into the replay buffer. A file is read just ahead of the send cursor, so
// memory does not grow with its length; a live stream is read as it arrives, even while
// reconnecting, or it would overrun its producer. Stopping never waits on a read that may never
// end (a microphone's stdin stays open after Ctrl-C).
import { BYTES_PER_SAMPLE, msToSamples } from '../audio/pcm-format.js';
import type { Clock } from '../util/clock.js';
import type { Notifier } from '../util/notifier.js';
import type { ReplayBuffer } from './replay-buffer.js';
import type { SourcePace } from './source-pace.js';
import type { SkipPlan } from '../speech/skip-plan.js';
import type { SpeechTimeline } from '../speech/timeline.js';

// A few seconds of audio read ahead of the send cursor for files: enough to never starve the
// pacer, small enough that memory does not grow with the input.
const READ_AHEAD_MS = 3_000;

export interface InputReaderDeps {
  replay: ReplayBuffer;
  clock: Clock;
  changed: Notifier;
  sourcePace: SourcePace;
  live: boolean;
  /** Every chunk read goes through the speech detector, once, as it is read. */
  speech: SpeechTimeline;
  /** Silence skipping, when on (it listens to the detector's decisions). */
  skips: SkipPlan | undefined;
  /** Where sending has got to (a file is read only this far ahead). */
  sendCursor(): number;
  fail(error: Error): void;
}

export class InputReader {
  private done = false;
  private stopping = false;
  // Wakes the one wait in progress. A fresh waiter per wait: racing every read against one
  // long-lived promise would leave a reaction on it per read, each holding its chunk.
  private wake: (() => void) | undefined;

  constructor(private readonly deps: InputReaderDeps) {}

  /** A live stream (read as it arrives) rather than a file. */
  get live(): boolean {
    return this.deps.live;
  }

  /** No more input will come (it ended, failed, or reading was stopped). */
  get ended(): boolean {
    return this.done;
  }

  /** Stops reading: a read in progress is abandoned, not awaited. */
  stop(): void {
    this.stopping = true;
    this.wake?.();
    this.deps.changed.notify();
  }

  // `promise`, or undefined as soon as reading is stopped.
  private untilStopped<T>(promise: Promise<T>): Promise<T | undefined> {
    if (this.stopping) return Promise.resolve(undefined);
    return new Promise<T | undefined>((resolve, reject) => {
      this.wake = () => resolve(undefined);
      promise.then(
        (value) => {
          this.wake = undefined;
          resolve(value);
        },
        (error: unknown) => {
          this.wake = undefined;
          reject(error);
        },
      );
    });
  }

  // The input ended (or reading stopped): every frame read is decided now.
  private endSpeech(): void {
    this.deps.speech.end();
    this.deps.skips?.end(this.deps.speech.pushedTo);
  }

  async run(pcm: AsyncIterable<Buffer>): Promise<void> {
    const { replay, changed, sourcePace, live } = this.deps;
    const iterator = pcm[Symbol.asyncIterator]();
    const aheadSamples = msToSamples(READ_AHEAD_MS);
    let pending = false;
    try {
      while (!this.stopping) {
        if (!live || sourcePace.isFast) {
          while (!this.stopping && replay.end - this.deps.sendCursor() > aheadSamples)
            await this.untilStopped(changed.next());
          if (this.stopping) break;
        }
        pending = true;
        const next = await this.untilStopped(iterator.next());
        if (next === undefined || this.stopping) break;
        pending = false;
        if (next.done) {
          this.endSpeech();
          break;
        }
        sourcePace.observe(this.deps.clock.now(), next.value.length / BYTES_PER_SAMPLE);
        const start = replay.end;
        replay.append(next.value);
        if (start !== this.deps.speech.pushedTo) throw new Error('internal: the speech detector missed audio');
        this.deps.speech.push(next.value);
        changed.notify();
      }
    } catch (error) {
      this.deps.fail(error as Error);
    } finally {
      this.endSpeech(); // what was read is all there will be (a second call changes nothing)
      this.done = true;
      changed.notify();
      if (this.stopping) {
        // A pending read would make return() wait behind it: let the source's own stop end it.
        const closing = iterator.return?.();
        if (!pending) await closing;
        else closing?.catch(() => {});
      }
    }
  }
}
