// One transcription run against the in-process emulator, client and service on one VirtualClock:
// the library's transcribe() with real pacing, real codec and real protocol sessions, no socket
// and no wall time. An hour of service behaviour (drops, caps, stalls) runs in about a second.
import {
  transcribe,
  type RunSummary,
  type Segment,
  type TranscribeEvent,
  type TranscribeOptions,
} from '../../src/index.js';
import {
  startInProcessEmulator,
  VirtualClock,
  type EmulatorOptions,
  type EmulatorStats,
} from '../../src/emulator/index.js';
import {
  checkTranscript,
  synthesizeCorpusChunks,
  type CheckResult,
  type CorpusOptions,
} from '../../src/tonecode/index.js';
import { inProcessOptions } from './in-process-run.js';

export interface FaultRunOptions {
  /** The tonecode corpus spoken (and checked against). */
  corpus: CorpusOptions;
  /** Other PCM to send instead of synthesizing `corpus` (e.g. a file decoded by ffmpeg); still checked against `corpus`. */
  pcm?: AsyncIterable<Buffer>;
  /** Virtual ms after which the run counts as hung and the test fails (default 6 h). */
  limitMs?: number;
  emulator?: EmulatorOptions;
  transcribe?: Partial<TranscribeOptions>;
  /** Deliver the audio like a microphone: one chunk per 40 ms of clock time, and (with `keepOpen`) no end. */
  live?: { keepOpen?: boolean };
  /** Abort the run (Ctrl-C) at this clock time, and abort it hard at `stopNowAtMs`. */
  abortAtMs?: number;
  stopNowAtMs?: number;
  /** Stop the emulator for good at this clock time (an outage that never ends). */
  outageAtMs?: number;
  /** Read the input from this stream as '-' (stdin), made on the run's clock, instead of PCM. */
  stdin?: (clock: VirtualClock) => NodeJS.ReadableStream;
  /** Transcribe this file (decoded by ffmpeg; e.g. for `parallel`) instead of PCM. */
  file?: string;
}

export interface FaultRunResult {
  segments: Segment[];
  events: TranscribeEvent[];
  /** Clock time at which each event arrived, index for index. */
  eventTimes: number[];
  summary: RunSummary;
  stats: EmulatorStats;
  /** The error the run ended with, if any. */
  error: unknown;
  check: CheckResult;
  /** Clock time the run took: what a user would wait. */
  virtualMs: number;
}

const CHUNK_SAMPLES = 960; // 40 ms

export async function faultRun(o: FaultRunOptions): Promise<FaultRunResult> {
  const limitMs = o.limitMs ?? 6 * 3_600_000;
  const clock = new VirtualClock({ limitMs });
  const emulator = startInProcessEmulator({ clock, seed: 7, ...o.emulator });
  const controller = new AbortController();
  const stopNow = new AbortController();
  const timers = new AbortController();
  const at = (ms: number | undefined, fn: () => void) => {
    if (ms !== undefined) clock.sleep(ms, timers.signal).then(fn, () => {});
  };
  at(o.abortAtMs, () => controller.abort(new Error('SIGINT')));
  at(o.stopNowAtMs, () => stopNow.abort(new Error('SIGINT')));
  at(o.outageAtMs, () => void emulator.close());
  const segments: Segment[] = [];
  const events: TranscribeEvent[] = [];
  const eventTimes: number[] = [];
  let error: unknown;
  const input = o.stdin
    ? '-'
    : o.file !== undefined
      ? o.file
      : {
          pcm:
            o.pcm ??
            pcmOf(o.corpus, o.live ? { clock, keepOpen: o.live.keepOpen ?? false, signal: timers.signal } : undefined),
          live: o.live !== undefined,
        };
  const run = transcribe(input, {
    ...inProcessOptions(emulator, clock),
    signal: controller.signal,
    stopNowSignal: stopNow.signal,
    ...(o.stdin ? { stdin: o.stdin(clock) } : {}),
    ...o.transcribe,
  });
  const consumed = (async () => {
    for await (const event of run) {
      events.push(event);
      eventTimes.push(clock.now());
      if (event.type === 'segment') segments.push(event.segment);
    }
  })().catch((caught: unknown) => (error = caught));
  // A run that would never end fails at the limit with what it had, instead of spinning.
  const hung = clock.limitReached.then((at) => {
    throw new Error(
      `the run did not end within ${limitMs} ms of virtual time (at ${at} ms: ${segments.length} segments)`,
    );
  });
  try {
    await Promise.race([consumed, hung]);
  } catch (hang) {
    timers.abort();
    await emulator.close();
    clock.dispose();
    throw hang;
  }
  const summary = await run.summary;
  const virtualMs = clock.now();
  timers.abort();
  await emulator.close();
  clock.dispose();
  const check = checkTranscript(
    segments.map((s) => s.text),
    { first: o.corpus.first ?? 0, count: o.corpus.count },
  );
  return { segments, events, eventTimes, summary, stats: emulator.stats(), error, check, virtualMs };
}

async function* pcmOf(
  corpus: CorpusOptions,
  live: { clock: VirtualClock; keepOpen: boolean; signal: AbortSignal } | undefined,
): AsyncIterable<Buffer> {
  for (const part of synthesizeCorpusChunks(corpus, live ? CHUNK_SAMPLES : 24_000)) {
    if (live) await live.clock.sleep(40, live.signal).catch(() => {});
    yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  }
  // A microphone whose producer keeps stdin open: nothing more comes, and nothing ends it.
  if (live?.keepOpen) await new Promise(() => {});
}
