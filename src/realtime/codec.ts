// The protocol codec: JSON text in, typed events out, and back. No socket, no timer. A server
// message of the wrong shape is a value (ok:false), never a throw, so one odd message cannot take
// down a transcription; an event type we do not know is passed on as `unknown` to be logged.
import type {
  ClientEvent,
  DetectedLanguage,
  LogProb,
  ServerEvent,
  ServerEventType,
  TranscriptionConfig,
  TurnDetection,
} from './events.js';

/** A decoded server message, or why it could not be decoded. */
export type ServerEventDecoding = { ok: true; event: ServerEvent } | { ok: false; error: string };

type Json = Record<string, unknown>;
type Check = (event: Json) => string | undefined;

// Early GA servers used the transcription_session.* names for what GA calls session.*.
const RENAMED: Readonly<Record<string, ServerEventType>> = {
  'transcription_session.created': 'session.created',
  'transcription_session.updated': 'session.updated',
};

const hasSession: Check = (e) => field(e, 'session', 'object');
const itemEvent: Check = (e) =>
  field(e, 'item', 'object') ??
  field(e.item as Json, 'id', 'string', 'item.id') ??
  field(e, 'previous_item_id', 'string|null?');
const errorEvent: Check = (e) => field(e, 'error', 'object') ?? errorDetail(e.error as Json);

const CHECKS: Readonly<Record<ServerEventType, Check>> = {
  'session.created': hasSession,
  'session.updated': hasSession,
  'input_audio_buffer.speech_started': (e) => field(e, 'item_id', 'string') ?? field(e, 'audio_start_ms', 'number'),
  'input_audio_buffer.speech_stopped': (e) => field(e, 'item_id', 'string') ?? field(e, 'audio_end_ms', 'number'),
  'input_audio_buffer.committed': (e) => field(e, 'item_id', 'string') ?? field(e, 'previous_item_id', 'string|null?'),
  'input_audio_buffer.cleared': () => undefined,
  'conversation.item.added': itemEvent,
  'conversation.item.done': itemEvent,
  'conversation.item.created': itemEvent,
  'conversation.item.input_audio_transcription.delta': (e) =>
    field(e, 'item_id', 'string') ?? field(e, 'delta', 'string?') ?? field(e, 'content_index', 'number?'),
  'conversation.item.input_audio_transcription.completed': (e) =>
    field(e, 'item_id', 'string') ??
    field(e, 'transcript', 'string') ??
    field(e, 'content_index', 'number?') ??
    field(e, 'usage', 'object?'),
  'conversation.item.input_audio_transcription.segment': (e) =>
    field(e, 'item_id', 'string') ??
    field(e, 'speaker', 'string') ??
    field(e, 'start', 'number') ??
    field(e, 'end', 'number') ??
    field(e, 'text', 'string') ??
    field(e, 'id', 'string?') ??
    field(e, 'content_index', 'number?'),
  'conversation.item.input_audio_transcription.failed': (e) =>
    field(e, 'item_id', 'string') ?? field(e, 'content_index', 'number?') ?? errorEvent(e),
  error: errorEvent,
};

/** Parses and validates one server message. Never throws. */
export function decodeServerEvent(text: string): ServerEventDecoding {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `not JSON: ${(err as Error).message}` };
  }
  if (!isRecord(value)) return { ok: false, error: `expected a JSON object, got ${kindOf(value)}` };
  const originalType = value.type;
  if (originalType === undefined) return { ok: false, error: 'missing "type"' };
  if (typeof originalType !== 'string')
    return { ok: false, error: `"type" must be a string, got ${kindOf(originalType)}` };

  const type = RENAMED[originalType] ?? originalType;
  const check = Object.hasOwn(CHECKS, type) ? CHECKS[type as ServerEventType] : undefined;
  if (check === undefined) return { ok: true, event: { type: 'unknown', originalType, raw: value } };
  const problem = field(value, 'event_id', 'string?') ?? check(value);
  if (problem !== undefined) return { ok: false, error: `${originalType}: ${problem}` };
  return { ok: true, event: normalize({ ...value, type }) };
}

// Fills the optional fields the types promise, so consumers need not guess between absent and null.
function normalize(event: Json): ServerEvent {
  if (event.type === 'input_audio_buffer.committed' && event.previous_item_id === undefined) {
    event.previous_item_id = null;
  }
  // The SDK types make `delta` optional; an absent one adds nothing to the text.
  if (event.type === 'conversation.item.input_audio_transcription.delta' && event.delta === undefined) {
    event.delta = '';
  }
  // Confidence and languages are extras: a malformed entry is dropped, never the transcript with it.
  if (event.logprobs !== undefined && event.logprobs !== null) event.logprobs = logprobList(event.logprobs);
  if (event.languages !== undefined) event.languages = languageList(event.languages);
  if (isRecord(event.error)) {
    event.error = { ...event.error, type: event.error.type ?? 'error', message: event.error.message ?? '' };
  }
  return event as unknown as ServerEvent;
}

function logprobList(value: unknown): LogProb[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((p): p is Json => isRecord(p) && typeof p.token === 'string' && Number.isFinite(p.logprob))
    .map((p) => ({
      token: p.token as string,
      bytes: Array.isArray(p.bytes) ? p.bytes.filter((b): b is number => Number.isInteger(b)) : [],
      logprob: p.logprob as number,
    }));
}

