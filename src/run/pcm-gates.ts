// Two filters on the PCM a run sends: skipping what a checkpoint already covers, and holding
// back input while the caller is behind on events (the run's backpressure: no new audio, no
// new segments).
import { BYTES_PER_SAMPLE } from '../audio/pcm-format.js';

// Decoding from the start keeps the offset exact for every format, where seeking in compressed
// audio would not be.
export async function* skipSamples(pcm: AsyncIterable<Buffer>, samples: number): AsyncIterable<Buffer> {
  let toSkip = samples * BYTES_PER_SAMPLE;
  for await (const chunk of pcm) {
    if (toSkip >= chunk.length) {
      toSkip -= chunk.length;
      continue;
    }
    yield toSkip > 0 ? chunk.subarray(toSkip) : chunk;
    toSkip = 0;
  }
}

export async function* heldBack(pcm: AsyncIterable<Buffer>, room: () => Promise<void>): AsyncIterable<Buffer> {
  for await (const chunk of pcm) {
    await room();
    yield chunk;
  }
}
