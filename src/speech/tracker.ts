// From a detector's frame scores to speech on the input's clock. Pure and streaming: audio in, two
// views of each 10 ms frame out, in order.
// - Heard (at once, as each frame is pushed): the detector's verdict with hysteresis. What the
//   service should be answering (the watchdog), and where a pause is for cuts and manual commits.
// - Final (once enough later audio is seen): speech with padding before and after, the detector's
//   own hangover trimmed back where it is no louder than the room. What is sent (the rest of a
//   long pause is skipped), and what the acknowledged offset may cross only under a transcript.
// Frames are counted from `origin`, so the same audio gives the same frames however it is chunked.
import { defined } from '../util/must.js';
import type { DetectorModel, FrameDetector } from './detector.js';
import { frameLevels, toSamples } from './level.js';
import { NoiseFloor } from './noise-floor.js';
import { SpeechLevelMeter } from './level-meter.js';

/** 10 ms at 24 kHz: the one framing of every speech decision. */
export const FRAME_SAMPLES = 240;
// Speech goes on while the score stays this close under the threshold (a release threshold).
const RELEASE_BELOW = 0.15;
// A hangover frame this close to the room's level is the detector's, not the voice's.
const ROOM_MARGIN_DB = 3;
// A frame next to detected speech and this far above the room is the voice's soft onset or ending
// (where a detector is least sure): speech too, up to the frames below on each side.
const EDGE_DB = 6;
const ONSET_EDGE_FRAMES = 30;
// A short run of "speech" whose loudest frame stays this close to the room is the room's texture
// (pink noise, hiss) that moved the detector, not a voice: at this level nothing could be heard.
const TEXTURE_DB = 6;
const ENDING_EDGE_FRAMES = 50;

export interface TrackerOptions {
  /** The score at which speech starts, 0 to 1. */
  threshold: number;
  /** Kept before speech starts: soft onsets the detector hears late. */
  padBeforeSamples: number;
  /** Kept after speech ends: soft endings, and the silence a service's VAD needs to close the turn. */
  padAfterSamples: number;
}

/** One frame, decided. `start`/`end` are input sample offsets, `end` exclusive. */
export interface FinalFrame {
  start: number;
  end: number;
  /** Speech or its padding. */
  speech: boolean;
  /** Speech itself, as the detector heard it (no padding). */
  detected: boolean;
}

export interface HeardFrame {
  start: number;
  end: number;
  heard: boolean;
  /** On the first frame after speech: where that speech ended, its detector's hangover trimmed. */
  speechEnd?: number;
}

interface Pending {
  start: number;
  end: number;
  detected: boolean;
  level: number;
  peak: number;
}

export class SpeechTracker {
  readonly #detector: FrameDetector;
  readonly #hangoverFrames: number;
  readonly #options: TrackerOptions;
  readonly #lookahead: number;
  readonly #floor = new NoiseFloor();
  readonly #meter = new SpeechLevelMeter();
  readonly #frame = new Int16Array(FRAME_SAMPLES);
  #partial = 0; // samples of #frame filled
  #next: number; // input offset of the next frame
  #on = false;
  #ending = -1; // frames of soft ending taken so far after speech, or -1 when none is going on
  #runStart = 0; // where the speech in progress started
  #runLoudest = -Infinity; // its loudest frame
  #pending: Pending[] = [];
  #lastDetectedEnd = -Infinity;
  #decidedTo: number;
  #detectedSamples = 0;
  #speechSamples = 0;
  #regions = 0;
  #lastFinalSpeech = false;
  #ended = false;
  readonly #finalListeners: ((frame: FinalFrame) => void)[] = [];
  readonly #heardListeners: ((frame: HeardFrame) => void)[] = [];

