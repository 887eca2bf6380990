// Assembly of one run: the parts that each own one decision, wired to each other. Each refers to
// the others through narrow callbacks that are bound here, before the run starts.
import { isTranscribeError } from '../errors.js';
import { BYTES_PER_SAMPLE, msToSamples, samplesToSeconds } from '../audio/pcm-format.js';
import type { Notifier } from '../util/notifier.js';
import type { Transport } from '../realtime/transport-types.js';
import type { Session } from './session.js';
import { SessionSet } from './sessions.js';
import { SessionOpener } from './session-opener.js';
import { ReplayBuffer } from './replay-buffer.js';
import { Acknowledger } from './acknowledger.js';
import { Feeder } from './feeder.js';
import { Rotation } from './rotation.js';
import { Recovery } from './recovery.js';
import { InputReader } from './input-reader.js';
import { LateTranscripts } from './late-transcripts.js';
import { ServiceLatency } from './latency.js';
import type { RunCounters } from './run-counters.js';
import { SourcePace } from './source-pace.js';
import { openGate } from './gate/session-gate.js';
import { SkipPlan } from '../speech/skip-plan.js';
import { skipsSilence } from './skip-options.js';
import { SpeechTimeline } from '../speech/timeline.js';
import { MIN_SKIP_MS, trackerOptions } from '../speech/speech-options.js';
import { loadDetector } from '../speech/detector.js';
import { FRAME_SAMPLES } from '../speech/tracker.js';
import type { ManagerDeps, ManagerInput } from './manager-input.js';

export interface RunParts {
  replay: ReplayBuffer;
  speech: SpeechTimeline;
  sessions: SessionSet;
  ack: Acknowledger;
  feeder: Feeder;
  rotation: Rotation;
  recovery: Recovery;
  reader: InputReader;
  late: LateTranscripts;
}

export interface AssemblyInput {
  deps: ManagerDeps;
  input: ManagerInput;
  counters: RunCounters;
  changed: Notifier;
  newSession(transport: Transport): Session;
}

export function assembleRun(o: AssemblyInput): RunParts {
  const { deps, changed, counters, input } = o;
  const { policy, clock, emit } = deps;
  const start = input.startSample ?? 0;
  const gate = deps.gate ?? openGate;
  const replay = new ReplayBuffer(msToSamples(policy.replayLimitMs) * BYTES_PER_SAMPLE, start);
  const sessions = new SessionSet();
  const sourcePace = new SourcePace(policy.speed);
  const model =
    deps.speech ??
    loadDetector({ detector: policy.speechDetector, sensitivity: policy.speechSensitivity }, FRAME_SAMPLES);
  const speech = input.speech ?? new SpeechTimeline(model, trackerOptions(policy.turnDetection), start);
  const skips = skipsSilence(policy, input.live) ? new SkipPlan(msToSamples(MIN_SKIP_MS), start) : undefined;
  if (skips) speech.onFinal((frame) => skips.frame(frame));
  // The parts refer to each other through these late-bound names; each is set below, before
  // the run starts.
  let recovery!: Recovery;
  let rotation!: Rotation;
  let reader!: InputReader;
  const ack: Acknowledger = new Acknowledger(
    {
      policy,
      counters,
      emit,
      model: deps.endpoint.transcriptionModel,
      speech,
      sentTo: () => feeder.sentTo,
      progressed: () => {
        recovery.progressed();
        changed.notify();
      },
      resend: (cause, session) => recovery.requestResume(cause, session, 'item-failed'),
      fail: (error) => recovery.fail(error),
    },
    replay,
    start,
  );
  const feeder: Feeder = new Feeder(
    {
      policy,
      clock,
      replay,
      sessions,
      ack,
      counters,
      changed,
      sourcePace,
      live: input.live,
      speech,
      skips,
      totalSec: input.totalSec,
      emit,
      atChunk: (silent, from) => rotation.atChunk(silent, from),
      atSkip: () => rotation.atSkip(),
      sendFailed: (cause, session) => recovery.requestResume(cause, session),
    },
    start,
  );
  const opener = new SessionOpener({
    connect: deps.connect,
    endpoint: deps.endpoint,
    policy,
    clock,
    random: deps.random,
    signal: deps.signal,
    gate,
    eventLog: deps.eventLog,
    emit,
    newSession: o.newSession,
  });
  rotation = new Rotation({
    policy,
    clock,
    sessions,
    ack,
    feeder,
    counters,
    emit,
    inputDone: () => reader.ended && feeder.caughtUp,
    lookahead: (from, samples) => replay.read(from, Math.min(samples, replay.end - from)),
    openNext: async () => {
      // An early open has its own failure counter: the current session still works.
      const session = await opener.open({
        purpose: 'rotation-prepare',
        counter: { attempts: 0 },
        fromSec: samplesToSeconds(ack.offset),
        firstOpen: false,
        stopped: () => recovery.fatal,
      });
      counters.sessionOpened();
      return session;
    },
    prepareFailed: (error) => {
      if (isFatal(error)) recovery.fail(error as Error);
      else emit({ type: 'warning', message: `could not open the next session early: ${(error as Error).message}` });
    },
  });
  recovery = new Recovery({
    policy,
    sessions,
    ack,
    feeder,
    rotation,
    counters,
    opener,
    gate,
    latency: new ServiceLatency(policy.drainTimeoutMs),
    eventLog: deps.eventLog,
    changed,
    emit,
    inputSent: () => reader.ended && feeder.caughtUp,
  });
  reader = new InputReader({
    replay,
    clock,
    changed,
    sourcePace,
    live: input.live,
    speech,
    skips,
    sendCursor: () => feeder.sendCursor,
    fail: (error) => recovery.fail(error),
  });
  const late = new LateTranscripts({ policy, replay, sessions, ack, counters, emit });
  return { replay, speech, sessions, ack, feeder, rotation, recovery, reader, late };
}

function isFatal(error: unknown): boolean {
  return isTranscribeError(error) && !['SERVICE_UNAVAILABLE', 'RETRIES_EXHAUSTED'].includes(error.code);
}
