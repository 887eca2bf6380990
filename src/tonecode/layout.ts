// Where every tone and silence falls, in sample frames. Timings and synthesis both read this, so
// the timings a test expects are exactly the samples it gets, at any sample rate.
import { sentenceSymbols, sentenceWordCount } from './corpus.js';
import type { ResolvedCorpusOptions } from './options.js';
import { pauseAfterMs } from './pause-profile.js';
import { GAP_MS, TONE_MS } from './vocab.js';

export interface FrameLayout {
  toneFrames: number;
  gapFrames: number;
  wordFrames: number;
  /** The fixed pause; with a varied profile, see pauseFramesAfter. */
  pauseFrames: number;
  leadFrames: number;
  trailFrames: number;
}

export type Segment = { kind: 'tone'; symbol: number; frames: number } | { kind: 'silence'; frames: number };

export function msToFrames(ms: number, sampleRate: number): number {
  return Math.round((ms * sampleRate) / 1000);
}

export function frameLayout(r: ResolvedCorpusOptions): FrameLayout {
  const toneFrames = msToFrames(TONE_MS, r.sampleRate);
  const gapFrames = msToFrames(GAP_MS, r.sampleRate);
  return {
    toneFrames,
    gapFrames,
    wordFrames: toneFrames + gapFrames,
    pauseFrames: msToFrames(r.pauseMs, r.sampleRate),
    leadFrames: msToFrames(r.leadingSilenceMs, r.sampleRate),
    trailFrames: msToFrames(r.trailingSilenceMs, r.sampleRate),
  };
}

/** Frames of the pause after sentence `i` (not the last: the trailing silence takes its place). */
export function pauseFramesAfter(r: ResolvedCorpusOptions, i: number): number {
  return msToFrames(pauseAfterMs(r.pauses, r.pauseMs, r.seed, i), r.sampleRate);
}

/** Frames of the whole corpus: lead, sentences with pauses between them, trail. */
export function totalFrames(r: ResolvedCorpusOptions): number {
  const l = frameLayout(r);
  let frames = l.leadFrames + l.trailFrames;
  const end = r.first + r.count;
  for (let i = r.first; i < end; i++)
    frames += sentenceWordCount(i) * l.wordFrames + (i < end - 1 ? pauseFramesAfter(r, i) : 0);
  return frames;
}

// The trailing silence takes the place of the last sentence's pause, so a corpus split in two
// (the first half with trailingSilenceMs = pauseMs) concatenates to exactly the whole corpus.
export function* corpusSegments(r: ResolvedCorpusOptions): Generator<Segment> {
  const l = frameLayout(r);
  if (l.leadFrames > 0) yield { kind: 'silence', frames: l.leadFrames };
  const end = r.first + r.count;
  for (let i = r.first; i < end; i++) {
    for (const symbol of sentenceSymbols(i)) {
      yield { kind: 'tone', symbol, frames: l.toneFrames };
      yield { kind: 'silence', frames: l.gapFrames };
    }
    const pause = i < end - 1 ? pauseFramesAfter(r, i) : 0;
    if (pause > 0) yield { kind: 'silence', frames: pause };
  }
  if (l.trailFrames > 0) yield { kind: 'silence', frames: l.trailFrames };
}
