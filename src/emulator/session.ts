// One Realtime transcription session, as the protocol sees it: client events in, server events out.
// No socket and no timer of its own: the host (connection.ts) delivers text, carries events out,
// schedules the transcription latency and closes the socket when asked. Faults of time and
// transport (drop, stall, cap, pace) live in the host; faults in what the service says (deafness,
// withheld or failed transcripts, a rejected configuration, commit semantics) are options here.
import type { ErrorDetail, ServerEvent, UnknownEvent } from '../realtime/events.js';
import { msToSamples, samplesToMs } from '../audio/pcm-format.js';
import { decodeAppend } from './append-audio.js';
import { rejection, type ConfigRejection } from './config-rejection.js';
import type { Transcription } from './engine.js';
import { InputBuffer } from './input-buffer.js';
import { bufferFull, shown } from './limits.js';
import {
  applySessionUpdate,
  defaultSessionState,
  describeSession,
  vadSettings,
  type SessionState,
} from './session-config.js';
import { transcriptionEvents } from './transcription.js';
import { SpeechVad, type VadEvent } from './vad.js';
import type { DetectorKind } from '../speech/detector.js';

export type OutgoingEvent = Exclude<ServerEvent, UnknownEvent>;
export type CloseWhy = 'beta-shape' | 'error' | 'expire';

export interface SessionHost {
  send(event: OutgoingEvent): void;
  after(serviceMs: number, fn: () => void): void;
  // Close with a close frame; `why` goes into the session record.
  close(code: number, reason: string, why: CloseWhy): void;
  // Every append's samples as decoded, heard or not (a deaf session still received them).
  audioAppended(samples: Int16Array): void;
}

export interface SessionOptions {
  newId: (prefix: string) => string;
  latencyMs: () => number; // drawn per item, service ms
  deltas: boolean;
  deployments?: string[] | undefined;
  transcribe?: (pcm: Int16Array) => Transcription;
  // false: no transcription event is ever sent (the withholdTranscripts fault). Default true.
  transcripts?: boolean;
  // false: a client commit during VAD speech makes a new item and leaves the speech open. Default true.
  commitClosesSpeech?: boolean;
  /** The speech detector behind the server VAD (default webrtc). */
  vadDetector?: DetectorKind;
  /** The server VAD hears no speech: only commits make items. */
  vadHearsNothing?: boolean;
  // The rejectConfig fault.
  rejectConfig?: ConfigRejection | undefined;
  // The failItem fault, shared by every session of the emulator.
  itemFaults?: { nextOrdinal(): number; fails(ordinal: number, transcript: string): boolean } | undefined;
}

export interface Opening {
  betaHeader: boolean; // `OpenAI-Beta: realtime=v1` on the upgrade
  modelParam: string | null; // `?model=` on the OpenAI path
}

const BETA_MESSAGE = 'The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API.';
const MIN_COMMIT_SAMPLES = msToSamples(100);
// In VAD mode, silence older than this (with no speech in progress) is released: the VAD found
// nothing in it, and memory must not grow with a long quiet stretch.
const IDLE_RETAIN_SAMPLES = msToSamples(60_000);

export class ProtocolSession {
  readonly id: string;
  private state: SessionState = defaultSessionState();
  private readonly buffer = new InputBuffer();
  private vad: SpeechVad | null;
  private floor = 0; // last commit or clear: no item reaches back before it
  private speechItemId: string | null = null;
  private lastItemId: string | null = null;
  private ended = false;
  private deaf = false; // the deafAfterError fault: appended audio is ignored

  constructor(
    private readonly host: SessionHost,
    private readonly options: SessionOptions,
  ) {
    this.id = options.newId('sess');
    this.vad = this.makeVad();
  }

  start(opening: Opening): void {
    if (opening.betaHeader) return this.rejectBeta();
    if (opening.modelParam !== null) {
      this.sendError({
        type: 'invalid_request_error',
        code: 'invalid_model',
        message: 'You must not provide a model parameter for transcription sessions.',
        param: 'model',
      });
      // 1008 (policy violation): a standard code that clients do not treat as recoverable.
      this.end(1008, 'invalid_model', 'error');
      return;
    }
    this.send({ type: 'session.created', session: describeSession(this.id, this.state) });
  }

