// One run's speech, on the input's clock, as the questions the run asks of it: is there speech in
// this chunk (final, or heard), where does the next speech start, how much has been detected. Fed
// once, by the input reader, as the input is read (ahead of sending); runs behind the acknowledged
// offset are released, so memory is bounded by what is in flight.
import type { DetectorModel } from './detector.js';
import { SpeechTracker, type FinalFrame, type HeardFrame, type TrackerOptions } from './tracker.js';

interface Run {
  from: number;
  to: number;
}

// Runs of frames with a property, in order; the last one may still grow.
class Runs {
  private runs: Run[] = [];
  private head = 0;

  add(from: number, to: number): void {
    const last = this.runs[this.runs.length - 1];
    if (last && this.runs.length > this.head && last.to === from) last.to = to;
    else this.runs.push({ from, to });
  }

  /** The last run ends at `to` at the latest (a hangover handed back). */
  cutLast(to: number): void {
    const last = this.runs[this.runs.length - 1];
    if (!last || this.runs.length <= this.head || last.to <= to) return;
    if (to <= last.from) this.runs.pop();
    else last.to = to;
  }

  /** The first run sample at or after `sample`, if any. */
  firstFrom(sample: number): number | undefined {
    for (let i = this.head; i < this.runs.length; i++) {
      const run = this.runs[i];
      if (run !== undefined && run.to > sample) return Math.max(run.from, sample);
    }
    return undefined;
  }

  /** Where the last run that reaches into [from, to) ends, at `to` at the latest. */
  lastEndIn(from: number, to: number): number | undefined {
    let end: number | undefined;
    for (let i = this.head; i < this.runs.length; i++) {
      const run = this.runs[i];
      if (run === undefined || run.from >= to) break;
      if (run.to > from) end = Math.min(run.to, to);
    }
    return end;
  }

  overlaps(from: number, to: number): boolean {
    const first = this.firstFrom(from);
    return first !== undefined && first < to;
  }

  release(sample: number): void {
    for (let run = this.runs[this.head]; run !== undefined && run.to <= sample; run = this.runs[this.head]) this.head++;
    if (this.head > 64 && this.head * 2 > this.runs.length) {
      this.runs = this.runs.slice(this.head);
      this.head = 0;
    }
  }
}

export class SpeechTimeline {
  readonly #tracker: SpeechTracker;
  readonly #speech = new Runs();
  readonly #heard = new Runs();
  readonly #detected = new Runs();

  constructor(model: DetectorModel, options: TrackerOptions, origin = 0) {
    this.#tracker = new SpeechTracker(model, options, origin);
    this.#tracker.onFinal((frame) => {
      if (frame.speech) this.#speech.add(frame.start, frame.end);
      if (frame.detected) this.#detected.add(frame.start, frame.end);
    });
    this.#tracker.onHeard((frame) => {
      if (frame.heard) this.#heard.add(frame.start, frame.end);
      // The detector's hangover at the room's level was not the voice: the service hears a pause there.
      else if (frame.speechEnd !== undefined) this.#heard.cutLast(frame.speechEnd);
    });
  }

  /** Decided frames, in order (the skip plan listens). */
  onFinal(listener: (frame: FinalFrame) => void): void {
    this.#tracker.onFinal(listener);
  }

  onHeard(listener: (frame: HeardFrame) => void): void {
    this.#tracker.onHeard(listener);
  }

  push(pcm: Buffer): void {
    this.#tracker.push(pcm);
  }

  end(): void {
    this.#tracker.end();
  }

  get pushedTo(): number {
    return this.#tracker.pushedTo;
  }

  get decidedTo(): number {
    return this.#tracker.decidedTo;
  }

  /**
   * The first sample at or after `sample` that holds speech: padded speech where it is decided,
   * and where it is not yet (the newest audio of a live stream), speech as the detector heard it.
   * Undefined when none was pushed.
   */
  speechFrom(sample: number): number | undefined {
    const decidedTo = this.#tracker.decidedTo;
    const speech = this.#speech.firstFrom(sample);
    if (speech !== undefined && speech < decidedTo) return speech;
    return this.#heard.firstFrom(Math.max(sample, decidedTo));
  }

  /** Where the words start: the first detected (unpadded) speech at or after `sample`, if decided. */
  detectedFrom(sample: number): number | undefined {
    return this.#detected.firstFrom(sample);
  }

  /** Where the words end: the end of the last detected (unpadded) speech reaching into [from, to). */
  detectedEndIn(from: number, to: number): number | undefined {
    return this.#detected.lastEndIn(from, to);
  }

  /**
   * Whether the detector heard speech in [from, to) (no padding, no delay; its hangover handed back
   * once the speech has ended, which a live stream's newest chunk may not know yet).
   */
  heardIn(from: number, to: number): boolean {
    return this.#heard.overlaps(from, to);
  }

  /** Forgets what lies before `sample` (the acknowledged offset). */
  release(sample: number): void {
    this.#speech.release(sample);
    this.#heard.release(sample);
    this.#detected.release(sample);
  }

  get detectedSamples(): number {
    return this.#tracker.detectedSamples;
  }

  get speechPeakDbfs(): number | undefined {
    return this.#tracker.speechPeakDbfs;
  }
}
