// The bench's inputs: the numbered tonecode corpus with varied pauses, synthesized as it is read
// (never stored, so ten hours cost no disk and no memory), and what a perfect run would recover.
import {
  corpusDurationSec,
  corpusTimings,
  pauseAfterMs,
  sentenceWordCount,
  synthesizeCorpusChunks,
  type CorpusOptions,
} from '../src/tonecode/index.js';
import { WORD_MS } from '../src/tonecode/vocab.js';

export interface BenchCorpus {
  options: CorpusOptions;
  count: number;
  audioSec: number;
  /** First tone to last tone of every sentence, summed. */
  speechSec: number;
}

/** The first sentences of the varied-pause corpus that fill about `hours`. */
export function benchCorpus(hours: number, seed: number): BenchCorpus {
  const target = hours * 3600;
  let count = 0;
  let seconds = 0;
  while (seconds < target) {
    seconds += (sentenceWordCount(count) * WORD_MS + pauseAfterMs('varied', 1000, seed, count)) / 1000;
    count++;
  }
  const options: CorpusOptions = { count, pauses: 'varied', seed };
  let speechSec = 0;
  for (const t of corpusTimings(options)) speechSec += t.endSec - t.startSec;
  return { options, count, audioSec: corpusDurationSec(options), speechSec };
}

/** PCM16 mono 24 kHz in chunks of `chunkMs`, made on demand. */
export async function* corpusPcm(options: CorpusOptions, chunkMs = 40): AsyncGenerator<Buffer> {
  for (const chunk of synthesizeCorpusChunks(options, (24_000 * chunkMs) / 1000)) {
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}