  receive(text: string): void {
    if (this.ended) return;
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch {
      return this.sendError(invalid('invalid_json', 'The event is not valid JSON.', null));
    }
    if (typeof event !== 'object' || event === null || Array.isArray(event)) {
      return this.sendError(invalid('invalid_json', 'The event must be a JSON object.', null));
    }
    const e = event as Record<string, unknown>;
    const eventId = typeof e.event_id === 'string' ? e.event_id : null;
    if (typeof e.type !== 'string') {
      return this.sendError(
        invalid('missing_required_parameter', "Missing required parameter: 'type'.", 'type', eventId),
      );
    }
    switch (e.type) {
      case 'session.update':
        return this.update(e.session, eventId);
      case 'input_audio_buffer.append':
        return this.append(e.audio, eventId);
      case 'input_audio_buffer.commit':
        return this.commit(eventId);
      case 'input_audio_buffer.clear':
        return this.clear();
      case 'transcription_session.update':
        return this.rejectBeta();
      default:
        return this.sendError(invalid('unknown_event', `Unknown event type '${shown(e.type)}'.`, 'type', eventId));
    }
  }

  // The session cap: the service says so, then closes with 1001 (going away).
  expire(capMs: number): void {
    if (this.ended) return;
    const message = `Your session hit the maximum duration of ${describeDuration(capMs)}.`;
    this.sendError({ type: 'invalid_request_error', code: 'session_expired', message, param: null });
    // The close frame carries the same words as its reason.
    this.end(1001, message, 'expire');
  }

  // The deafAfterError fault: the error, then appended audio is ignored from here on. Speech in
  // progress keeps the audio it had, for a commit to close; idle audio the VAD found nothing in
  // is let go, so a commit then finds the buffer empty.
  goDeaf(error: ErrorDetail): void {
    if (this.ended || this.deaf) return;
    this.sendError(error);
    this.deaf = true;
    if (this.vad && !this.vad.inSpeech) {
      this.buffer.discardBefore(this.buffer.end);
      this.floor = this.buffer.end;
      this.vad.clear();
    }
  }

  // Milliseconds of audio appended in this session.
  audioMs(): number {
    return samplesToMs(this.buffer.end);
  }

  private update(session: unknown, eventId: string | null): void {
    const rejected = this.options.rejectConfig && rejection(this.options.rejectConfig, session, eventId);
    if (rejected) return this.sendError(rejected);
    const result = applySessionUpdate(this.state, session);
    if (!result.ok) return this.sendError({ ...result.error, event_id: eventId });
    const vadChanged = JSON.stringify(result.state.turnDetection) !== JSON.stringify(this.state.turnDetection);
    this.state = result.state;
    if (vadChanged) {
      // A new detector from here on; an utterance in progress is forgotten (its audio stays in
      // the buffer for a manual commit).
      this.speechItemId = null;
      this.vad = this.makeVad();
    }
    this.send({ type: 'session.updated', session: describeSession(this.id, this.state) });
  }

  private makeVad(): SpeechVad | null {
    const settings = vadSettings(this.state.turnDetection);
    if (!settings) return null;
    // A threshold no score reaches: nothing is ever speech.
    const heard = this.options.vadHearsNothing ? { ...settings, threshold: Infinity } : settings;
    return new SpeechVad(heard, this.buffer.end, this.floor, this.options.vadDetector);
  }

  private append(audio: unknown, eventId: string | null): void {
    const samples = decodeAppend(audio, eventId);
    if (!(samples instanceof Int16Array)) return this.sendError(samples);
    if (this.deaf) return this.host.audioAppended(samples);
    // Past the cap the append is refused whole, not stored: the buffer never grows beyond it.
    const full = bufferFull(this.buffer.end - this.buffer.start, samples.length, eventId);
    if (full) return this.sendError(full);
    this.buffer.append(samples);
    this.host.audioAppended(samples);
    if (!this.vad) return;
    for (const event of this.vad.push(samples)) this.onVad(event);
    if (!this.vad.inSpeech) this.buffer.discardBefore(this.buffer.end - IDLE_RETAIN_SAMPLES);
  }

  private onVad(event: VadEvent): void {
    if (event.type === 'speech_started') {
      this.speechItemId = this.options.newId('item');
      this.send({
        type: 'input_audio_buffer.speech_started',
        item_id: this.speechItemId,
        audio_start_ms: ms(event.audioStart),
      });
      return;
    }
    const itemId = this.speechItemId ?? this.options.newId('item');
    this.speechItemId = null;
    this.send({ type: 'input_audio_buffer.speech_stopped', item_id: itemId, audio_end_ms: ms(event.audioEnd) });
    this.commitItem(itemId, event.audioStart, event.audioEnd);
  }

