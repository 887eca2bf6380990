// Every setting that can be wrong is refused before any I/O, naming the option and the value.
import { describe, expect, it } from 'vitest';
import { isTranscribeError } from '../../src/index.js';
import { resolvePolicy } from '../../src/run/policy.js';
import { validateRunOptions } from '../../src/run/validate-options.js';
import type { TranscribeOptions } from '../../src/run/options.js';

function refusal(fn: () => unknown): { message: string; option: string | undefined; hint: string | undefined } {
  try {
    fn();
  } catch (error) {
    if (isTranscribeError(error) && error.code === 'USAGE')
      return { message: error.message, option: error.option, hint: error.hint };
    throw error;
  }
  throw new Error('accepted');
}

const policy = (options: TranscribeOptions) =>
  refusal(() => resolvePolicy(options, { provider: 'azure', transcriptionModel: 'gpt-4o-transcribe' }));

describe('option validation', () => {
  it.each([
    [{ chunkMs: 5 }, 'chunkMs must be a whole number between 10 and 100, got 5'],
    [{ chunkMs: 40.5 }, 'chunkMs must be a whole number between 10 and 100, got 40.5'],
    [{ speed: 0 }, 'speed must be above 0 and up to 1000, got 0'],
    [{ speed: Number.NaN }, 'speed must be above 0 and up to 1000, got NaN'],
    [{ catchUpFactor: 11 }, 'catchUpFactor must be between 1 and 10, got 11'],
    [{ rotateAfterMs: 5_000 }, 'rotateAfterMs must be between 10 s and 28 min, got 5 s'],
    [{ rotateGraceMs: -1 }, 'rotateGraceMs must be between 0 ms and 60 min, got -1 ms'],
    [{ prepareAheadMs: 9 * 60_000 }, 'prepareAheadMs must be between 0 ms and 8 min, got 9 min'],
    [{ stopGraceMs: -5 }, 'stopGraceMs must be between 0 ms and 60 min, got -5 ms'],
    [{ maxUtteranceMs: 10 }, 'maxUtteranceMs must be between 1 s and 60 min, got 10 ms'],
    [{ replayLimitMs: 1_000 }, 'replayLimitMs must be between 5 s and 240 min, got 1 s'],
    [{ watchdogMs: 0 }, 'watchdogMs must be between 1 s and 60 min, got 0 ms'],
    [{ drainTimeoutMs: 500 }, 'drainTimeoutMs must be between 1 s and 60 min, got 500 ms'],
    [{ pingIntervalMs: -1 }, 'pingIntervalMs must be between 0 ms and 10 min, got -1 ms'],
    [{ pongTimeoutMs: 0 }, 'pongTimeoutMs must be between 100 ms and 10 min, got 0 ms'],
    [{ handshakeTimeoutMs: 50 }, 'handshakeTimeoutMs must be between 100 ms and 10 min, got 50 ms'],
    [{ backoffBaseMs: -1 }, 'backoffBaseMs must be between 0 ms and 10 min, got -1 ms'],
    [{ backoffBaseMs: 2_000, backoffMaxMs: 1_000 }, 'backoffMaxMs must be between 2 s and 60 min, got 1 s'],
    [{ maxAttempts: 0 }, 'maxAttempts must be a whole number between 1 and 1000, got 0'],
    [
      { speechDetector: 'silero' as 'webrtc' },
      'speechDetector must be one of "webrtc", "energy", "none", got "silero"',
    ],
    [{ speechSensitivity: 'max' as 'high' }, 'speechSensitivity must be one of "high", "normal", "low", got "max"'],
    [{ maxBufferedBytes: 10 }, 'maxBufferedBytes must be a whole number between 1024 and 1073741824, got 10'],
    [{ turnDetection: { type: 'server_vad', threshold: 2 } }, 'turnDetection.threshold must be between 0 and 1, got 2'],
    [
      { turnDetection: { type: 'server_vad', silence_duration_ms: 50 } },
      'turnDetection.silence_duration_ms must be a whole number between 100 and 5000, got 50',
    ],
    [
      { turnDetection: { type: 'server_vad', prefix_padding_ms: 3000 } },
      'turnDetection.prefix_padding_ms must be a whole number between 0 and 2000, got 3000',
    ],
    [
      { turnDetection: { type: 'push_to_talk' } as never },
      'turnDetection.type must be one of "server_vad", "semantic_vad", got "push_to_talk"',
    ],
    [{ language: '' }, 'language must be a non-empty string, got ""'],
    [
      { noiseReduction: 'studio' as never },
      'noiseReduction must be one of "near_field", "far_field", null, got "studio"',
    ],
    [{ skipSilence: 'yes' as never }, 'skipSilence must be one of "auto", "on", "off", got "yes"'],
    [{ logprobs: 'yes' as never }, 'logprobs must be true or false, got "yes"'],
    [{ keywords: 'ACME' as never }, 'keywords must be a non-empty array of non-empty strings, got "ACME"'],
    [{ languages: ['en', ' '] }, 'languages must be a non-empty array of non-empty strings, got object'],
    [{ language: 'en', languages: ['en', 'fr'] }, 'languages and language cannot both be set'],
    [{ delay: 'slow' as never }, 'delay must be one of "minimal", "low", "medium", "high", "xhigh", got "slow"'],
    // The model table: gpt-4o-transcribe takes none of the newer fields.
    [
      { keywords: ['ACME'] },
      '`keywords` is taken only by gpt-transcribe and gpt-live-transcribe, not by gpt-4o-transcribe',
    ],
    [{ delay: 'low' }, '`delay` is taken only by gpt-realtime-whisper, not by gpt-4o-transcribe'],
  ] as [TranscribeOptions, string][])('%j', (options, message) => {
    const refused = policy(options);
    expect(refused.message).toBe(message);
    expect(message.replace(/^`/, '').startsWith(refused.option ?? '?')).toBe(true);
  });

  it.each([
    [{ startAtSec: -1 }, 'startAtSec must be between 0 and 9007199254740991, got -1'],
    [{ tokenMaxAgeMs: 1 }, 'tokenMaxAgeMs must be between 10 s and 60 min, got 1 ms'],
    [{ provider: 'aws' as never }, 'provider must be one of "azure", "openai", got "aws"'],
    [{ ffmpegPath: ' ' }, 'ffmpegPath must be a non-empty string, got " "'],
    [{ logEventsPath: '' }, 'logEventsPath must be a non-empty string, got ""'],
    [{ inputArgs: '-f s16le' as never }, 'inputArgs must be an array of strings, got "-f s16le"'],
    [
      { rawInput: { encoding: 's24le' as never, sampleRate: 16000, channels: 1 } },
      'rawInput.encoding must be one of "s16le", "f32le", "mulaw", got "s24le"',
    ],
    [
      { rawInput: { encoding: 's16le', sampleRate: 100, channels: 1 } },
      'rawInput.sampleRate must be a whole number between 1000 and 768000, got 100',
    ],
    [
      { rawInput: { encoding: 's16le', sampleRate: 16000, channels: 0 } },
      'rawInput.channels must be a whole number between 1 and 64, got 0',
    ],
    [{ maxBufferedEvents: 0 }, 'maxBufferedEvents must be a whole number between 1 and 1000000, got 0'],
    [
      { resume: { done: [], segments: [] }, startAtSec: 3 },
      'resume and startAtSec cannot both be set: resume.done says where to continue',
    ],
    [{ resume: { done: 'all' } as never }, 'resume must be an object with arrays done and segments, got object'],
    [
      { resume: { done: [{ startSec: 5, endSec: 2 }], segments: [] } },
      'resume.done[0] must be { startSec, endSec } with 0 <= startSec <= endSec, got 5–2',
    ],
    [
      { resume: { done: [{ startSec: 0, endSec: 2 }], segments: [{ start: 'x' }] as never } },
      'resume.segments[0] must be a segment, got object',
    ],
    [
      {
        resume: {
          done: [
            { startSec: 0, endSec: 2 },
            { startSec: 10, endSec: 20 },
          ],
          segments: [{ start: 3, end: 4.5, text: 'three', session: 1, itemId: 'i' }],
        },
      },
      'resume.segments[0] (3–4.5 s) is inside none of resume.done',
    ],
  ] as [TranscribeOptions, string][])('%j', (options, message) => {
    expect(refusal(() => validateRunOptions(options)).message).toBe(message);
  });

  it('says why a rotation does not fit, without naming a flag', () => {
    const refused = policy({ rotateAfterMs: 29 * 60_000 });
    expect(refused.hint).toBe('sessions end at 30 min: rotation and its grace period must fit before that');
    expect(refused.hint).not.toContain('--');
  });

  it('accepts the defaults', () => {
    expect(() => resolvePolicy({}, { provider: 'azure', transcriptionModel: 'gpt-4o-transcribe' })).not.toThrow();
    expect(() => validateRunOptions({})).not.toThrow();
  });
});
