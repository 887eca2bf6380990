// Errors made safe to print are new errors; the brand is recognised across copies of the package.
import { describe, expect, it } from 'vitest';
import { ConnectError, isTranscribeError, TranscribeError } from '../../src/index.js';
import { redactError } from '../../src/run/run-errors.js';

const SECRET = 'sk-very-secret-123456';

describe('redactError', () => {
  it('builds a new TranscribeError with the same code, hint, option and a masked text; the original is left as it was', () => {
    const cause = new Error(`socket said ${SECRET}`);
    const original = new TranscribeError('AUTH_FAILED', `refused key ${SECRET}`, {
      hint: `check ${SECRET}`,
      cause,
      option: 'apiKey',
    });
    const copy = redactError(original, [SECRET]) as TranscribeError;
    expect(copy).not.toBe(original);
    expect(copy).toBeInstanceOf(TranscribeError);
    expect({ code: copy.code, message: copy.message, hint: copy.hint, option: copy.option }).toEqual({
      code: 'AUTH_FAILED',
      message: 'refused key ***',
      hint: 'check ***',
      option: 'apiKey',
    });
    expect((copy.cause as Error).message).toBe('socket said ***');
    expect(copy.stack).not.toContain(SECRET);
    expect(original.message).toBe(`refused key ${SECRET}`);
    expect(cause.message).toBe(`socket said ${SECRET}`);
  });

  it('keeps the class and fields of another error', () => {
    const original = new ConnectError(`upgrade refused for ${SECRET}`, 401, 'nope', {
      headers: { 'retry-after': '3' },
    });
    const copy = redactError(original, [SECRET]) as ConnectError;
    expect(copy).toBeInstanceOf(ConnectError);
    expect({
      message: copy.message,
      status: copy.status,
      body: copy.body,
      headers: copy.headers,
      name: copy.name,
    }).toEqual({
      message: 'upgrade refused for ***',
      status: 401,
      body: 'nope',
      headers: { 'retry-after': '3' },
      name: 'ConnectError',
    });
    expect(original.message).toContain(SECRET);
  });

  it('returns an error with nothing to mask as it is', () => {
    const error = new TranscribeError('INPUT_EMPTY', 'no audio');
    expect(redactError(error, [SECRET])).toBe(error);
  });
});

describe('isTranscribeError', () => {
  it('recognises an error from another copy of the package by its brand, not by instanceof', () => {
    // What another installed copy's TranscribeError looks like from here: another class, one brand.
    class OtherCopyError extends Error {
      readonly code = 'AUTH_FAILED';
      readonly hint = undefined;
      constructor() {
        super('refused');
        Object.defineProperty(this, Symbol.for('realtime-transcribe.TranscribeError'), { value: true });
      }
    }
    const foreign = new OtherCopyError();
    expect(foreign instanceof TranscribeError).toBe(false);
    expect(isTranscribeError(foreign)).toBe(true);
  });

  it('refuses look-alikes without the brand, and non-errors', () => {
    expect(isTranscribeError(Object.assign(new Error('x'), { code: 'USAGE' }))).toBe(false);
    expect(isTranscribeError(null)).toBe(false);
    expect(isTranscribeError('USAGE')).toBe(false);
    expect(isTranscribeError(new TranscribeError('USAGE', 'x'))).toBe(true);
  });
});