  private commit(eventId: string | null): void {
    // In VAD mode a commit ends the utterance in progress here (unless commitClosesSpeech is off);
    // otherwise (or with no utterance) it takes everything since the last commit or clear.
    // The VAD whose utterance this commit splits, when it does not end it.
    const splitVad = this.options.commitClosesSpeech === false && this.vad?.inSpeech === true ? this.vad : null;
    const sinceFloor = Math.max(this.floor, this.buffer.start);
    const from = splitVad ? sinceFloor : (this.vad?.speechAudioStart ?? sinceFloor);
    const to = this.buffer.end;
    if (to - from < MIN_COMMIT_SAMPLES) {
      const had = samplesToMs(to - from).toFixed(2);
      return this.sendError(
        invalid(
          'input_audio_buffer_commit_empty',
          `Expected at least 100ms of audio, but buffer only has ${had}ms of audio.`,
          null,
          eventId,
        ),
      );
    }
    if (splitVad) {
      // A new item up to here; the open speech item now starts where this one ends.
      splitVad.moveSpeechStart(to);
      return this.commitItem(this.options.newId('item'), from, to);
    }
    const segment = this.vad?.cut() ?? null;
    let itemId = this.options.newId('item');
    if (segment && this.speechItemId) {
      itemId = this.speechItemId;
      this.send({ type: 'input_audio_buffer.speech_stopped', item_id: itemId, audio_end_ms: ms(to) });
    }
    this.speechItemId = null;
    this.commitItem(itemId, from, to);
  }

  private clear(): void {
    this.buffer.discardBefore(this.buffer.end);
    this.floor = this.buffer.end;
    this.vad?.clear();
    this.speechItemId = null;
    this.send({ type: 'input_audio_buffer.cleared' });
  }

  private commitItem(itemId: string, from: number, to: number): void {
    const pcm = this.buffer.slice(from, to);
    this.buffer.discardBefore(to);
    this.floor = to;
    const previous = this.lastItemId;
    this.lastItemId = itemId;
    this.send({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: previous });
    const item = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      status: 'completed',
      role: 'user',
      content: [{ type: 'input_audio', transcript: null }],
    };
    this.send({ type: 'conversation.item.added', previous_item_id: previous, item });
    this.send({ type: 'conversation.item.done', previous_item_id: previous, item });
    const ordinal = this.options.itemFaults?.nextOrdinal() ?? 0;
    // Each item waits its own latency, so later items can complete before earlier ones.
    this.host.after(this.options.latencyMs(), () => this.finish(itemId, pcm, ordinal, from));
  }

  // `from`: where the item's audio starts on the session's clock (a marker names it).
  private finish(itemId: string, pcm: Int16Array, ordinal: number, from: number): void {
    if (this.ended || this.options.transcripts === false) return;
    const { deployments, deltas, transcribe, itemFaults } = this.options;
    const fails = itemFaults && ((transcript: string) => itemFaults.fails(ordinal, transcript));
    const model = this.state.transcription.model;
    const outcome = {
      model,
      deployments,
      deltas,
      transcribe,
      fails,
      startMs: ms(from),
      logprobs: this.state.include?.includes('item.input_audio_transcription.logprobs') === true,
      diarize: model?.includes('diarize') === true,
      languages: detectedLanguages(this.state),
    };
    for (const event of transcriptionEvents(itemId, pcm, outcome)) this.send(event);
  }

  private rejectBeta(): void {
    this.sendError({
      type: 'invalid_request_error',
      code: 'beta_api_shape_disabled',
      message: BETA_MESSAGE,
      param: null,
    });
    this.end(4000, 'beta_api_shape_disabled', 'beta-shape');
  }

  private end(code: number, reason: string, why: CloseWhy): void {
    this.ended = true;
    this.host.close(code, reason, why);
  }

  private sendError(error: ErrorDetail): void {
    this.send({ type: 'error', error });
  }

  private send(event: OutgoingEvent): void {
    this.host.send({ event_id: this.options.newId('event'), ...event } as OutgoingEvent);
  }
}

function invalid(code: string, message: string, param: string | null, eventId: string | null = null): ErrorDetail {
  return { type: 'invalid_request_error', code, message, param, event_id: eventId };
}

// gpt-transcribe reports the languages it detected (the SDK's completed event): here the one it was
// told (`language`, else the first of `languages`), else English, since tonecode is no language.
function detectedLanguages(state: SessionState): string[] | undefined {
  if (state.transcription.model?.toLowerCase() !== 'gpt-transcribe') return undefined;
  return [state.transcription.language ?? state.transcription.languages?.[0] ?? 'en'];
}

function ms(samples: number): number {
  return Math.round(samplesToMs(samples));
}

// '30 minutes' as the service words it; caps that are not whole minutes in seconds.
function describeDuration(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms >= 60_000 && ms % 60_000 === 0) return plural(ms / 60_000, 'minute');
  return plural(Math.round(ms / 100) / 10, 'second');
}
