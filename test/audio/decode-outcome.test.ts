import { describe, expect, it } from 'vitest';
import { outcomeError, trustedDeclaredSeconds, type DecodeOutcome } from '../../src/audio/decode-outcome.js';
import type { FfmpegLogFacts } from '../../src/audio/ffmpeg-log.js';

const facts = (over: Partial<FfmpegLogFacts> = {}): FfmpegLogFacts => ({
  durationSeconds: 30,
  durationEstimated: false,
  hasVideo: false,
  lastError: undefined,
  firstError: undefined,
  receivedSignal: false,
  ...over,
});

const outcome = (over: Partial<DecodeOutcome> = {}): DecodeOutcome => ({
  label: 'talk.mp3',
  fromStdin: false,
  ffmpegInput: 'file:talk.mp3',
  exitCode: 0,
  exitSignal: null,
  stopped: false,
  decodedSeconds: 30,
  inputBytes: 480_000,
  declaredSeconds: 30,
  facts: facts(),
  ...over,
});

describe('outcomeError', () => {
  it('is nothing for a clean decode, or one within codec padding of the declared length', () => {
    expect(outcomeError(outcome())).toBeUndefined();
    expect(outcomeError(outcome({ decodedSeconds: 29.6 }))).toBeUndefined(); // 0.4 s short
    expect(outcomeError(outcome({ declaredSeconds: 3600, decodedSeconds: 3550 }))).toBeUndefined(); // 98.6 %
  });

  it('is nothing when stopped on purpose, whatever ffmpeg said', () => {
    expect(outcomeError(outcome({ stopped: true, exitCode: 255, decodedSeconds: 0 }))).toBeUndefined();
  });

  it('reports truncation with both lengths', () => {
    const err = outcomeError(outcome({ decodedSeconds: 12.04 }));
    expect(err).toMatchObject({
      code: 'INPUT_TRUNCATED',
      message: 'input ends early (talk.mp3): decoded 12.0 s of the 30.0 s its header declares',
    });
    expect(err?.hint).toMatch(/cut short/);
  });

  it('maps "Invalid data" on an input that gave no audio to INPUT_NOT_AUDIO, without the input prefix', () => {
    const err = outcomeError(
      outcome({
        exitCode: 1,
        decodedSeconds: 0,
        facts: facts({ lastError: 'file:talk.mp3: Invalid data found when processing input' }),
      }),
    );
    expect(err).toMatchObject({
      code: 'INPUT_NOT_AUDIO',
      message: 'not an audio file (talk.mp3): ffmpeg says "Invalid data found when processing input"',
    });
  });

  it('maps an input with no audio stream to INPUT_NOT_AUDIO', () => {
    const err = outcomeError(
      outcome({
        exitCode: 1,
        decodedSeconds: 0,
        facts: facts({ hasVideo: true, lastError: 'Output file #0 does not contain any stream' }),
      }),
    );
    expect(err).toMatchObject({
      code: 'INPUT_NOT_AUDIO',
      message: 'not an audio file (talk.mp3): ffmpeg found no audio stream in it',
    });
  });

  it('maps other failures to INPUT_UNREADABLE, quoting ffmpeg within 160 characters', () => {
    const long = `moov atom not found ${'and more '.repeat(40)}`;
    const err = outcomeError(
      outcome({ exitCode: 1, decodedSeconds: 0, facts: facts({ lastError: `file:talk.mp3: ${long}` }) }),
    );
    expect(err?.code).toBe('INPUT_UNREADABLE');
    const quoted = /ffmpeg says "(.*)"$/.exec(err!.message)![1]!;
    expect(quoted.length).toBe(160);
    expect(quoted.startsWith('moov atom not found')).toBe(true);
    expect(quoted.endsWith('…')).toBe(true);
  });

  it('quotes a demuxer complaint over the generic "Invalid data" that follows it', () => {
    const err = outcomeError(
      outcome({
        exitCode: 1,
        decodedSeconds: 0,
        facts: facts({
          firstError: 'moov atom not found',
          lastError: 'file:talk.mp3: Invalid data found when processing input',
        }),
      }),
    );
    expect(err).toMatchObject({
      code: 'INPUT_UNREADABLE',
      message: 'cannot decode input (talk.mp3): ffmpeg says "moov atom not found"',
    });
  });

  it('does not call audio that failed half-way "not audio"', () => {
    const err = outcomeError(
      outcome({
        exitCode: 1,
        decodedSeconds: 10,
        facts: facts({ lastError: 'Invalid data found when processing input' }),
      }),
    );
    expect(err).toMatchObject({
      code: 'INPUT_UNREADABLE',
      message: 'cannot decode input (talk.mp3): ffmpeg says "Invalid data found when processing input"',
    });
  });

  it('says which exit code when ffmpeg said nothing', () => {
    expect(outcomeError(outcome({ exitCode: 69, decodedSeconds: 0 }))?.message).toBe(
      'cannot decode input (talk.mp3): ffmpeg exited with code 69',
    );
  });

  it('reports empty inputs by what was empty', () => {
    expect(outcomeError(outcome({ exitCode: 1, decodedSeconds: 0, inputBytes: 0 }))?.message).toBe(
      'input is empty (talk.mp3): the file has 0 bytes',
    );
    expect(
      outcomeError(
        outcome({
          label: 'stdin',
          fromStdin: true,
          ffmpegInput: 'pipe:0',
          exitCode: 1,
          decodedSeconds: 0,
          inputBytes: 0,
        }),
      )?.message,
    ).toBe('input is empty (stdin): no bytes arrived');
    expect(outcomeError(outcome({ decodedSeconds: 0 }))).toMatchObject({
      code: 'INPUT_EMPTY',
      message: 'input has no audio (talk.mp3): ffmpeg decoded 0 samples',
    });
  });

  it('reports an ffmpeg stopped by someone else as INTERRUPTED', () => {
    expect(outcomeError(outcome({ exitCode: null, exitSignal: 'SIGINT', decodedSeconds: 3 }))).toMatchObject({
      code: 'INTERRUPTED',
      message: 'decoding was interrupted (talk.mp3): ffmpeg received SIGINT',
    });
  });
});

describe('trustedDeclaredSeconds', () => {
  it('prefers the WAV header, and distrusts estimated or video-container durations', () => {
    expect(trustedDeclaredSeconds(30, facts({ durationSeconds: 12, durationEstimated: true }))).toBe(30);
    expect(trustedDeclaredSeconds(undefined, facts({ durationSeconds: 30 }))).toBe(30);
    expect(trustedDeclaredSeconds(undefined, facts({ durationSeconds: 30, durationEstimated: true }))).toBeUndefined();
    expect(trustedDeclaredSeconds(undefined, facts({ durationSeconds: 30, hasVideo: true }))).toBeUndefined();
    expect(trustedDeclaredSeconds(undefined, facts({ durationSeconds: null }))).toBeUndefined();
  });
});
