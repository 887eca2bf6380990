// Measuring an input without transcribing it: the decoded length and the speech the run's own
// detector hears, with the run's own span plan. What --dry-run prints, and what an embedder needs
// to estimate a run's cost.
import { samplesToSeconds } from '../audio/pcm-format.js';
import { skipsSilence } from '../transcriber/skip-options.js';
import { mapSpeech } from '../speech/speech-map.js';
import { loadDetector, type DetectorSettings } from '../speech/detector.js';
import { FRAME_SAMPLES } from '../speech/tracker.js';
import { openInput } from './open-input.js';
import type { TranscribeOptions } from './options.js';
import { resolvePolicy } from './policy.js';
import { validateRunOptions } from './validate-options.js';
import { planFromMap, sentSecIn } from './parallel-input.js';

/** What {@link measureInput} found: the decoded length, the speech in it, and what a run would send. */
export interface InputMeasure {
  /** Decoded length, sample by sample. */
  seconds: number;
  /** Seconds the speech detector hears as speech (padding not counted). */
  speechSec: number;
  /** Stretches of speech with their padding. */
  utterances: number;
  /** Seconds a run would send: all of it, less the middles of the pauses it skips. */
  sentSec: number;
  /** Seconds each span sends, where `parallel` cuts the file into spans; one entry otherwise. */
  spanSentSec: number[];
  /** The level in dBFS that 99% of speech frames peak under; null when there is no speech. */
  speechPeakDbfs: number | null;
  /** The detector that decided, and how sensitive it was. */
  speech: DetectorSettings;
  /** Set when the chosen detector could not load and only digital silence counted as no speech. */
  detectorFallback?: string;
}

/**
 * Decodes an input exactly as `transcribe()` would, without connecting, and measures it with the
 * same speech detector and span plan. Throws the input and option errors `transcribe()` would.
 */
export async function measureInput(input: string, options: TranscribeOptions = {}): Promise<InputMeasure> {
  validateRunOptions(options);
  const { policy } = resolvePolicy(options);
  const settings = { detector: policy.speechDetector, sensitivity: policy.speechSensitivity };
  const model = loadDetector(settings, FRAME_SAMPLES);
  const source = await openInput(input, { ...options, chunkMs: policy.chunkMs });
  let map;
  try {
    map = await mapSpeech(source.pcm, model, policy.turnDetection);
  } catch (error) {
    source.stop();
    throw error;
  }
  await source.finished;
  const skipping = skipsSilence(policy, source.live);
  const whole = { start: 0, end: map.totalSamples };
  const plan = !source.live && options.parallel !== undefined ? planFromMap(map, options.parallel, 0) : undefined;
  const spans = plan?.spans ?? [whole];
  return {
    seconds: samplesToSeconds(map.totalSamples),
    speechSec: samplesToSeconds(map.detectedSamples),
    utterances: map.utterances,
    sentSec: skipping ? samplesToSeconds(map.sentSamples) : samplesToSeconds(map.totalSamples),
    spanSentSec: spans.map((span) => sentSecIn(map, span, { skipSilence: skipping ? 'on' : 'off' })),
    speechPeakDbfs: map.speechPeakDbfs ?? null,
    speech: settings,
    ...(model.fallbackReason !== undefined ? { detectorFallback: model.fallbackReason } : {}),
  };
}
