import { describe, expect, it } from 'vitest';
import { stdinOutcomeError, type StdinOutcome } from '../../src/audio/stdin-outcome.js';

const outcome = (over: Partial<StdinOutcome> = {}): StdinOutcome => ({
  stopped: false,
  inputBytes: 320_044,
  decodedSeconds: 10,
  declaredSeconds: undefined,
  wav: true,
  ...over,
});

describe('stdinOutcomeError', () => {
  it('is nothing for a stream that simply ended, however abruptly', () => {
    expect(stdinOutcomeError(outcome())).toBeUndefined();
    expect(stdinOutcomeError(outcome({ decodedSeconds: 3.217 }))).toBeUndefined();
  });

  it('says no bytes arrived, in the words the ffmpeg path uses', () => {
    const error = stdinOutcomeError(outcome({ inputBytes: 0, decodedSeconds: 0, wav: false }));
    expect(error?.code).toBe('INPUT_EMPTY');
    expect(error?.message).toBe('input is empty (stdin): no bytes arrived');
  });

  it('says a header came without samples, or bytes without a whole frame', () => {
    expect(stdinOutcomeError(outcome({ inputBytes: 44, decodedSeconds: 0 }))?.message).toBe(
      'input has no audio (stdin): a WAV header arrived, then no samples',
    );
    expect(stdinOutcomeError(outcome({ inputBytes: 1, decodedSeconds: 0, wav: false }))?.message).toBe(
      'input has no audio (stdin): 1 byte arrived, not one whole sample frame',
    );
  });

  it('reports a real declared length that did not arrive as truncation', () => {
    const error = stdinOutcomeError(outcome({ declaredSeconds: 30, decodedSeconds: 12 }));
    expect(error?.code).toBe('INPUT_TRUNCATED');
    expect(error?.message).toBe('input ends early (stdin): decoded 12.0 s of the 30.0 s its header declares');
    expect(stdinOutcomeError(outcome({ declaredSeconds: 30, decodedSeconds: 29.8 }))).toBeUndefined();
  });

  it('is nothing when stopped on purpose', () => {
    expect(stdinOutcomeError(outcome({ stopped: true, inputBytes: 0, decodedSeconds: 0 }))).toBeUndefined();
    expect(stdinOutcomeError(outcome({ stopped: true, declaredSeconds: 30, decodedSeconds: 1 }))).toBeUndefined();
  });
});
