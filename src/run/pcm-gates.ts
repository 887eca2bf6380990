// Two filters on the PCM a run sends: skipping what a checkpoint already covers, and holding
// back input while the caller is behind on events (the run's backpressure: no new audio, no
// new segments). They are one generator, not two stacked: every layer costs a few promises per
// piece of input, and a run reads tens of thousands of pieces an hour.
import { BYTES_PER_SAMPLE } from '../audio/pcm-format.js';

/** The caller's side of the backpressure: `full` while it is behind, `room()` once it is not. */
export interface RoomGate {
  readonly full: boolean;
  room(): Promise<void>;
}

// Decoding from the start keeps the offset exact for every format, where seeking in compressed
// audio would not be.
export function skipSamples(pcm: AsyncIterable<Buffer>, samples: number): AsyncIterable<Buffer> {
  return gatePcm(pcm, { skipSamples: samples });
}

/** The PCM from `skipSamples` on, each piece let through only while `gate` has room. */
export async function* gatePcm(
  pcm: AsyncIterable<Buffer>,
  options: { skipSamples?: number; gate?: RoomGate; skipped?: (pcm: Buffer) => void },
): AsyncIterable<Buffer> {
  const { gate, skipped } = options;
  let toSkip = (options.skipSamples ?? 0) * BYTES_PER_SAMPLE;
  for await (const chunk of pcm) {
    if (toSkip >= chunk.length) {
      toSkip -= chunk.length;
      skipped?.(chunk);
      continue;
    }
    if (toSkip > 0) skipped?.(chunk.subarray(0, toSkip));
    if (gate?.full) await gate.room();
    yield toSkip > 0 ? chunk.subarray(toSkip) : chunk;
    toSkip = 0;
  }
}
