import { describe, expect, it } from 'vitest';
import {
  appendEvent,
  clearEvent,
  commitEvent,
  decodeServerEvent,
  describeEventForLog,
  encodeClientEvent,
  sessionUpdate,
} from '../../src/realtime/codec.js';
import type { ServerEvent } from '../../src/realtime/events.js';

// Recorded events, in the shapes the GA protocol spec shows.
const recorded: Record<string, object> = {
  'session.created': { type: 'session.created', event_id: 'event_1', session: { type: 'transcription', id: 'sess_1' } },
  'session.updated': { type: 'session.updated', event_id: 'event_2', session: { type: 'transcription' } },
  'input_audio_buffer.speech_started': {
    type: 'input_audio_buffer.speech_started',
    event_id: 'event_3',
    item_id: 'item_1',
    audio_start_ms: 320,
  },
  'input_audio_buffer.speech_stopped': {
    type: 'input_audio_buffer.speech_stopped',
    event_id: 'event_4',
    item_id: 'item_1',
    audio_end_ms: 2140,
  },
  'input_audio_buffer.committed': {
    type: 'input_audio_buffer.committed',
    event_id: 'event_5',
    item_id: 'item_1',
    previous_item_id: null,
  },
  'input_audio_buffer.cleared': { type: 'input_audio_buffer.cleared', event_id: 'event_6' },
  'conversation.item.added': {
    type: 'conversation.item.added',
    event_id: 'event_7',
    previous_item_id: null,
    item: { id: 'item_1', type: 'message', role: 'user', content: [{ type: 'input_audio', transcript: null }] },
  },
  'conversation.item.done': {
    type: 'conversation.item.done',
    event_id: 'event_8',
    previous_item_id: 'item_0',
    item: { id: 'item_1', type: 'message' },
  },
  'conversation.item.created': {
    type: 'conversation.item.created',
    event_id: 'event_9',
    previous_item_id: null,
    item: { id: 'item_1' },
  },
  'conversation.item.input_audio_transcription.delta': {
    type: 'conversation.item.input_audio_transcription.delta',
    event_id: 'event_10',
    item_id: 'item_1',
    content_index: 0,
    delta: 'Hello',
  },
  'conversation.item.input_audio_transcription.completed': {
    type: 'conversation.item.input_audio_transcription.completed',
    event_id: 'event_11',
    item_id: 'item_1',
    content_index: 0,
    transcript: 'Hello there.',
    usage: { type: 'tokens', total_tokens: 29, input_tokens: 21, output_tokens: 8 },
    logprobs: [{ token: 'Hello', logprob: -0.01, bytes: [72] }],
  },
  'conversation.item.input_audio_transcription.failed': {
    type: 'conversation.item.input_audio_transcription.failed',
    event_id: 'event_12',
    item_id: 'item_1',
    content_index: 0,
    error: { type: 'server_error', code: null, message: 'Input transcription failed for item item_1', param: null },
  },
  error: {
    type: 'error',
    event_id: 'event_13',
    error: {
      type: 'invalid_request_error',
      code: 'input_audio_buffer_commit_empty',
      message: 'Error committing input audio buffer: buffer too small. Expected at least 100ms of audio.',
      param: null,
      event_id: 'client_1',
    },
  },
};

function decodeOk(value: unknown): ServerEvent {
  const result = decodeServerEvent(JSON.stringify(value));
  if (!result.ok) throw new Error(`expected ok, got: ${result.error}`);
  return result.event;
}

