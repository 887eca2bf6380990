// Measuring an input without transcribing it: the decoded length and the speech a local energy
// check hears. What --dry-run prints, and what an embedder needs to estimate a run's cost.
import { BYTES_PER_SAMPLE, samplesToSeconds, msToSamples } from '../audio/pcm-format.js';
import { SilenceSkipper, type SkipDecision } from '../audio/silence-skipper.js';
import { silenceSkipOptions, skipsSilence } from '../transcriber/skip-options.js';
import { SpeechMeter } from '../audio/speech-meter.js';
import { openInput } from './open-input.js';
import { rechunk } from '../audio/rechunk.js';
import type { TranscribeOptions } from './options.js';
import { resolvePolicy } from './policy.js';
import { validateRunOptions } from './validate-options.js';

/** What {@link measureInput} found: the decoded length and an estimate of the speech in it. */
export interface InputMeasure {
  /** Decoded length, sample by sample. */
  seconds: number;
  /** Seconds the local energy check counts as speech. */
  speechSec: number;
  /** Stretches of speech, pauses shorter than the VAD's silence window bridged. */
  utterances: number;
  /** Seconds a run would send: all of it, less the middles of long silences it skips. */
  sentSec: number;
}

/**
 * Decodes an input exactly as `transcribe()` would, without connecting, and measures it.
 * Throws the input and option errors `transcribe()` would.
 */
export async function measureInput(input: string, options: TranscribeOptions = {}): Promise<InputMeasure> {
  validateRunOptions(options);
  const { policy } = resolvePolicy(options);
  const td = policy.turnDetection;
  const bridgeMs = td && td.type === 'server_vad' ? (td.silence_duration_ms ?? 500) : 500;
  const meter = new SpeechMeter(msToSamples(bridgeMs), policy.silenceDbfs);
  const source = await openInput(input, { ...options, chunkMs: policy.chunkMs });
  const skipper = skipsSilence(policy, source.live) ? new SilenceSkipper(silenceSkipOptions(policy)) : undefined;
  let skipped = 0;
  const count = (decisions: SkipDecision[]) => {
    for (const d of decisions) if (d.type === 'skip') skipped += d.to - d.from;
  };
  let at = 0;
  try {
    // Judged chunk by chunk, as the feeder judges what it sends (an input is read in any sizes).
    for await (const chunk of rechunk(source.pcm, msToSamples(policy.chunkMs) * BYTES_PER_SAMPLE)) {
      meter.push(chunk);
      if (skipper) count(skipper.push(at, chunk));
      at += chunk.length / BYTES_PER_SAMPLE;
    }
    if (skipper) count(skipper.end());
  } catch (error) {
    source.stop();
    throw error;
  }
  await source.finished;
  const { totalSamples, speechSamples, utterances } = meter.estimate;
  return {
    seconds: samplesToSeconds(totalSamples),
    speechSec: samplesToSeconds(speechSamples),
    utterances,
    sentSec: samplesToSeconds(totalSamples - skipped),
  };
}
