// The line a user sees when the service refuses the session configuration: the service's own
// words and `param`, and the option that sets that field. A rejected session.update is answered
// with an `error` and no `session.updated`; retrying the same configuration cannot help.
import { TranscribeError } from '../errors.js';
import type { ErrorDetail } from './events.js';
import { redact } from '../util/redact.js';

interface ParamHint {
  /** Matched against the param without its `session.` prefix. */
  pattern: RegExp;
  hint: string;
}

// First match wins: the specific VAD fields before turn_detection as a whole. The older
// (beta) field names are matched too, since some servers still report them.
/** The hint for a refused turn detection (exported: the CLI words it its own way). */
export const TURN_DETECTION_HINT =
  'set it with `turnDetection: null` (the client commits) for gpt-live-transcribe and gpt-realtime-whisper; semantic_vad is not supported everywhere';
/** The hint for a refused audio format (exported: the CLI words it its own way). */
export const AUDIO_FORMAT_HINT = 'no option sets the audio format (always PCM16 24 kHz): please report this';

const PARAM_HINTS: readonly ParamHint[] = [
  {
    pattern: /turn_detection\.threshold$/,
    hint: 'set it with `turnDetection.threshold` (0 to 1), or `turnDetection: null`',
  },
  {
    pattern: /turn_detection\.silence_duration_ms$/,
    hint: 'set it with `turnDetection.silence_duration_ms`, or `turnDetection: null`',
  },
  {
    pattern: /turn_detection\.prefix_padding_ms$/,
    hint: 'set it with `turnDetection.prefix_padding_ms`, or `turnDetection: null`',
  },
  { pattern: /turn_detection(\.|$)/, hint: TURN_DETECTION_HINT },
  {
    pattern: /transcription\.language$/,
    hint: 'set it with `language` (an ISO-639-1 code such as en), or leave it out',
  },
  {
    pattern: /transcription\.prompt$/,
    hint: 'set it with `prompt`, or leave it out (gpt-realtime-whisper takes no prompt)',
  },
  {
    pattern: /transcription\.model$|transcription$/,
    hint: 'set it with `deployment` (Azure: the deployment name) or `model` (OpenAI: the transcription model)',
  },
  { pattern: /noise_reduction(\.|$)/, hint: 'set it with `noiseReduction: near_field|far_field|null`' },
  { pattern: /format(\.|$)/, hint: AUDIO_FORMAT_HINT },
  {
    pattern: /^type$/,
    hint: 'the endpoint does not take transcription sessions: check `endpoint` (…/v1/realtime?intent=transcription, no model in the URL)',
  },
];

const GENERIC_HINT = 'check `turnDetection`, `language`, `prompt`, `noiseReduction` and `deployment` / `model`';

// Enough of the service's message for one line.
const MAX_MESSAGE_CHARS = 300;

/** The hint naming the option that sets `param` (a generic one when none does). */
export function optionHintForParam(param: string | null | undefined): string {
  const field = (param ?? '').trim().replace(/^session\./, '');
  if (field === '') return GENERIC_HINT;
  return PARAM_HINTS.find((f) => f.pattern.test(field))?.hint ?? GENERIC_HINT;
}

/** `CONFIG_REJECTED`: the service refused the configuration; message quotes it, hint names the option. */
export function configRejectedError(detail: ErrorDetail, secrets: readonly string[] = []): TranscribeError {
  let words = (detail.message ?? '').replace(/\s+/g, ' ').trim();
  if (words.length > MAX_MESSAGE_CHARS) words = `${words.slice(0, MAX_MESSAGE_CHARS - 1)}…`;
  const facts = [
    detail.param ? `param ${detail.param}` : undefined,
    detail.code ? `code ${detail.code}` : undefined,
  ].filter(Boolean);
  const quoted = words === '' ? 'no message' : `"${words}"`;
  const message = `the service rejected the session configuration: ${quoted}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`;
  return new TranscribeError('CONFIG_REJECTED', redact(message, secrets), { hint: optionHintForParam(detail.param) });
}