  constructor(model: DetectorModel, options: TrackerOptions, origin = 0) {
    if (!Number.isInteger(origin) || origin < 0)
      throw new RangeError(`origin must be a sample offset, 0 or more, got ${origin}`);
    this.#detector = model.create();
    this.#hangoverFrames = model.hangoverFrames;
    this.#options = options;
    this.#lookahead = Math.max(
      options.padBeforeSamples,
      model.hangoverFrames * FRAME_SAMPLES,
      ONSET_EDGE_FRAMES * FRAME_SAMPLES,
    );
    this.#next = this.#decidedTo = origin;
  }

  onFinal(listener: (frame: FinalFrame) => void): void {
    this.#finalListeners.push(listener);
  }

  onHeard(listener: (frame: HeardFrame) => void): void {
    this.#heardListeners.push(listener);
  }

  /** One past the last sample pushed. */
  get pushedTo(): number {
    return this.#next + this.#partial;
  }

  /** Every frame before this is final. */
  get decidedTo(): number {
    return this.#decidedTo;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Samples of detected speech, padding not counted. */
  get detectedSamples(): number {
    return this.#detectedSamples;
  }

  /** Samples of speech with its padding. */
  get speechSamples(): number {
    return this.#speechSamples;
  }

  /** Stretches of padded speech (pauses shorter than the padding joined). */
  get utterances(): number {
    return this.#regions;
  }

  /** The level 99% of speech frames peak under, in dBFS; undefined before any speech. */
  get speechPeakDbfs(): number | undefined {
    return this.#meter.peakDbfs;
  }

  /** The next audio, PCM16 mono 24 kHz, continuing where the last push ended. */
  push(pcm: Buffer | Int16Array): void {
    if (this.#ended) throw new Error('internal: speech pushed after the input ended');
    if (pcm instanceof Buffer && pcm.length % 2 !== 0)
      throw new RangeError(`PCM16 chunks hold whole samples, got ${pcm.length} bytes`);
    const samples = toSamples(pcm);
    let offset = 0;
    if (this.#partial > 0) {
      const take = Math.min(FRAME_SAMPLES - this.#partial, samples.length);
      this.#frame.set(samples.subarray(0, take), this.#partial);
      this.#partial += take;
      offset = take;
      if (this.#partial < FRAME_SAMPLES) return;
      this.#partial = 0;
      this.#judge(this.#frame, FRAME_SAMPLES);
    }
    while (samples.length - offset >= FRAME_SAMPLES) {
      this.#judge(samples.subarray(offset, offset + FRAME_SAMPLES), FRAME_SAMPLES);
      offset += FRAME_SAMPLES;
    }
    if (offset < samples.length) {
      this.#frame.set(samples.subarray(offset), 0);
      this.#partial = samples.length - offset;
    }
  }

  /** The input ended: the last, shorter frame is judged and every frame is final. */
  end(): void {
    if (this.#ended) return;
    if (this.#partial > 0) {
      const length = this.#partial;
      this.#frame.fill(0, length);
      this.#partial = 0;
      this.#judge(this.#frame, length);
    }
    if (this.#on) this.#trimHangover(this.#next);
    this.#ended = true;
    this.#finalize(Infinity);
  }

  // `length`: the frame's real samples (the last frame of an input is shorter; it is scored padded).
  #judge(frame: Int16Array, length: number): void {
    const start = this.#next;
    const end = start + length;
    this.#next = end;
    const score = this.#detector.score(frame);
    const real = length === frame.length ? frame : frame.subarray(0, length);
    const { rmsDbfs: level, peakDbfs: peak } = frameLevels(real);
    const wasOn = this.#on;
    this.#on = wasOn ? score >= this.#options.threshold - RELEASE_BELOW : score >= this.#options.threshold;
    this.#floor.observe(level, !this.#on);
    const heard: HeardFrame = { start, end, heard: this.#on };
    if (!wasOn && this.#on) {
      this.#runStart = start;
      this.#runLoudest = -Infinity;
    }
    if (this.#on) this.#runLoudest = Math.max(this.#runLoudest, level);
    if (wasOn && !this.#on) {
      heard.speechEnd = this.#trimHangover(start);
      this.#ending = 0;
      if (this.#isTexture()) {
        this.#dropRun();
        heard.speechEnd = this.#runStart;
        this.#ending = -1;
      }
    }
    if (!wasOn && this.#on) this.#takeOnset();
    for (const listener of this.#heardListeners) listener(heard);
    const edge = !this.#on && this.#takeEnding(level);
    const detected = this.#on || edge;
    this.#pending.push({ start, end, detected, level, peak });
    this.#finalize(end - this.#lookahead);
  }

  // Whether the run that just ended was short enough to still be undecided and never rose above the room's texture.
  #isTexture(): boolean {
    const first = this.#pending[0];
    return first !== undefined && first.start <= this.#runStart && this.#runLoudest < this.#floor.level + TEXTURE_DB;
  }

  #dropRun(): void {
    for (const frame of this.#pending) if (frame.start >= this.#runStart) frame.detected = false;
  }

  // Speech started: the frames just before it that stand above the room are its soft onset.
  #takeOnset(): void {
    const edge = this.#floor.level + EDGE_DB;
    for (let i = this.#pending.length - 1, n = 0; i >= 0 && n < ONSET_EDGE_FRAMES; i--, n++) {
      const frame = defined(this.#pending[i], 'a pending frame');
      if (frame.detected || frame.level < edge) return;
      frame.detected = true;
    }
  }

  // After speech, a frame that still stands above the room is its soft ending, while they go on.
  #takeEnding(level: number): boolean {
    if (this.#ending < 0) return false;
    if (this.#ending >= ENDING_EDGE_FRAMES || level < this.#floor.level + EDGE_DB) {
      this.#ending = -1;
      return false;
    }
    this.#ending++;
    return true;
  }

  // A run of speech ended at `end`: its last frames, within the detector's hangover, that are no
  // louder than the room were the detector's hangover, not the voice. Returns where it ends now.
  #trimHangover(end: number): number {
    const room = this.#floor.level + ROOM_MARGIN_DB;
    for (let i = this.#pending.length - 1, n = 0; i >= 0 && n < this.#hangoverFrames; i--, n++) {
      const frame = defined(this.#pending[i], 'a pending frame');
      if (!frame.detected || frame.level > room) return end;
      frame.detected = false;
      end = frame.start;
    }
    return end;
  }

  #finalize(upTo: number): void {
    const { padBeforeSamples, padAfterSamples } = this.#options;
    while (this.#pending.length > 0 && defined(this.#pending[0], 'a pending frame').end <= upTo) {
      const frame = defined(this.#pending.shift(), 'a pending frame');
      let speech = frame.detected || frame.start < this.#lastDetectedEnd + padAfterSamples;
      if (!speech) {
        for (const later of this.#pending) {
          if (later.start >= frame.end + padBeforeSamples) break;
          if (later.detected) {
            speech = true;
            break;
          }
        }
      }
      const samples = frame.end - frame.start;
      if (frame.detected) {
        this.#lastDetectedEnd = frame.end;
        this.#detectedSamples += samples;
        this.#meter.add(frame.peak);
      }
      if (speech) {
        this.#speechSamples += samples;
        if (!this.#lastFinalSpeech) this.#regions++;
      }
      this.#lastFinalSpeech = speech;
      this.#decidedTo = frame.end;
      const final: FinalFrame = { start: frame.start, end: frame.end, speech, detected: frame.detected };
      for (const listener of this.#finalListeners) listener(final);
    }
  }
}
