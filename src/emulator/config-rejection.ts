// The rejectConfig fault: a service that does not accept part of a configuration (server VAD for a
// model that needs none, a prompt where none is taken, an unsupported language) answers the
// session.update with an error naming the parameter, and sends no session.updated. Pure.
import type { ErrorDetail } from '../realtime/events.js';

export interface ConfigRejection {
  param: string;
  // Only this value of the parameter is rejected (default: any value but null).
  value?: string;
  message?: string;
}

// Short names for the common cases, as `emulate --reject-config NAME` takes them.
export const REJECTABLE: Readonly<Record<string, ConfigRejection>> = {
  turn_detection: {
    param: 'session.audio.input.turn_detection',
    message: "This model does not support turn detection: set 'session.audio.input.turn_detection' to null.",
  },
  semantic_vad: {
    param: 'session.audio.input.turn_detection.type',
    value: 'semantic_vad',
    message: "Invalid value: 'semantic_vad'. Semantic VAD is not supported for this deployment: use 'server_vad'.",
  },
  prompt: {
    param: 'session.audio.input.transcription.prompt',
    message: "This model does not support a prompt: remove 'session.audio.input.transcription.prompt'.",
  },
  language: {
    param: 'session.audio.input.transcription.language',
    message: "Invalid value for 'session.audio.input.transcription.language': this language is not supported.",
  },
  model: {
    param: 'session.audio.input.transcription.model',
    message:
      "Invalid value for 'session.audio.input.transcription.model': this model cannot be used in a transcription session.",
  },
  noise_reduction: {
    param: 'session.audio.input.noise_reduction',
    message:
      "Invalid value for 'session.audio.input.noise_reduction': noise reduction is not supported for this model.",
  },
};

// The error answering this update, or null when the update does not set the rejected parameter.
export function rejection(rule: ConfigRejection, update: unknown, eventId: string | null): ErrorDetail | null {
  // The param is a path from the event: 'session.audio.input…'.
  const value = rule.param
    .split('.')
    .slice(1)
    .reduce<unknown>(
      (at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined),
      update,
    );
  if (value === undefined || value === null) return null;
  if (rule.value !== undefined && value !== rule.value) return null;
  return {
    type: 'invalid_request_error',
    code: 'invalid_value',
    message: rule.message ?? `Invalid value for '${rule.param}': not supported by this service.`,
    param: rule.param,
    event_id: eventId,
  };
}
