// Memory of a long run whose caller awaits only the summary: bounded (no event is kept for a
// reader who is not there), against the same run iterated and the same run with every event
// collected, which grows with the input. Virtual time on the in-process emulator, so an hour of
// audio takes seconds; the figure is the heap, sampled as the audio is read (run node with
// --expose-gc so that a sample is live memory, not garbage awaiting collection).
import { pathToFileURL } from 'node:url';
import { transcribe, type TranscribeEvent } from '../src/index.js';
import { startInProcessEmulator, VirtualClock } from '../src/emulator/index.js';
import { corpusDurationSec, synthesizeCorpusChunks } from '../src/tonecode/index.js';

export type SummaryMemoryMode = 'summary-only' | 'iterate' | 'collect-all';

export interface SummaryMemoryOptions {
  /** Tonecode sentences in the input (about 2.4 s each; 1500 is about an hour). */
  sentences?: number;
  mode?: SummaryMemoryMode;
}

export interface SummaryMemoryResult {
  mode: SummaryMemoryMode;
  audioSec: number;
  utterances: number;
  baselineHeapMb: number;
  peakHeapMb: number;
  /** Peak above the baseline: what the run held. */
  growthMb: number;
}

export async function measureSummaryMemory(options: SummaryMemoryOptions = {}): Promise<SummaryMemoryResult> {
  const sentences = options.sentences ?? 1500;
  const mode = options.mode ?? 'summary-only';
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  // With --expose-gc, each sample is of live memory, not of garbage not yet collected.
  const sample = () => {
    gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };

  async function* pcm(): AsyncIterable<Buffer> {
    let n = 0;
    for (const part of synthesizeCorpusChunks({ count: sentences }, 24_000)) {
      if (n++ % 30 === 0) sample();
      yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    }
  }

  const clock = new VirtualClock();
  const emulator = startInProcessEmulator({ clock, seed: 11 });
  try {
    const run = transcribe(
      { pcm: pcm(), totalSec: corpusDurationSec({ count: sentences }) },
      {
        endpoint: emulator.url,
        apiKey: emulator.key,
        deployment: 'emulator',
        connect: emulator.connect,
        clock,
        random: () => 0.5,
        env: {},
      },
    );
    const kept: TranscribeEvent[] = [];
    if (mode !== 'summary-only') {
      for await (const event of run) if (mode === 'collect-all') kept.push(event);
    }
    const summary = await run.summary;
    sample();
    const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
    return {
      mode,
      audioSec: summary.audioSec,
      utterances: summary.utterances,
      baselineHeapMb: mb(baseline),
      peakHeapMb: mb(peak),
      growthMb: mb(peak - baseline),
    };
  } finally {
    await emulator.close();
    clock.dispose();
  }
}

export function formatSummaryMemory(r: SummaryMemoryResult): string {
  return `${r.mode}: ${(r.audioSec / 60).toFixed(1)} min of audio, ${r.utterances} utterances, heap ${r.baselineHeapMb} → peak ${r.peakHeapMb} MB (+${r.growthMb} MB)`;
}

// node --expose-gc dist-bench/bench/summary-memory.js [sentences] [mode]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sentences = Number(process.argv[2] ?? 1500);
  const mode = (process.argv[3] ?? 'summary-only') as SummaryMemoryMode;
  console.log(formatSummaryMemory(await measureSummaryMemory({ sentences, mode })));
}