describe('decodeServerEvent', () => {
  for (const [type, event] of Object.entries(recorded)) {
    it(`decodes a recorded ${type}`, () => {
      expect(decodeOk(event)).toEqual(event);
    });
  }

  it('decodes a duration usage and a completion without optional fields', () => {
    const event = {
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: 'item_2',
      transcript: '',
      usage: { type: 'duration', seconds: 3.2 },
    };
    expect(decodeOk(event)).toEqual(event);
  });

  it('decodes a diarized segment, and refuses one without its speaker', () => {
    const segment = {
      type: 'conversation.item.input_audio_transcription.segment',
      event_id: 'event_20',
      item_id: 'item_5',
      content_index: 0,
      id: 'seg_1',
      speaker: 'A',
      start: 0.25,
      end: 1.5,
      text: 'Hello.',
    };
    expect(decodeOk(segment)).toEqual(segment);
    const { speaker: _speaker, ...unnamed } = segment;
    expect(decodeServerEvent(JSON.stringify(unnamed))).toEqual({
      ok: false,
      error: 'conversation.item.input_audio_transcription.segment: missing "speaker"',
    });
  });

  it('keeps a completion whose logprobs or languages are malformed, without the bad entries', () => {
    const event = decodeOk({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: 'item_6',
      transcript: 'Hi.',
      logprobs: [{ token: 'Hi', logprob: -0.5, bytes: [72, 105] }, { token: 7 }, 'x', { token: '.', logprob: null }],
      languages: [{ code: 'en' }, { code: 3 }],
    });
    expect(event).toMatchObject({
      transcript: 'Hi.',
      logprobs: [{ token: 'Hi', logprob: -0.5, bytes: [72, 105] }],
      languages: [{ code: 'en' }],
    });
    const odd = decodeOk({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: 'item_7',
      transcript: 'Hi.',
      logprobs: 'none',
      languages: {},
    });
    expect(odd).toMatchObject({ transcript: 'Hi.', logprobs: [], languages: [] });
  });

  it('takes a delta without its optional delta text, as an empty one', () => {
    expect(decodeOk({ type: 'conversation.item.input_audio_transcription.delta', item_id: 'item_4' })).toEqual({
      type: 'conversation.item.input_audio_transcription.delta',
      item_id: 'item_4',
      delta: '',
    });
  });

  it('fills a missing previous_item_id on committed with null', () => {
    expect(decodeOk({ type: 'input_audio_buffer.committed', item_id: 'item_3' })).toEqual({
      type: 'input_audio_buffer.committed',
      item_id: 'item_3',
      previous_item_id: null,
    });
  });

  it('keeps an error whose detail lacks type and message, filling them in', () => {
    expect(decodeOk({ type: 'error', error: { code: 'session_expired' } })).toEqual({
      type: 'error',
      error: { type: 'error', code: 'session_expired', message: '' },
    });
  });

  it.each([
    ['transcription_session.created', 'session.created'],
    ['transcription_session.updated', 'session.updated'],
  ])('maps the early-GA %s to %s', (early, ga) => {
    expect(decodeOk({ type: early, event_id: 'e', session: { id: 's' } })).toEqual({
      type: ga,
      event_id: 'e',
      session: { id: 's' },
    });
  });

  it('passes unknown types on as unknown events with the raw object', () => {
    const raw = { type: 'input_audio_buffer.timeout_triggered', event_id: 'e', audio_end_ms: 5 };
    expect(decodeOk(raw)).toEqual({ type: 'unknown', originalType: 'input_audio_buffer.timeout_triggered', raw });
    const literal = { type: 'unknown' };
    expect(decodeOk(literal)).toEqual({ type: 'unknown', originalType: 'unknown', raw: literal });
  });

  it('does not mistake inherited property names for known types', () => {
    expect(decodeOk({ type: 'toString' })).toMatchObject({ type: 'unknown', originalType: 'toString' });
  });

  it.each([
    ['{"type":', /^not JSON: /],
    ['', /^not JSON: /],
    ['[1,2]', /^expected a JSON object, got an array$/],
    ['null', /^expected a JSON object, got null$/],
    ['"session.created"', /^expected a JSON object, got string "session.created"$/],
    ['{"event_id":"e"}', /^missing "type"$/],
    ['{"type":42}', /^"type" must be a string, got number 42$/],
  ])('rejects malformed text %j', (text, error) => {
    const result = decodeServerEvent(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(error);
  });

  it.each([
    [{ type: 'session.created' }, 'session.created: missing "session"'],
    [{ type: 'session.updated', session: 'x' }, 'session.updated: "session" must be an object, got string "x"'],
    [
      { type: 'input_audio_buffer.speech_started', item_id: 'i' },
      'input_audio_buffer.speech_started: missing "audio_start_ms"',
    ],
    [
      { type: 'input_audio_buffer.speech_started', item_id: 'i', audio_start_ms: '10' },
      'input_audio_buffer.speech_started: "audio_start_ms" must be a number, got string "10"',
    ],
    [
      { type: 'input_audio_buffer.speech_stopped', audio_end_ms: 1 },
      'input_audio_buffer.speech_stopped: missing "item_id"',
    ],
    [
      { type: 'input_audio_buffer.committed', item_id: 'i', previous_item_id: 7 },
      'input_audio_buffer.committed: "previous_item_id" must be a string or null, got number 7',
    ],
    [{ type: 'conversation.item.added', item: {} }, 'conversation.item.added: missing "item.id"'],
    [{ type: 'conversation.item.done', item: [] }, 'conversation.item.done: "item" must be an object, got an array'],
    [
      { type: 'conversation.item.input_audio_transcription.delta', item_id: 'i', delta: 5 },
      'conversation.item.input_audio_transcription.delta: "delta" must be a string, got number 5',
    ],
    [
      { type: 'conversation.item.input_audio_transcription.completed', item_id: 'i', transcript: null },
      'conversation.item.input_audio_transcription.completed: "transcript" must be a string, got null',
    ],
    [
      { type: 'conversation.item.input_audio_transcription.completed', item_id: 'i', transcript: 't', usage: 3 },
      'conversation.item.input_audio_transcription.completed: "usage" must be an object, got number 3',
    ],
    [
      { type: 'conversation.item.input_audio_transcription.failed', item_id: 'i' },
      'conversation.item.input_audio_transcription.failed: missing "error"',
    ],
    [{ type: 'error', error: 'boom' }, 'error: "error" must be an object, got string "boom"'],
    [{ type: 'error', error: { message: 5 } }, 'error: "error.message" must be a string, got number 5'],
    [{ type: 'error', event_id: 3, error: {} }, 'error: "event_id" must be a string, got number 3'],
    [
      { type: 'input_audio_buffer.speech_stopped', item_id: 'i', audio_end_ms: null },
      'input_audio_buffer.speech_stopped: "audio_end_ms" must be a number, got null',
    ],
  ])('rejects a wrong shape: %j', (value, error) => {
    expect(decodeServerEvent(JSON.stringify(value))).toEqual({ ok: false, error });
  });
});

describe('client events', () => {
  it('encodes an append as base64 and serialises it', () => {
    const pcm = Buffer.from([0x01, 0x00, 0xff, 0x7f]);
    const event = appendEvent(pcm);
    expect(event).toEqual({ type: 'input_audio_buffer.append', audio: 'AQD/fw==' });
    expect(JSON.parse(encodeClientEvent(event))).toEqual(event);
  });

  it('builds commit and clear; no builder gives an event_id (the session that sends it does)', () => {
    expect(commitEvent()).toEqual({ type: 'input_audio_buffer.commit' });
    expect(clearEvent()).toEqual({ type: 'input_audio_buffer.clear' });
    expect(sessionUpdate({ model: 'm', turnDetection: null }).event_id).toBeUndefined();
  });

  it('builds the GA session.update of the spec', () => {
    const event = sessionUpdate({
      model: 'gpt-4o-transcribe',
      language: 'en',
      prompt: '',
      noiseReduction: 'near_field',
      turnDetection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 },
      logprobs: true,
    });
    expect(JSON.parse(encodeClientEvent(event))).toEqual({
      type: 'session.update',
      session: {
        type: 'transcription',
        audio: {
          input: {
            format: { type: 'audio/pcm', rate: 24000 },
            transcription: { model: 'gpt-4o-transcribe', language: 'en', prompt: '' },
            noise_reduction: { type: 'near_field' },
            turn_detection: { type: 'server_vad', threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 },
          },
        },
        include: ['item.input_audio_transcription.logprobs'],
      },
    });
  });

  it('sends keywords, languages and delay in audio.input.transcription, as the SDK types them', () => {
    const event = sessionUpdate({
      model: 'gpt-transcribe',
      languages: ['en', 'fr'],
      keywords: ['ACME', 'Contoso'],
      delay: 'low',
      turnDetection: { type: 'semantic_vad', eagerness: 'high' },
    });
    expect(JSON.parse(encodeClientEvent(event)).session.audio.input).toEqual({
      format: { type: 'audio/pcm', rate: 24000 },
      transcription: { model: 'gpt-transcribe', languages: ['en', 'fr'], keywords: ['ACME', 'Contoso'], delay: 'low' },
      turn_detection: { type: 'semantic_vad', eagerness: 'high' },
    });
  });

  it('leaves out what was not asked for, noise reduction off included; turn_detection null is sent', () => {
    for (const noiseReduction of [null, undefined]) {
      const event = sessionUpdate({
        model: 'my-deployment',
        turnDetection: null,
        noiseReduction,
        language: '',
        prompt: undefined,
      });
      expect(JSON.parse(encodeClientEvent(event))).toEqual({
        type: 'session.update',
        session: {
          type: 'transcription',
          audio: {
            input: {
              format: { type: 'audio/pcm', rate: 24000 },
              transcription: { model: 'my-deployment' },
              turn_detection: null,
            },
          },
        },
      });
    }
    const semantic = sessionUpdate({ model: 'm', turnDetection: { type: 'semantic_vad', eagerness: 'auto' } });
    expect(semantic.type === 'session.update' && semantic.session.audio.input).toEqual({
      format: { type: 'audio/pcm', rate: 24000 },
      transcription: { model: 'm' },
      turn_detection: { type: 'semantic_vad', eagerness: 'auto' },
    });
  });
});

