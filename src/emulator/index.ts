// A local emulator of the OpenAI / Azure OpenAI Realtime transcription service (GA protocol),
// with server VAD, a tonecode engine and fault injection, for testing Realtime clients offline:
// over a socket (startEmulator) or in process behind a Connect (startInProcessEmulator).
export { startEmulator } from './server.js';
export { startInProcessEmulator, type InProcessEmulator } from './in-process.js';
// The clock an in-process emulator and the client under test share, to run hours in seconds.
export { VirtualClock } from '../util/virtual-clock.js';
export type { Clock } from '../util/clock.js';
export { formatStats } from './stats.js';
// The marker written for sound that is not tonecode, and how to recognise it.
export { speechMarker, isLoneSpeechMarker, SPEECH_MARKER, SPEECH_MARKERS, SPEECH_MARKER_FORM } from './marker.js';
// Recording what each session received (tests, debugging).
export { SessionRecorder, wavDirRecorder, type RecordAudio } from './recorder.js';
export type {
  EmulatorOptions,
  FaultOptions,
  DeafAfterError,
  RunningEmulator,
  EmulatorStats,
  SessionRecord,
  EndReason,
} from './types.js';
