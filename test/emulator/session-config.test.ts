import { describe, expect, it } from 'vitest';
import {
  applySessionUpdate,
  defaultSessionState,
  describeSession,
  vadSettings,
} from '../../src/emulator/session-config.js';

const update = (input: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  applySessionUpdate(defaultSessionState(), { type: 'transcription', audio: { input }, ...extra });

describe('session configuration', () => {
  it('starts with server VAD defaults; semantic_vad runs as server_vad with defaults', () => {
    expect(vadSettings(defaultSessionState().turnDetection)).toEqual({
      threshold: 0.5,
      prefixPaddingMs: 300,
      silenceDurationMs: 500,
    });
    expect(vadSettings({ type: 'semantic_vad', eagerness: 'high' })).toEqual({
      threshold: 0.5,
      prefixPaddingMs: 300,
      silenceDurationMs: 500,
    });
    expect(vadSettings(null)).toBeNull();
  });

  it('merges an update: only the fields given change', () => {
    const first = update({ transcription: { model: 'm', language: 'en' }, turn_detection: null });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const second = applySessionUpdate(first.state, {
      type: 'transcription',
      include: ['item.input_audio_transcription.logprobs'],
    });
    expect(second).toEqual({
      ok: true,
      state: {
        transcription: { model: 'm', language: 'en' },
        noiseReduction: null,
        turnDetection: null,
        include: ['item.input_audio_transcription.logprobs'],
      },
    });
  });

  it.each([
    [{ format: { type: 'audio/pcm', rate: 16000 } }, {}, 'session.audio.input.format.rate'],
    [{ format: { type: 'audio/pcmu' } }, {}, 'session.audio.input.format.type'],
    [{ turn_detection: { type: 'server_vad', threshold: 2 } }, {}, 'session.audio.input.turn_detection.threshold'],
    [{ turn_detection: { type: 'push_to_talk' } }, {}, 'session.audio.input.turn_detection.type'],
    [{ noise_reduction: { type: 'loud' } }, {}, 'session.audio.input.noise_reduction.type'],
    [{ transcription: { model: 4 } }, {}, 'session.audio.input.transcription.model'],
    [{}, { type: 'realtime' }, 'session.type'],
    [{}, { input_audio_format: 'pcm16' }, 'session.input_audio_format'],
  ])('rejects %o %o naming %s', (input, extra, param) => {
    const result = update(input, extra);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ type: 'invalid_request_error', param });
  });

  it('takes keywords, languages and delay, echoes them, and names a bad one', () => {
    const transcription = { model: 'gpt-transcribe', languages: ['en', 'fr'], keywords: ['ACME'], delay: 'xhigh' };
    const result = update({ transcription });
    expect(result.ok && describeSession('s', result.state)).toMatchObject({
      audio: { input: { transcription } },
    });
    expect(update({ transcription: { model: 'm', delay: 'slow' } })).toEqual({
      ok: false,
      error: {
        type: 'invalid_request_error',
        code: 'invalid_value',
        message: "Invalid value: 'slow'. Supported values are: 'minimal', 'low', 'medium', 'high', 'xhigh'.",
        param: 'session.audio.input.transcription.delay',
      },
    });
    expect(update({ transcription: { model: 'm', keywords: 'ACME' } })).toMatchObject({
      ok: false,
      error: { param: 'session.audio.input.transcription.keywords', code: 'invalid_type' },
    });
  });

  it('requires session.type', () => {
    expect(applySessionUpdate(defaultSessionState(), { audio: {} })).toMatchObject({
      ok: false,
      error: { code: 'missing_required_parameter', param: 'session.type' },
    });
  });
});
