import { describe, expect, it } from 'vitest';
import { configRejectedError, optionHintForParam } from '../../src/realtime/config-rejected.js';

describe('optionHintForParam', () => {
  it.each<[string | null, string]>([
    [
      'session.audio.input.turn_detection',
      'set it with `turnDetection: null` (the client commits) for gpt-live-transcribe and gpt-realtime-whisper; semantic_vad is not supported everywhere',
    ],
    [
      'audio.input.turn_detection.type',
      'set it with `turnDetection: null` (the client commits) for gpt-live-transcribe and gpt-realtime-whisper; semantic_vad is not supported everywhere',
    ],
    [
      'session.audio.input.turn_detection.threshold',
      'set it with `turnDetection.threshold` (0 to 1), or `turnDetection: null`',
    ],
    [
      'session.audio.input.turn_detection.silence_duration_ms',
      'set it with `turnDetection.silence_duration_ms`, or `turnDetection: null`',
    ],
    [
      'session.audio.input.turn_detection.prefix_padding_ms',
      'set it with `turnDetection.prefix_padding_ms`, or `turnDetection: null`',
    ],
    [
      'session.audio.input.transcription.language',
      'set it with `language` (an ISO-639-1 code such as en), or leave it out',
    ],
    [
      'session.input_audio_transcription.language',
      'set it with `language` (an ISO-639-1 code such as en), or leave it out',
    ],
    [
      'session.audio.input.transcription.prompt',
      'set it with `prompt`, or leave it out (gpt-realtime-whisper takes no prompt)',
    ],
    [
      'session.audio.input.transcription.model',
      'set it with `deployment` (Azure: the deployment name) or `model` (OpenAI: the transcription model)',
    ],
    ['session.audio.input.noise_reduction.type', 'set it with `noiseReduction: near_field|far_field|null`'],
    ['session.audio.input.format.rate', 'no option sets the audio format (always PCM16 24 kHz): please report this'],
    [
      'session.type',
      'the endpoint does not take transcription sessions: check `endpoint` (…/v1/realtime?intent=transcription, no model in the URL)',
    ],
    ['session.include', 'check `turnDetection`, `language`, `prompt`, `noiseReduction` and `deployment` / `model`'],
    [null, 'check `turnDetection`, `language`, `prompt`, `noiseReduction` and `deployment` / `model`'],
  ])('%s', (param, hint) => {
    expect(optionHintForParam(param)).toBe(hint);
  });
});

describe('configRejectedError', () => {
  it('quotes the service and its param, with the flag as the hint', () => {
    const error = configRejectedError({
      type: 'invalid_request_error',
      code: 'invalid_value',
      message: "Turn detection is not supported for model 'gpt-realtime-whisper'.",
      param: 'session.audio.input.turn_detection',
    });
    expect(error.code).toBe('CONFIG_REJECTED');
    expect(error.message).toBe(
      `the service rejected the session configuration: "Turn detection is not supported for model 'gpt-realtime-whisper'." (param session.audio.input.turn_detection, code invalid_value)`,
    );
    expect(error.hint).toBe(optionHintForParam('session.audio.input.turn_detection'));
  });

  it('says so when the service gave no message, param or code, and keeps it to one line', () => {
    expect(configRejectedError({ type: 'error', message: '' }).message).toBe(
      'the service rejected the session configuration: no message',
    );
    const long = configRejectedError({
      type: 'error',
      message: `a\nb ${'x'.repeat(400)}`,
      code: null,
      param: null,
    }).message;
    expect(long).not.toContain('\n');
    expect(long.length).toBeLessThan(360);
    expect(long.endsWith('…"')).toBe(true);
  });

  it('masks secrets the service echoed', () => {
    const error = configRejectedError(
      { type: 'error', message: 'bad key sk-secret-1234 in prompt', param: 'session.audio.input.transcription.prompt' },
      ['sk-secret-1234'],
    );
    expect(error.message).toBe(
      'the service rejected the session configuration: "bad key *** in prompt" (param session.audio.input.transcription.prompt)',
    );
  });
});
