// A whole input's speech in one streaming pass, before anything is sent: what --dry-run reports
// and what the span planner cuts at. The same detector, tracker and skip plan as a run, so the
// plan is the run's own. Only the pauses are kept (memory grows with their number, not with the
// audio's length).
import type { TurnDetection } from '../realtime/events.js';
import { msToSamples } from '../audio/pcm-format.js';
import type { DetectorModel } from './detector.js';
import { SkipPlan, type Range } from './skip-plan.js';
import { MIN_SKIP_MS, trackerOptions } from './speech-options.js';
import { SpeechTracker } from './tracker.js';

export interface SpeechMap {
  totalSamples: number;
  /** Speech the detector heard, padding not counted. */
  detectedSamples: number;
  /** Stretches of padded speech. */
  utterances: number;
  /** The pauses a run skips (all but their padding), in order: where spans may be cut. */
  silences: Range[];
  /** What a run that skips pauses sends. */
  sentSamples: number;
  /** The level 99% of speech frames peak under, in dBFS; undefined when there is no speech. */
  speechPeakDbfs: number | undefined;
}

export class SpeechMapper {
  readonly #tracker: SpeechTracker;
  readonly #plan: SkipPlan;

  constructor(model: DetectorModel, turnDetection: TurnDetection | undefined) {
    this.#tracker = new SpeechTracker(model, trackerOptions(turnDetection));
    this.#plan = new SkipPlan(msToSamples(MIN_SKIP_MS), 0);
    this.#tracker.onFinal((frame) => this.#plan.frame(frame));
  }

  push(pcm: Buffer): void {
    this.#tracker.push(pcm);
  }

  end(): SpeechMap {
    this.#tracker.end();
    const totalSamples = this.#tracker.pushedTo;
    this.#plan.end(totalSamples);
    const silences = this.#plan.skipped.map((range) => ({ from: range.from, to: range.to }));
    const skipped = silences.reduce((sum, range) => sum + range.to - range.from, 0);
    return {
      totalSamples,
      detectedSamples: this.#tracker.detectedSamples,
      utterances: this.#tracker.utterances,
      silences,
      sentSamples: totalSamples - skipped,
      speechPeakDbfs: this.#tracker.speechPeakDbfs,
    };
  }
}

/** Maps a whole stream (e.g. decodeToPcm's `pcm`). */
export async function mapSpeech(
  pcm: AsyncIterable<Buffer>,
  model: DetectorModel,
  turnDetection: TurnDetection | undefined,
): Promise<SpeechMap> {
  const mapper = new SpeechMapper(model, turnDetection);
  for await (const chunk of pcm) mapper.push(chunk);
  return mapper.end();
}
