// One transcribe() run against an in-process emulator on a virtual clock: the whole pipeline (pace,
// sessions, rotation, resume) with the emulator's faults, no socket and no real time. A run that
// would never end fails at `limitMs` of virtual time with what it had, instead of spinning.
import { transcribe, type RunSummary, type Segment, type TranscribeEvent, type TranscribeOptions } from '../../src/index.js';
import { startInProcessEmulator, VirtualClock, type EmulatorOptions, type EmulatorStats } from '../../src/emulator/index.js';
import { synthesizeCorpusChunks, type CorpusOptions } from '../../src/tonecode/index.js';

export interface EmulatedRunOptions {
  emulator?: EmulatorOptions;
  /** Options of transcribe() (policy and the like); endpoint, key, connect and clock are set here. */
  transcribe?: Partial<TranscribeOptions>;
  /** Virtual ms after which the run counts as hung (default 6 h). */
  limitMs?: number;
}

export interface EmulatedRun {
  segments: Segment[];
  /** Segment texts, lower case and without the engine's full stop: comparable with sentenceText(). */
  texts: string[];
  events: TranscribeEvent[];
  summary: RunSummary;
  /** What the run threw at the end, if anything (a TranscribeError with its code and message). */
  error: unknown;
  stats: EmulatorStats;
  /** Virtual time at the end of the run. */
  virtualMs: number;
}

/** A tonecode corpus as 1-second PCM buffers, made as they are read (bounded memory). */
export async function* tonecodePcm(corpus: CorpusOptions): AsyncIterable<Buffer> {
  for (const chunk of synthesizeCorpusChunks(corpus)) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

export async function runEmulated(pcm: AsyncIterable<Buffer>, options: EmulatedRunOptions = {}): Promise<EmulatedRun> {
  const limitMs = options.limitMs ?? 6 * 3_600_000;
  const clock = new VirtualClock({ limitMs });
  const emu = startInProcessEmulator({ seed: 1, ...options.emulator, clock });
  const segments: Segment[] = [];
  const events: TranscribeEvent[] = [];
  try {
    const run = transcribe(
      { pcm },
      {
        endpoint: emu.url,
        apiKey: emu.key,
        deployment: 'emulator',
        env: {},
        random: () => 0.5,
        ...options.transcribe,
        connect: emu.connect,
        clock,
      },
    );
    const consumed = (async () => {
      for await (const event of run) {
        events.push(event);
        if (event.type === 'segment') segments.push(event.segment);
      }
    })();
    const hung = clock.limitReached.then((at) => {
      throw new Error(`the run did not end within ${limitMs} ms of virtual time (at ${at} ms: ${segments.length} segments)`);
    });
    let error: unknown;
    await Promise.race([consumed, hung]).catch((err: unknown) => {
      if (err instanceof Error && err.message.startsWith('the run did not end')) throw err;
      error = err;
    });
    return {
      segments,
      texts: segments.map((s) => s.text.toLowerCase().replace(/\.$/, '')),
      events,
      summary: await run.summary,
      error,
      stats: emu.stats(),
      virtualMs: clock.now(),
    };
  } finally {
    await emu.close();
    clock.dispose();
  }
}
