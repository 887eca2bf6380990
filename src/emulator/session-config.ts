// A transcription session's configuration: the defaults a new session starts with, validation and
// merging of `session.update`, and the session object echoed in `session.created` / `.updated`.
// Errors name the offending parameter the way the service does (`param`), and leave the session
// and its previous configuration untouched.
import type { ErrorDetail, TurnDetection } from '../realtime/events.js';
import { SAMPLE_RATE } from '../audio/pcm-format.js';
import type { VadSettings } from './vad.js';
import {
  arrayTooLong,
  MAX_INCLUDE_ENTRIES,
  MAX_INCLUDE_ENTRY_LENGTH,
  shown,
  STRING_LIMITS,
  stringTooLong,
} from './limits.js';

export interface SessionState {
  transcription: {
    model?: string;
    language?: string;
    languages?: string[];
    keywords?: string[];
    delay?: (typeof DELAYS)[number];
    prompt?: string;
  };
  noiseReduction: { type: 'near_field' | 'far_field' } | null;
  turnDetection: TurnDetection;
  include: string[] | null;
}

// AudioTranscription.delay in the SDK's types.
const DELAYS = ['minimal', 'low', 'medium', 'high', 'xhigh'] as const;

const SERVER_VAD_DEFAULTS = { threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 };

// What a transcription session starts with before any update: server VAD with its defaults.
export function defaultSessionState(): SessionState {
  return {
    transcription: {},
    noiseReduction: null,
    turnDetection: { type: 'server_vad', ...SERVER_VAD_DEFAULTS },
    include: null,
  };
}

// The VAD to run, or null for manual commits. semantic_vad runs as server_vad with its defaults.
export function vadSettings(turnDetection: TurnDetection): VadSettings | null {
  if (turnDetection === null) return null;
  const given: { threshold?: number; prefix_padding_ms?: number; silence_duration_ms?: number } =
    turnDetection.type === 'server_vad' ? turnDetection : {};
  return {
    threshold: given.threshold ?? SERVER_VAD_DEFAULTS.threshold,
    prefixPaddingMs: given.prefix_padding_ms ?? SERVER_VAD_DEFAULTS.prefix_padding_ms,
    silenceDurationMs: given.silence_duration_ms ?? SERVER_VAD_DEFAULTS.silence_duration_ms,
  };
}

// Unset optional fields are left out, not sent as null, as the SDK types describe them;
// turn_detection is null when it is off (that null is a value).
export function describeSession(id: string, state: SessionState): Record<string, unknown> {
  return {
    id,
    object: 'realtime.transcription_session',
    type: 'transcription',
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: SAMPLE_RATE },
        transcription: { ...state.transcription },
        ...(state.noiseReduction && { noise_reduction: state.noiseReduction }),
        turn_detection: state.turnDetection,
      },
    },
    ...(state.include && { include: state.include }),
  };
}

export type UpdateResult = { ok: true; state: SessionState } | { ok: false; error: ErrorDetail };

class Invalid extends Error {
  constructor(
    readonly param: string,
    message: string,
    readonly code = 'invalid_value',
  ) {
    super(message);
  }

