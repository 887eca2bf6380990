// Tonecode audio as PCM16: whole for small corpora, or streamed in chunks with bounded memory.
import { TranscribeError } from '../errors.js';
import { corpusSegments, totalFrames, type Segment } from './layout.js';
import { dbfsToRms, gaussianNoise } from './noise.js';
import { resolveCorpusOptions, type CorpusOptions } from './options.js';
import { corpusTimings, type SentenceTiming } from './timings.js';
import { toneTable } from './tone.js';

export interface SynthesizedCorpus {
  /** PCM16 samples, interleaved when stereo. */
  pcm: Int16Array;
  sampleRate: number;
  channels: number;
  sentences: SentenceTiming[];
}

// Above this, a caller should stream (synthesizeCorpusChunks / writeCorpusWav): ~100 MB of samples.
const MAX_WHOLE_SAMPLES = 50_000_000;

/** The whole corpus in memory; for small corpora (tests, fixtures). */
export function synthesizeCorpus(opts: CorpusOptions): SynthesizedCorpus {
  const r = resolveCorpusOptions(opts);
  const samples = totalFrames(r) * r.channels;
  if (samples > MAX_WHOLE_SAMPLES) {
    throw new TranscribeError(
      'USAGE',
      `tonecode: a corpus of ${samples} samples is too large to hold in memory (limit ${MAX_WHOLE_SAMPLES})`,
      {
        hint: 'stream it with synthesizeCorpusChunks() or writeCorpusWav()',
      },
    );
  }
  const pcm = new Int16Array(samples);
  let offset = 0;
  for (const chunk of synthesizeCorpusChunks(opts)) {
    pcm.set(chunk, offset);
    offset += chunk.length;
  }
  return { pcm, sampleRate: r.sampleRate, channels: r.channels, sentences: corpusTimings(opts) };
}

/**
 * The same samples as synthesizeCorpus, as chunks of `chunkFrames` frames (the last may be
 * shorter; default one second). Each chunk is a fresh array the caller may keep.
 */
export function* synthesizeCorpusChunks(opts: CorpusOptions, chunkFrames?: number): Generator<Int16Array> {
  const r = resolveCorpusOptions(opts);
  const framesPerChunk = chunkFrames ?? r.sampleRate;
  if (!Number.isInteger(framesPerChunk) || framesPerChunk < 1) {
    throw new TranscribeError(
      'USAGE',
      `tonecode: chunkFrames must be a whole number of frames, 1 or more, got ${framesPerChunk}`,
    );
  }
  const noise = r.noiseDbfs === undefined ? undefined : gaussianNoise(r.seed, dbfsToRms(r.noiseDbfs));
  const channels = r.channels;
  let chunk = new Int16Array(framesPerChunk * channels);
  let filled = 0;
  for (const segment of corpusSegments(r)) {
    let done = 0;
    while (done < segment.frames) {
      const frames = Math.min(segment.frames - done, framesPerChunk - filled);
      render(segment, done, frames, chunk, filled, channels, r.sampleRate, noise);
      done += frames;
      filled += frames;
      if (filled === framesPerChunk) {
        yield chunk;
        chunk = new Int16Array(framesPerChunk * channels);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield chunk.slice(0, filled * channels);
}

// Writes `frames` frames of `segment`, starting `from` frames into it, at frame `at` of `out`.
// Noise is drawn once per frame, in order, so chunking never changes the samples.
function render(
  segment: Segment,
  from: number,
  frames: number,
  out: Int16Array,
  at: number,
  channels: number,
  sampleRate: number,
  noise: (() => number) | undefined,
): void {
  const table = segment.kind === 'tone' ? toneTable(segment.symbol, sampleRate) : undefined;
  if (!table && !noise) return; // a fresh chunk is already silent
  for (let f = 0; f < frames; f++) {
    let value = table ? (table[from + f] ?? 0) : 0;
    if (noise) value += noise();
    const sample = Math.max(-32768, Math.min(32767, Math.round(value)));
    const base = (at + f) * channels;
    for (let c = 0; c < channels; c++) out[base + c] = sample;
  }
}
