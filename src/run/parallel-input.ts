// Cutting a file into spans for parallel sessions: one streaming pass maps its speech with the run's
// own detector (speech-map.ts), the span plan cuts it in the middles of the pauses a run skips into
// spans that send about as much each, and each span is decoded again from the start and trimmed to
// its samples (exact for every format, where seeking in compressed audio would not be).
import { BYTES_PER_SAMPLE, samplesToSeconds } from '../audio/pcm-format.js';
import { openInput, type InputOptions, type OpenedInput } from './open-input.js';
import { skipSamples } from './pcm-gates.js';
import { planSpans } from '../transcriber/spans/plan.js';
import { skipsSilence } from '../transcriber/skip-options.js';
import type { PolicyOptions } from '../transcriber/options.js';
import type { SpanSource } from '../transcriber/spans/runs.js';
import type { DetectorModel } from '../speech/detector.js';
import { mapSpeech, type SpeechMap } from '../speech/speech-map.js';

export interface ParallelPlan {
  spans: { start: number; end: number }[];
  totalSec: number;
}

/** Parallel sessions for a file of this length when the caller says 'auto': one per 10 minutes, up to 4. */
export function autoParallel(totalSec: number): number {
  return Math.max(1, Math.min(4, Math.floor(totalSec / 600)));
}

/**
 * The spans to transcribe at once, from `startSample` on, or undefined when one run is better
 * (a short file, no pause to cut at, stdin, or a file that does not decode whole: the single
 * run transcribes what decodes and then reports the damage).
 */
export async function planParallel(
  path: string,
  options: InputOptions,
  policy: Pick<PolicyOptions, 'skipSilence' | 'turnDetection'>,
  model: DetectorModel,
  parallel: number | 'auto',
  startSample: number,
): Promise<ParallelPlan | undefined> {
  if (path === '-' || parallel === 1) return undefined;
  let map;
  const source = await openInput(path, { ...options, live: false });
  try {
    map = await mapSpeech(source.pcm, model, policy.turnDetection);
    await source.finished;
  } catch {
    source.stop();
    return undefined;
  }
  return planFromMap(map, parallel, startSample);
}

/** The span plan for a mapped input: pure, so the dry run and the run plan alike. */
export function planFromMap(map: SpeechMap, parallel: number | 'auto', startSample: number): ParallelPlan | undefined {
  const totalSec = samplesToSeconds(map.totalSamples);
  const count = parallel === 'auto' ? autoParallel(totalSec) : parallel;
  if (count <= 1) return undefined;
  // Wall time is the slowest span's: balance what each sends, closely (a 10% tolerance for a
  // longer seam cost 12% of wall time). A skipped pause sends nothing: its padding is speech's.
  const spans = planSpans(map, { parallel: count, tolerance: 0.02, keptPerSilenceMs: 0 })
    .filter((span) => span.end > startSample)
    .map((span) => ({ start: Math.max(span.start, startSample), end: span.end }));
  return spans.length > 1 ? { spans, totalSec } : undefined;
}

/** Seconds a run sends of `span`: all of it, less the pauses it skips when skipping is on. */
export function sentSecIn(
  map: SpeechMap,
  span: { start: number; end: number },
  policy: Pick<PolicyOptions, 'skipSilence'>,
): number {
  let sent = span.end - span.start;
  if (skipsSilence(policy, false)) {
    for (const pause of map.silences)
      sent -= Math.max(0, Math.min(pause.to, span.end) - Math.max(pause.from, span.start));
  }
  return samplesToSeconds(sent);
}

/** The PCM of one span: the file decoded from its start, its first samples dropped. */
export async function openSpan(
  path: string,
  options: InputOptions,
  span: { start: number; end: number },
): Promise<SpanSource> {
  const source = await openInput(path, { ...options, live: false });
  let settle!: (error?: unknown) => void;
  const finished = new Promise<void>(
    (resolve, reject) => (settle = (error) => (error === undefined ? resolve() : reject(error))),
  );
  finished.catch(() => {}); // observed by the span's run
  return {
    pcm: spanPcm(source, span, settle),
    finished,
    stop: () => source.stop(),
  };
}

// Exactly the span's samples. The decoder is not waited for past them: a span that got its audio
// is whole, however the decoder ends once stopped; one cut short reports why the input ended.
async function* spanPcm(
  source: OpenedInput,
  span: { start: number; end: number },
  settle: (error?: unknown) => void,
): AsyncIterable<Buffer> {
  let left = (span.end - span.start) * BYTES_PER_SAMPLE;
  try {
    for await (const chunk of skipSamples(source.pcm, span.start)) {
      const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
      left -= part.length;
      yield part;
      if (left <= 0) break;
    }
    if (left > 0) await source.finished;
    settle();
  } catch (error) {
    settle(error);
    throw error;
  }
}
