// What the service says about one committed item once its latency has passed: word deltas and
// `completed`, or `failed` when the session's model is not a deployment this service has.
import type { ServerEvent, UnknownEvent } from '../realtime/events.js';
import { SAMPLE_RATE } from '../audio/pcm-format.js';
import { transcribePcm, type Transcription } from './engine.js';
import { itemFailedError } from './item-faults.js';
import { diarize, pieceLogprobs } from './item-extras.js';

type TranscriptionEvent = Extract<
  Exclude<ServerEvent, UnknownEvent>,
  { type: `conversation.item.input_audio_transcription.${string}` }
>;

export interface ItemOutcomeOptions {
  model: string | undefined; // session.audio.input.transcription.model
  deployments?: string[] | undefined; // unset: every model transcribes
  deltas: boolean;
  transcribe?: ((pcm: Int16Array, startMs?: number) => Transcription) | undefined;
  // Where the item's audio starts on the session's clock.
  startMs?: number | undefined;
  // The failItem fault: whether this item, with this would-be transcript, fails instead.
  fails?: ((transcript: string) => boolean) | undefined;
  // The session's include asks for logprobs: on every delta and on the completion.
  logprobs?: boolean | undefined;
  // A diarizing model: a segment event per sentence before the completion.
  diarize?: boolean | undefined;
  // Languages to report as detected (a model that reports them), as ISO-639-1 codes.
  languages?: string[] | undefined;
}

export function transcriptionEvents(
  itemId: string,
  pcm: Int16Array,
  options: ItemOutcomeOptions,
): TranscriptionEvent[] {
  const { model, deployments } = options;
  if (deployments && (model === undefined || !deployments.includes(model))) {
    // Azure wants the deployment name here, not the model name; a wrong one fails each item.
    const why = model === undefined ? 'no transcription model is set' : `deployment '${model}' was not found`;
    return [
      {
        type: 'conversation.item.input_audio_transcription.failed',
        item_id: itemId,
        content_index: 0,
        error: {
          type: 'invalid_request_error',
          code: 'model_not_found',
          message: `Input transcription failed for item '${itemId}': ${why}. Use a deployment name in session.audio.input.transcription.model.`,
          param: 'session.audio.input.transcription.model',
        },
      },
    ];
  }
  const result = (options.transcribe ?? transcribePcm)(pcm, options.startMs);
  if (options.fails?.(result.transcript)) {
    return [
      {
        type: 'conversation.item.input_audio_transcription.failed',
        item_id: itemId,
        content_index: 0,
        error: itemFailedError(itemId),
      },
    ];
  }
  const events: TranscriptionEvent[] = [];
  const words = result.decoded ?? [];
  const logprobs = options.logprobs ? pieceLogprobs(result.deltas, words) : undefined;
  if (options.deltas) {
    for (const [i, delta] of result.deltas.entries()) {
      events.push({
        type: 'conversation.item.input_audio_transcription.delta',
        item_id: itemId,
        content_index: 0,
        delta,
        ...(logprobs ? { logprobs: logprobs[i] ?? [] } : {}),
      });
    }
  }
  if (options.diarize) {
    for (const [i, piece] of diarize(result.deltas, words).entries()) {
      events.push({
        type: 'conversation.item.input_audio_transcription.segment',
        item_id: itemId,
        content_index: 0,
        id: `${itemId}_seg_${i + 1}`,
        ...piece,
      });
    }
  }
  events.push({
    type: 'conversation.item.input_audio_transcription.completed',
    item_id: itemId,
    content_index: 0,
    transcript: result.transcript,
    usage: { type: 'duration', seconds: Math.round((pcm.length / SAMPLE_RATE) * 1000) / 1000 },
    ...(logprobs ? { logprobs: logprobs.flat() } : {}),
    ...(options.languages ? { languages: options.languages.map((code) => ({ code })) } : {}),
  });
  return events;
}
