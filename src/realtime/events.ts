// Typed events of the GA Realtime transcription protocol (../../shared/spec/realtime-protocol.md).
// Shared by the client codec and the emulator; no I/O here.

/** Who ends an utterance: the server's VAD (`server_vad`, `semantic_vad`), or nobody (`null`: the client commits). */
export type TurnDetection =
  | { type: 'server_vad'; threshold?: number; prefix_padding_ms?: number; silence_duration_ms?: number }
  | { type: 'semantic_vad'; eagerness?: 'low' | 'medium' | 'high' | 'auto' }
  | null;

/** The transcription settings of a session: model, language, prompt. */
export interface TranscriptionConfig {
  model: string;
  language?: string;
  /** Several possible languages (gpt-transcribe, gpt-live-transcribe). */
  languages?: string[];
  /** Words or phrases to expect (gpt-transcribe, gpt-live-transcribe). */
  keywords?: string[];
  /** How long to wait before emitting text (gpt-realtime-whisper). */
  delay?: 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
  prompt?: string;
}

/** The `session` of a `session.update`: audio format, transcription, turn detection, noise reduction. */
export interface SessionConfig {
  type: 'transcription';
  audio: {
    input: {
      format: { type: 'audio/pcm'; rate: 24000 };
      transcription: TranscriptionConfig;
      // Left out when off: the official SDK's type does not allow null here.
      noise_reduction?: { type: 'near_field' | 'far_field' } | null;
      turn_detection: TurnDetection;
    };
  };
  include?: string[];
}

/** What a completed item was billed: seconds of audio (whisper-1 and some deployments) or tokens. */
/** Usage the service reports with a completed transcription (tokens or seconds). */
export type TranscriptionUsage =
  | { type: 'duration'; seconds: number }
  | {
      type: 'tokens';
      input_tokens: number;
      output_tokens: number;
      total_tokens: number;
      input_token_details?: { audio_tokens?: number; text_tokens?: number };
    };

/** One token's log probability, as the SDK's LogProbProperties (sent with `include` logprobs). */
export interface LogProb {
  token: string;
  /** The token's UTF-8 bytes. */
  bytes: number[];
  logprob: number;
}

/** A language the service detected in an item (the SDK's TranscriptionLanguage). */
export interface DetectedLanguage {
  code: string;
}

/** The `error` object of an `error` event. */
export interface ErrorDetail {
  type: string;
  code?: string | null;
  message: string;
  param?: string | null;
  event_id?: string | null;
}

// ---- client → server ----
/** Every event the client sends. */
export type ClientEvent =
  | { type: 'session.update'; event_id?: string; session: SessionConfig }
  | { type: 'input_audio_buffer.append'; event_id?: string; audio: string }
  | { type: 'input_audio_buffer.commit'; event_id?: string }
  | { type: 'input_audio_buffer.clear'; event_id?: string };

// ---- server → client ----
/** The session exists (`session.created`) or took an update (`session.updated`). */
export interface SessionCreatedEvent {
  type: 'session.created' | 'session.updated';
  event_id?: string;
  session: Record<string, unknown>;
}
/** The server's VAD heard speech begin. */
export interface SpeechStartedEvent {
  type: 'input_audio_buffer.speech_started';
  event_id?: string;
  item_id: string;
  audio_start_ms: number;
}
/** The server's VAD heard speech end. */
export interface SpeechStoppedEvent {
  type: 'input_audio_buffer.speech_stopped';
  event_id?: string;
  item_id: string;
  audio_end_ms: number;
}
/** The input buffer was committed as an item (`previous_item_id` gives the order). */
export interface CommittedEvent {
  type: 'input_audio_buffer.committed';
  event_id?: string;
  item_id: string;
  previous_item_id: string | null;
}
/** The input buffer was cleared. */
export interface ClearedEvent {
  type: 'input_audio_buffer.cleared';
  event_id?: string;
}
/** A conversation item was added, created or done. */
export interface ItemEvent {
  type: 'conversation.item.added' | 'conversation.item.done' | 'conversation.item.created';
  event_id?: string;
  previous_item_id?: string | null;
  item: { id: string; [key: string]: unknown };
}
/** Interim text of an item's transcription. */
export interface TranscriptionDeltaEvent {
  type: 'conversation.item.input_audio_transcription.delta';
  event_id?: string;
  item_id: string;
  content_index?: number;
  /** Optional on the wire (as in the SDK types); the codec fills an absent one with ''. */
  delta: string;
  /** With `include: ["item.input_audio_transcription.logprobs"]`: the delta's tokens. */
  logprobs?: LogProb[] | null;
}
/** An item's final transcript. */
export interface TranscriptionCompletedEvent {
  type: 'conversation.item.input_audio_transcription.completed';
  event_id?: string;
  item_id: string;
  content_index?: number;
  transcript: string;
  usage?: TranscriptionUsage | Record<string, unknown>;
  /** With `include: ["item.input_audio_transcription.logprobs"]`: every token of the transcript. */
  logprobs?: LogProb[] | null;
  /** The languages detected in the item (gpt-transcribe); empty when none could be told. */
  languages?: DetectedLanguage[];
}
/**
 * A diarized piece of an item (gpt-4o-transcribe-diarize): who spoke, when, what. `start` and `end`
 * are seconds; the SDK does not say from where: read here as from the start of the item's audio.
 */
interface TranscriptionSegmentEvent {
  type: 'conversation.item.input_audio_transcription.segment';
  event_id?: string;
  item_id: string;
  content_index?: number;
  id?: string;
  speaker: string;
  start: number;
  end: number;
  text: string;
}
/** The service could not transcribe an item. */
export interface TranscriptionFailedEvent {
  type: 'conversation.item.input_audio_transcription.failed';
  event_id?: string;
  item_id: string;
  content_index?: number;
  error: ErrorDetail;
}
/** An `error` event; the connection may stay open. */
export interface ErrorEvent {
  type: 'error';
  event_id?: string;
  error: ErrorDetail;
}
/** Any event whose type this client does not know: logged, never fatal. */
/** A server event this client does not know, passed on with its original type and JSON. */
export interface UnknownEvent {
  type: 'unknown';
  originalType: string;
  raw: Record<string, unknown>;
}

/** Every server event a Transport delivers, decoded. */
export type ServerEvent =
  | SessionCreatedEvent
  | SpeechStartedEvent
  | SpeechStoppedEvent
  | CommittedEvent
  | ClearedEvent
  | ItemEvent
  | TranscriptionDeltaEvent
  | TranscriptionCompletedEvent
  | TranscriptionSegmentEvent
  | TranscriptionFailedEvent
  | ErrorEvent
  | UnknownEvent;

/** The `type` of every known server event. */
export type ServerEventType = Exclude<ServerEvent['type'], 'unknown'>;