  static from(error: ErrorDetail): Invalid {
    return new Invalid(error.param ?? 'session', error.message, error.code ?? 'invalid_value');
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

// Fields of the retired beta session shape: the GA service rejects them by name.
const BETA_FIELDS = [
  'input_audio_format',
  'input_audio_transcription',
  'turn_detection',
  'input_audio_noise_reduction',
];

export function applySessionUpdate(current: SessionState, session: unknown): UpdateResult {
  try {
    return { ok: true, state: merge(current, session) };
  } catch (err) {
    if (!(err instanceof Invalid)) throw err;
    return {
      ok: false,
      error: { type: 'invalid_request_error', code: err.code, message: err.message, param: err.param },
    };
  }
}

function merge(current: SessionState, session: unknown): SessionState {
  if (!isObj(session)) throw new Invalid('session', "Invalid 'session': expected an object.", 'invalid_type');
  for (const field of BETA_FIELDS) {
    if (field in session) {
      throw new Invalid(`session.${field}`, `Unknown parameter: 'session.${field}'.`, 'unknown_parameter');
    }
  }
  if (session.type === undefined) {
    throw new Invalid('session.type', "Missing required parameter: 'session.type'.", 'missing_required_parameter');
  }
  if (session.type !== 'transcription') {
    throw new Invalid(
      'session.type',
      `Invalid value: '${shown(session.type)}'. This is a transcription session: 'session.type' must be 'transcription'.`,
    );
  }
  const next: SessionState = { ...current, transcription: { ...current.transcription } };
  if (session.include !== undefined) next.include = stringArray(session.include, 'session.include');
  const audio = optionalObj(session.audio, 'session.audio');
  const input = optionalObj(audio?.input, 'session.audio.input');
  if (!input) return next;

  const format = optionalObj(input.format, 'session.audio.input.format');
  if (format) {
    if (format.type !== 'audio/pcm') {
      throw new Invalid(
        'session.audio.input.format.type',
        `Invalid value: '${shown(format.type)}'. This service transcribes only 'audio/pcm' (PCM16 little-endian mono).`,
      );
    }
    if (format.rate !== undefined && format.rate !== SAMPLE_RATE) {
      throw new Invalid(
        'session.audio.input.format.rate',
        `Invalid value: ${shown(format.rate)}. 'audio/pcm' input must be ${SAMPLE_RATE} Hz.`,
      );
    }
  }
  if (input.transcription !== undefined) next.transcription = transcription(input.transcription);
  if (input.noise_reduction !== undefined) next.noiseReduction = noiseReduction(input.noise_reduction);
  if (input.turn_detection !== undefined) next.turnDetection = turnDetection(input.turn_detection);
  return next;
}

function optionalObj(value: unknown, param: string): Obj | undefined {
  return value === undefined ? undefined : obj(value, param);
}

function obj(value: unknown, param: string): Obj {
  if (!isObj(value)) throw new Invalid(param, `Invalid '${param}': expected an object.`, 'invalid_type');
  return value;
}

function stringArray(value: unknown, param: string): string[] | null {
  if (value === null) return null;
  if (!Array.isArray(value)) {
    throw new Invalid(param, `Invalid '${param}': expected an array of strings.`, 'invalid_type');
  }
  if (value.length > MAX_INCLUDE_ENTRIES) throw Invalid.from(arrayTooLong(param, value.length, MAX_INCLUDE_ENTRIES));
  value.forEach((entry: unknown, i) => {
    if (typeof entry !== 'string') {
      throw new Invalid(param, `Invalid '${param}': expected an array of strings.`, 'invalid_type');
    }
    if (entry.length > MAX_INCLUDE_ENTRY_LENGTH) {
      throw Invalid.from(stringTooLong(`${param}[${i}]`, entry.length, MAX_INCLUDE_ENTRY_LENGTH));
    }
  });
  return [...(value as string[])];
}

function optionalString(value: unknown, param: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new Invalid(param, `Invalid '${param}': expected a string.`, 'invalid_type');
  const max = STRING_LIMITS[param];
  if (max !== undefined && value.length > max) throw Invalid.from(stringTooLong(param, value.length, max));
  return value;
}

function transcription(value: unknown): SessionState['transcription'] {
  if (value === null) return {};
  const t = obj(value, 'session.audio.input.transcription');
  const out: SessionState['transcription'] = {};
  const model = optionalString(t.model, 'session.audio.input.transcription.model');
  const language = optionalString(t.language, 'session.audio.input.transcription.language');
  const prompt = optionalString(t.prompt, 'session.audio.input.transcription.prompt');
  const languages =
    t.languages == null ? null : stringArray(t.languages, 'session.audio.input.transcription.languages');
  const keywords = t.keywords == null ? null : stringArray(t.keywords, 'session.audio.input.transcription.keywords');
  const delay = optionalString(t.delay, 'session.audio.input.transcription.delay');
  if (delay !== undefined && !(DELAYS as readonly string[]).includes(delay)) {
    throw new Invalid(
      'session.audio.input.transcription.delay',
      `Invalid value: '${delay}'. Supported values are: ${DELAYS.map((d) => `'${d}'`).join(', ')}.`,
    );
  }
  if (model !== undefined) out.model = model;
  if (language !== undefined) out.language = language;
  if (languages) out.languages = languages;
  if (keywords) out.keywords = keywords;
  if (delay !== undefined) out.delay = delay as (typeof DELAYS)[number];
  if (prompt !== undefined) out.prompt = prompt;
  return out;
}

function noiseReduction(value: unknown): SessionState['noiseReduction'] {
  if (value === null) return null;
  const n = obj(value, 'session.audio.input.noise_reduction');
  if (n.type !== 'near_field' && n.type !== 'far_field') {
    throw new Invalid(
      'session.audio.input.noise_reduction.type',
      `Invalid value: '${shown(n.type)}'. Supported values are: 'near_field' and 'far_field'.`,
    );
  }
  return { type: n.type };
}

function turnDetection(value: unknown): TurnDetection {
  if (value === null) return null;
  const base = 'session.audio.input.turn_detection';
  const t = obj(value, base);
  if (t.type === 'semantic_vad') {
    const eagerness = t.eagerness ?? 'auto';
    if (eagerness !== 'low' && eagerness !== 'medium' && eagerness !== 'high' && eagerness !== 'auto') {
      throw new Invalid(
        `${base}.eagerness`,
        `Invalid value: '${shown(eagerness)}'. Supported values are: 'low', 'medium', 'high' and 'auto'.`,
      );
    }
    return { type: 'semantic_vad', eagerness };
  }
  if (t.type !== 'server_vad') {
    throw new Invalid(
      `${base}.type`,
      `Invalid value: '${shown(t.type)}'. Supported values are: 'server_vad' and 'semantic_vad'.`,
    );
  }
  return {
    type: 'server_vad',
    threshold: number(t.threshold, `${base}.threshold`, 0, 1, SERVER_VAD_DEFAULTS.threshold),
    prefix_padding_ms: number(
      t.prefix_padding_ms,
      `${base}.prefix_padding_ms`,
      0,
      10_000,
      SERVER_VAD_DEFAULTS.prefix_padding_ms,
    ),
    silence_duration_ms: number(
      t.silence_duration_ms,
      `${base}.silence_duration_ms`,
      0,
      10_000,
      SERVER_VAD_DEFAULTS.silence_duration_ms,
    ),
  };
}

function number(value: unknown, param: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new Invalid(
      param,
      `Invalid value: ${shown(JSON.stringify(value))}. '${param}' must be a number from ${min} to ${max}.`,
    );
  }
  return value;
}
