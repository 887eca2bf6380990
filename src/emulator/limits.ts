// What the emulated service accepts at most, so that a client (or a stray script) cannot make it
// grow: the uncommitted audio it holds, and the length of each configuration string and list it
// stores and echoes. Each limit is answered with an `error` shaped as the OpenAI API words its
// length errors ("string too long. Expected a string with maximum length N, but got … length M
// instead."), and the offending event changes nothing. Pure.
import type { ErrorDetail } from '../realtime/events.js';
import { SAMPLE_RATE } from '../audio/pcm-format.js';

// Uncommitted audio: no limit is documented; one append may carry 15 MiB, and the buffer holds at
// most as much again (327.68 s of 24 kHz PCM16), far beyond any utterance a client commits.
const MAX_BUFFER_BYTES = 15 * 1024 * 1024;
export const MAX_BUFFER_SAMPLES = MAX_BUFFER_BYTES / 2;

// The prompt: 1024 characters is what the service has been seen to enforce for transcription
// prompts ("Invalid '…prompt': string too long"). model, language and include are not documented:
// these are ours, each many times what a real value needs (a deployment name is at most 64
// characters, a BCP 47 language tag well under 35, include has one defined value today).
export const STRING_LIMITS: Readonly<Record<string, number>> = {
  'session.audio.input.transcription.prompt': 1024,
  'session.audio.input.transcription.model': 64,
  'session.audio.input.transcription.language': 35,
};
export const MAX_INCLUDE_ENTRIES = 16;
export const MAX_INCLUDE_ENTRY_LENGTH = 128;

// A value shown in an error message is cut, so that the answer to a huge value is not huge.
export function shown(value: unknown, max = 64): string {
  const text = String(value);
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

export function stringTooLong(param: string, length: number, max: number): ErrorDetail {
  return {
    type: 'invalid_request_error',
    code: 'string_above_max_length',
    message: `Invalid '${param}': string too long. Expected a string with maximum length ${max}, but got a string with length ${length} instead.`,
    param,
  };
}

export function arrayTooLong(param: string, length: number, max: number): ErrorDetail {
  return {
    type: 'invalid_request_error',
    code: 'array_above_max_length',
    message: `Invalid '${param}': array too long. Expected an array with maximum length ${max}, but got an array with length ${length} instead.`,
    param,
  };
}

// The error for an append that would take the uncommitted audio past the cap, or null.
export function bufferFull(heldSamples: number, appendedSamples: number, eventId: string | null): ErrorDetail | null {
  if (heldSamples + appendedSamples <= MAX_BUFFER_SAMPLES) return null;
  const seconds = (MAX_BUFFER_SAMPLES / SAMPLE_RATE).toFixed(2);
  return {
    type: 'invalid_request_error',
    code: 'input_audio_buffer_full',
    message: `The input audio buffer holds at most 15 MiB (${seconds} s) of uncommitted audio: commit or clear it before appending more.`,
    param: 'audio',
    event_id: eventId,
  };
}