function languageList(value: unknown): DetectedLanguage[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((l): l is Json => isRecord(l) && typeof l.code === 'string')
    .map((l) => ({ code: l.code as string }));
}

// Servers vary in which error fields they fill; only wrong types are rejected, so that an error
// (possibly a fatal one) is never lost for lack of a message.
function errorDetail(detail: Json): string | undefined {
  return (
    field(detail, 'type', 'string?', 'error.type') ??
    field(detail, 'message', 'string?', 'error.message') ??
    field(detail, 'code', 'string|null?', 'error.code') ??
    field(detail, 'param', 'string|null?', 'error.param') ??
    field(detail, 'event_id', 'string|null?', 'error.event_id')
  );
}

type Kind = 'string' | 'number' | 'object' | 'string?' | 'number?' | 'object?' | 'string|null?';

function field(obj: Json, key: string, kind: Kind, name = key): string | undefined {
  const value = obj[key];
  if (kind.endsWith('?') && value === undefined) return undefined;
  if (kind === 'string|null?' && value === null) return undefined;
  const base = kind.replace('|null', '').replace('?', '');
  const ok =
    base === 'number'
      ? typeof value === 'number' && Number.isFinite(value)
      : base === 'object'
        ? isRecord(value)
        : typeof value === base;
  if (ok) return undefined;
  const expected = kind === 'string|null?' ? 'a string or null' : base === 'object' ? 'an object' : `a ${base}`;
  return value === undefined ? `missing "${name}"` : `"${name}" must be ${expected}, got ${kindOf(value)}`;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
}

/** Serialises one client event. */
export function encodeClientEvent(event: ClientEvent): string {
  return JSON.stringify(event);
}

// The service's limit on one append event.
const MAX_APPEND_BASE64_BYTES = 15 * 1024 * 1024;

// The builders below leave `event_id` out: the session that sends an event gives it its id
// (transcriber/session.ts), so that an `error` can be matched to the event it answers.

/** An input_audio_buffer.append carrying `pcm` (PCM16 LE mono 24 kHz). */
export function appendEvent(pcm: Buffer): ClientEvent {
  const audio = pcm.toString('base64');
  if (audio.length > MAX_APPEND_BASE64_BYTES) {
    throw new RangeError(`one append may carry at most 15 MiB of base64 audio; got ${pcm.length} bytes of PCM`);
  }
  return { type: 'input_audio_buffer.append', audio };
}

/** An input_audio_buffer.commit (the client ends an utterance). */
export function commitEvent(): ClientEvent {
  return { type: 'input_audio_buffer.commit' };
}

/** An input_audio_buffer.clear (answered by input_audio_buffer.cleared). */
export function clearEvent(): ClientEvent {
  return { type: 'input_audio_buffer.clear' };
}

export interface SessionUpdateOptions {
  /** The deployment name on Azure, the model on OpenAI. */
  model: string;
  language?: string | undefined;
  languages?: readonly string[] | undefined;
  keywords?: readonly string[] | undefined;
  delay?: TranscriptionConfig['delay'] | undefined;
  prompt?: string | undefined;
  turnDetection: TurnDetection;
  /**
   * Omitted or null: not sent, which leaves noise reduction off (the service's default). Null is
   * never sent: the official SDK's type for transcription sessions does not allow it.
   */
  noiseReduction?: 'near_field' | 'far_field' | null | undefined;
  logprobs?: boolean | undefined;
}

/** The GA session.update that configures a transcription session. Unset optional fields are left out. */
export function sessionUpdate(opts: SessionUpdateOptions): ClientEvent {
  const transcription: TranscriptionConfig = { model: opts.model };
  if (opts.language) transcription.language = opts.language;
  if (opts.languages?.length) transcription.languages = [...opts.languages];
  if (opts.keywords?.length) transcription.keywords = [...opts.keywords];
  if (opts.delay) transcription.delay = opts.delay;
  if (opts.prompt !== undefined) transcription.prompt = opts.prompt;
  return {
    type: 'session.update',
    session: {
      type: 'transcription',
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24000 },
          transcription,
          ...(opts.noiseReduction ? { noise_reduction: { type: opts.noiseReduction } } : {}),
          turn_detection: opts.turnDetection,
        },
      },
      ...(opts.logprobs ? { include: ['item.input_audio_transcription.logprobs'] } : {}),
    },
  };
}

/** A copy of an event fit for an event log: every base64 `audio` string becomes `<N bytes>`. */
export function describeEventForLog(
  event: ServerEvent | ClientEvent | Record<string, unknown>,
): Record<string, unknown> {
  return elide(event, 0) as Record<string, unknown>;
}

// Events are JSON trees a few levels deep; the bound only guards against cyclic objects.
const MAX_LOG_DEPTH = 12;

function elide(value: unknown, depth: number): unknown {
  if (depth > MAX_LOG_DEPTH) return '<…>';
  if (Array.isArray(value)) return value.map((v) => elide(v, depth + 1));
  if (!isRecord(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] =
      key === 'audio' && typeof v === 'string' ? `<${Buffer.byteLength(v, 'base64')} bytes>` : elide(v, depth + 1);
  }
  return out;
}
