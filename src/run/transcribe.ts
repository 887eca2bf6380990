// One run: an input, the policy, the session machinery, and the events the caller pulls.
import { randomInt } from 'node:crypto';
import { msToSamples } from '../audio/pcm-format.js';
import { resolveEndpoint } from '../realtime/endpoint.js';
import { connectWebSocket } from '../realtime/transport.js';
import { noEventLog } from '../transcriber/event-log.js';
import type { RunSummary, TranscribeEvent } from '../transcriber/events.js';
import { SessionManager, type ManagerDeps } from '../transcriber/manager.js';
import { SpanRuns } from '../transcriber/spans/runs.js';
import { resumePrefix, resumeSpans } from '../transcriber/spans/resume.js';
import { createAimdGate } from '../transcriber/gate/aimd-gate.js';
import { openSpan, planParallel } from './parallel-input.js';
import { systemClock } from '../util/clock.js';
import { EventChannel } from './event-channel.js';
import { openEventLogFile } from './event-log-file.js';
import { openInput } from './open-input.js';
import type { PcmInput, TranscribeOptions } from './options.js';
import { gatePcm } from './pcm-gates.js';
import { resolvePolicy } from './policy.js';
import { notTranscribedError, redactError } from './run-errors.js';
import { validateRunOptions } from './validate-options.js';
import { endpointOf, serviceOf, type RunEndpoint } from './service.js';
import { loadDetector, type DetectorSettings } from '../speech/detector.js';
import { SpeechTimeline } from '../speech/timeline.js';
import { trackerOptions } from '../speech/speech-options.js';
import { FRAME_SAMPLES } from '../speech/tracker.js';
import { detectorFallbackWarning } from '../speech/speech-notices.js';

const DEFAULT_MAX_BUFFERED_EVENTS = 256;

export type { RunEndpoint };

/**
 * A run of {@link transcribe}. It starts when it is first iterated or when `summary` or `done`
 * is first read. Events are kept only for a loop that iterates it: while none does, they are
 * discarded, so awaiting `summary` alone holds no events however long the input.
 */
export interface TranscribeRun extends AsyncIterable<TranscribeEvent> {
  /** The counts when the run ends, whether it succeeded or not. Never rejects. */
  readonly summary: Promise<RunSummary>;
  /** The summary of a successful run; rejects with the TranscribeError a failed run ends with. */
  readonly done: Promise<RunSummary>;
  /** The service the run talks to, known as soon as transcribe() returns. */
  readonly endpoint: RunEndpoint;
  /** The speech detector that decides, loaded when transcribe() returns; `fallback` says why another decides. */
  readonly speech: DetectorSettings & { readonly fallback?: string };
}

interface Outcome {
  summary: RunSummary;
  error: unknown;
}

/**
 * Transcribes a file path, `'-'` (stdin) or PCM. Iterating yields every segment in order, each
 * once, with progress and session events; if the run fails, the loop throws a TranscribeError
 * after every segment acknowledged before the failure was yielded. A loop that falls more than
 * `maxBufferedEvents` behind holds the run back (no audio is read until it catches up); unread
 * `progress` and `partial` events are replaced by newer ones. Throws at once (before any I/O)
 * for invalid options and configuration.
 */
