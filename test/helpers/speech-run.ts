// A corpus entry through transcribe() in-process on a virtual clock, with the emulator recording
// every session's audio, and that audio aligned with the input: what the issue-17 tests assert on.
import { transcribe, type RunSummary, type TranscribeEvent, type TranscribeOptions } from '../../src/index.js';
import {
  SessionRecorder,
  startInProcessEmulator,
  VirtualClock,
  type EmulatorOptions,
} from '../../src/emulator/index.js';
import { corpusEntry, type SpeechCorpusEntry } from './speech-corpus.js';
import { alignDelivery, decodeInput, type DeliveryReport } from './speech-delivery.js';
import { inProcessOptions } from './in-process-run.js';
import { SAMPLE_RATE as S } from '../../src/audio/pcm-format.js'; // samples per second

/** What sending an utterance may cost beyond its speech: padding both sides, short pauses whole. */
const ALLOWANCE_PER_UTTERANCE = 1.5 * S;

export interface Delivery {
  entry: SpeechCorpusEntry;
  report: DeliveryReport;
  summary: RunSummary;
  /** Every event the run yielded. */
  events: TranscribeEvent[];
  /** The error the run ended with, if any. */
  error: unknown;
  /** The bound on audio sent: speech plus the allowance per utterance, in samples. */
  bound: number;
}

export interface DeliverOptions {
  transcribe?: Partial<TranscribeOptions>;
  /**
   * Give transcribe() the file's path (decoded by ffmpeg as the CLI does: needed for `parallel`)
   * instead of PCM from memory. Real I/O on a virtual clock: time may run ahead while ffmpeg works.
   */
  fromFile?: boolean;
  emulator?: EmulatorOptions;
}

/**
 * Transcribes corpus entry `name` with default settings (or `options`): its PCM from memory,
 * decoded by the project's decoder as the CLI would send it, client and emulator on one clock.
 */
export async function deliver(name: string, options: DeliverOptions = {}): Promise<Delivery> {
  const entry = await corpusEntry(name);
  const input = await decodeInput(entry.path);
  const clock = new VirtualClock({ limitMs: 6 * 3_600_000 });
  const recorder = new SessionRecorder();
  const emulator = startInProcessEmulator({ clock, seed: 7, ...options.emulator, record: recorder.record });
  let error: unknown;
  const run = transcribe(options.fromFile ? entry.path : { pcm: chunks(input), totalSec: input.length / S }, {
    ...inProcessOptions(emulator, clock),
    ...options.transcribe,
  });
  const events: TranscribeEvent[] = [];
  try {
    for await (const event of run) events.push(event);
  } catch (caught) {
    error = caught;
  }
  const summary = await run.summary;
  await emulator.close();
  clock.dispose();
  const sessions = recorder.sessions().map((session) => ({ session, pcm: recorder.audio(session) }));
  const bound = entry.speechSamples + ALLOWANCE_PER_UTTERANCE * entry.utterances.length;
  return { entry, report: alignDelivery(input, sessions, entry.speech), summary, events, error, bound };
}

async function* chunks(samples: Int16Array, size = S): AsyncIterable<Buffer> {
  for (let i = 0; i < samples.length; i += size) {
    const part = samples.subarray(i, Math.min(samples.length, i + size));
    yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
  }
}

function sec(samples: number): string {
  return `${(samples / S).toFixed(2)} s`;
}

/** One line for a failing assertion: what was lost and what was sent, against the bound. */
export function describeDelivery({ entry, report, summary, error, bound }: Delivery): string {
  const lost = report.speechLost
    .slice(0, 6)
    .map(([a, b]) => `${(a / S).toFixed(2)}–${(b / S).toFixed(2)}`)
    .join(', ');
  return (
    `${entry.name}: speech lost ${report.speechLostMs.toFixed(0)} ms of ${sec(report.speechSamples)}` +
    (lost ? ` (at ${lost}${report.speechLost.length > 6 ? ', …' : ''} s)` : '') +
    `; sent ${sec(report.receivedSamples)} (bound ${sec(bound)}), re-sent ${sec(report.duplicateSamples)}, ` +
    `not input ${sec(report.unmatchedSamples)}, ${summary.sessions} session(s)` +
    (report.sessionEdgesInSpeech.length > 0
      ? ` (edges inside speech at ${report.sessionEdgesInSpeech.map((e) => (e.at / S).toFixed(2)).join(', ')} s)`
      : '') +
    '; ' +
    (error === undefined ? 'no error' : `error: ${(error as Error).message}`)
  );
}