describe('describeEventForLog', () => {
  it('replaces base64 audio with its byte count and leaves the event intact', () => {
    const event = appendEvent(Buffer.alloc(4800));
    expect(describeEventForLog(event)).toEqual({
      type: 'input_audio_buffer.append',
      audio: '<4800 bytes>',
    });
    expect((event as { audio: string }).audio.length).toBe(6400);
  });

  it('elides nested audio strings in raw objects but not audio configuration objects', () => {
    const raw = { type: 'x.y', part: { audio: Buffer.from('abc').toString('base64') }, list: [{ audio: '' }] };
    expect(describeEventForLog(raw)).toEqual({
      type: 'x.y',
      part: { audio: '<3 bytes>' },
      list: [{ audio: '<0 bytes>' }],
    });
    const update = sessionUpdate({ model: 'm', turnDetection: null });
    expect(describeEventForLog(update)).toEqual(update);
  });

  it('describes unknown server events through their raw object', () => {
    const decoded = decodeServerEvent(JSON.stringify({ type: 'output_audio.delta', audio: 'AAAA' }));
    expect(decoded.ok && describeEventForLog(decoded.event)).toEqual({
      type: 'unknown',
      originalType: 'output_audio.delta',
      raw: { type: 'output_audio.delta', audio: '<3 bytes>' },
    });
  });
});
