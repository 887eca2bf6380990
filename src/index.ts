// The public library API: re-exports only. Every name here is a promise to users; what only the
// CLI needs is imported by the CLI from its own module.

// The run.
export { transcribe, type TranscribeRun, type RunEndpoint } from './run/transcribe.js';
export { resolveService, type ResolvedService } from './run/service.js';
export type { TranscribeOptions, PcmInput } from './run/options.js';
export { measureInput, type InputMeasure } from './run/measure.js';
export type { PolicyOptions } from './transcriber/options.js';
export type { DetectorKind, Sensitivity, DetectorSettings } from './speech/detector.js';
export type { EndpointOptions, Provider } from './realtime/endpoint.js';
export type { RawInputFormat, RawEncoding } from './audio/raw-format.js';
export type { SessionGate, SessionOutcome } from './transcriber/gate/session-gate.js';
export type { Clock } from './util/clock.js';
export type { ResumeState, DoneRange } from './transcriber/spans/resume.js';

// What a run reports.
export type { Segment, SpeakerTurn } from './transcriber/segment.js';
export type {
  TranscribeEvent,
  RunSummary,
  SessionEndReason,
  NotTranscribedSpan,
  SpanProgress,
  SpanState,
} from './transcriber/events.js';
export type {
  SegmentEvent,
  AcknowledgedEvent,
  SpanCheckpointEvent,
  PartialEvent,
  SessionOpenEvent,
  SessionEndEvent,
  ReconnectEvent,
  ProgressEvent,
  WarningEvent,
  NotTranscribedEvent,
  DoneEvent,
} from './run/event-types.js';

// Errors.
export { TranscribeError, isTranscribeError, type ErrorCode, type TranscribeErrorOptions } from './errors.js';

// The transport seam: what a custom `connect` implements, and the protocol events it carries.
export {
  ConnectError,
  type Connect,
  type Transport,
  type ConnectRequest,
  type CloseInfo,
  type CloseCause,
} from './realtime/transport-types.js';
export { decodeServerEvent, encodeClientEvent, type ServerEventDecoding } from './realtime/codec.js';
export type {
  ClientEvent,
  ServerEvent,
  ServerEventType,
  SessionConfig,
  TranscriptionConfig,
  TurnDetection,
  TranscriptionUsage,
  ErrorDetail,
  SessionCreatedEvent,
  SpeechStartedEvent,
  SpeechStoppedEvent,
  CommittedEvent,
  ClearedEvent,
  ItemEvent,
  TranscriptionDeltaEvent,
  TranscriptionCompletedEvent,
  TranscriptionFailedEvent,
  ErrorEvent,
  UnknownEvent,
} from './realtime/events.js';