export function transcribe(input: string | PcmInput, options: TranscribeOptions = {}): TranscribeRun {
  validateRunOptions(options);
  // A shared service keeps its credential source (and token) across runs; else this run's own.
  const service = options.service ?? serviceOf(resolveEndpoint(options, options.env ?? process.env));
  const endpoint = endpointOf(service);
  const { policy, warnings } = resolvePolicy(options, endpoint);
  // One detector for the whole invocation: proven to load once here, and a fallback said once.
  const speech = loadDetector(
    { detector: policy.speechDetector, sensitivity: policy.speechSensitivity },
    FRAME_SAMPLES,
  );
  const channel = new EventChannel<TranscribeEvent>({
    limit: options.maxBufferedEvents ?? DEFAULT_MAX_BUFFERED_EVENTS,
    coalesceKey: (event) => (event.type === 'progress' || event.type === 'partial' ? event.type : undefined),
  });

  const execute = async (): Promise<Outcome> => {
    for (const message of warnings) channel.push({ type: 'warning', message });
    if (speech.fallbackReason !== undefined)
      channel.push({
        type: 'warning',
        message: detectorFallbackWarning(speech.settings.detector, speech.fallbackReason),
      });
    const logPath = options.logEventsPath;
    const eventLog = logPath
      ? openEventLogFile(logPath, endpoint.secrets, (error) =>
          channel.push({
            type: 'warning',
            message: `the event log cannot be written (${error.message}); the run goes on without it`,
          }),
        )
      : noEventLog;
    const clock = options.clock ?? systemClock;
    const deps: ManagerDeps = {
      connect: options.connect ?? connectWebSocket,
      endpoint,
      clock,
      random: options.random ?? (() => randomInt(0, 1 << 30) / (1 << 30)),
      policy,
      emit: (event) => channel.push(event),
      eventLog,
      signal: options.signal,
      stopNow: options.stopNowSignal,
      gate: options.sessionGate,
      speech,
      notices: new Set(),
    };
    let manager: { readonly currentSummary: RunSummary } = new SessionManager(deps);
    let failure: unknown;
    try {
      const { resume } = options;
      // Where a run that continues from one offset starts: a span plan continues each span instead.
      const prefix = resume ? resumePrefix(resume) : { sec: options.startAtSec ?? 0, segments: [] };
      const startSample = msToSamples(prefix.sec * 1000);
      const inputOptions = { ...options, chunkMs: policy.chunkMs };
      const plan =
        typeof input === 'string' && options.parallel !== undefined
          ? await planParallel(input, inputOptions, policy, speech, options.parallel, resume ? 0 : startSample)
          : undefined;
      if (plan && typeof input === 'string') {
        // Spans at once, under one limit: the caller's (a batch's), or one of the run's own with
        // room for one rotation at a time.
        const spans = new SpanRuns({
          ...deps,
          gate: options.sessionGate ?? createAimdGate({ max: plan.spans.length + 1, clock }),
        });
        manager = spans;
        const open = async (span: { start: number; end: number }) => {
          const source = await openSpan(input, inputOptions, span);
          return { ...source, pcm: gatePcm(source.pcm, { gate: channel }) };
        };
        const planned = resume ? resumeSpans(plan.spans, resume) : plan.spans;
        await spans.run({ spans: planned, totalSec: plan.totalSec, open });
      } else {
        const single = manager as SessionManager;
        for (const segment of prefix.segments) channel.push({ type: 'segment', segment });
        if (resume && prefix.sec > 0) channel.push({ type: 'acknowledged', sec: prefix.sec });
        const source = await openInput(input, inputOptions);
        try {
          // The detector hears what is skipped too, so its verdicts from `startSample` on are an
          // uninterrupted run's (its state follows the audio), and so are the cue times.
          const heard = new SpeechTimeline(speech, trackerOptions(policy.turnDetection), 0);
          const pcm = gatePcm(source.pcm, { skipSamples: startSample, gate: channel, skipped: (b) => heard.push(b) });
          await single.run({ pcm, totalSec: source.totalSec, live: source.live, startSample, speech: heard });
        } catch (error) {
          source.stop();
          throw error;
        }
        // A stopped live stream may never end (its producer keeps stdin open): do not wait for it.
        if (options.signal?.aborted) source.stop();
        else await source.finished; // a truncated input still rejects here, after its audio was transcribed
      }
      const lost = manager.currentSummary.notTranscribed;
      if (lost.length > 0) throw notTranscribedError(lost);
    } catch (error) {
      failure = redactError(error, endpoint.secrets);
    } finally {
      await eventLog.close();
    }
    const summary = manager.currentSummary;
    if (failure !== undefined) channel.end(failure);
    else {
      channel.push({ type: 'done', summary });
      channel.end();
    }
    return { summary, error: failure };
  };

  let outcome: Promise<Outcome> | undefined;
  let summary: Promise<RunSummary> | undefined;
  let done: Promise<RunSummary> | undefined;
  const start = () => (outcome ??= execute());
  return {
    endpoint: service,
    speech: {
      ...speech.settings,
      ...(speech.fallbackReason !== undefined ? { fallback: speech.fallbackReason } : {}),
    },
    get summary() {
      return (summary ??= start().then((o) => o.summary));
    },
    // Made only when asked for: a rejection nobody awaits would otherwise end the process.
    get done() {
      return (done ??= start().then((o) => (o.error === undefined ? o.summary : Promise.reject(o.error))));
    },
    [Symbol.asyncIterator]() {
      const iterator = channel.attach();
      void start();
      return iterator;
    },
  };
}
