// When each sentence sounds: pure arithmetic over the frame layout, no audio.
import { sentenceText, sentenceWordCount } from './corpus.js';
import { frameLayout, pauseFramesAfter, totalFrames } from './layout.js';
import { resolveCorpusOptions, type CorpusOptions } from './options.js';

export interface SentenceTiming {
  index: number;
  text: string;
  /** Start of the first tone, in seconds from the start of the audio. */
  startSec: number;
  /** End of the last tone (the word gap and pause after it are not included). */
  endSec: number;
}

/** Timing of every sentence in the corpus `opts` describes. */
export function corpusTimings(opts: CorpusOptions): SentenceTiming[] {
  const r = resolveCorpusOptions(opts);
  const l = frameLayout(r);
  const timings: SentenceTiming[] = [];
  let frame = l.leadFrames;
  for (let i = r.first; i < r.first + r.count; i++) {
    const words = sentenceWordCount(i);
    const lastToneEnd = frame + (words - 1) * l.wordFrames + l.toneFrames;
    timings.push({
      index: i,
      text: sentenceText(i),
      startSec: frame / r.sampleRate,
      endSec: lastToneEnd / r.sampleRate,
    });
    frame += words * l.wordFrames + pauseFramesAfter(r, i);
  }
  return timings;
}

/** Length of the whole corpus audio in seconds, silences included. */
export function corpusDurationSec(opts: CorpusOptions): number {
  const r = resolveCorpusOptions(opts);
  return totalFrames(r) / r.sampleRate;
}
