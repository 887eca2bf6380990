// What a session manager is given: its collaborators (ManagerDeps) and the input it streams
// (ManagerInput). Apart from manager.ts so that the parts it wires (run-assembly.ts) can name
// them without importing the manager.
import type { Clock } from '../util/clock.js';
import type { Connect } from '../realtime/transport-types.js';
import type { ResolvedEndpoint } from '../realtime/index.js';
import type { SessionGate } from './gate/session-gate.js';
import type { TranscribeEvent } from './events.js';
import type { PolicyOptions } from './options.js';
import type { EventLog } from './event-log.js';
import type { DetectorModel } from '../speech/detector.js';
import type { SpeechTimeline } from '../speech/timeline.js';

export interface ManagerDeps {
  connect: Connect;
  endpoint: ResolvedEndpoint;
  clock: Clock;
  random: () => number;
  policy: PolicyOptions;
  emit: (event: TranscribeEvent) => void;
  eventLog: EventLog;
  signal?: AbortSignal | undefined;
  /** After `signal`: stop waiting for outstanding transcripts at once (a second Ctrl-C). */
  stopNow?: AbortSignal | undefined;
  /** Shared concurrency limit (batch runs); none by default. */
  gate?: SessionGate | undefined;
  /** Notices said once for the whole invocation (parallel spans share it). */
  notices?: Set<string> | undefined;
  /** The speech detector, loaded once for the invocation; made from the policy when not given. */
  speech?: DetectorModel | undefined;
  /** Session numbers shared by runs that make one transcript (parallel spans); 1, 2, … by default. */
  sessionNumbers?: { next(): number } | undefined;
}

export interface ManagerInput {
  pcm: AsyncIterable<Buffer>;
  totalSec?: number | undefined;
  /** A live stream is read as it arrives, even while reconnecting; a file is read just ahead. */
  live: boolean;
  /** Input sample of the first PCM delivered (a run continued from a checkpoint). */
  startSample?: number;
  /**
   * The run's speech timeline, when the caller has already let it hear the input before
   * `startSample` (a continued run), so it hears every frame as an uninterrupted run would.
   */
  speech?: SpeechTimeline | undefined;
}
