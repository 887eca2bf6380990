// One error class for everything a user can cause or meet. `code` is stable (tests and scripts
// match on it); `message` says what failed and the value received; `hint` says what to do.

/** The stable code of every TranscribeError: match on it, never on the message. */
export type ErrorCode =
  | 'USAGE'
  | 'INPUT_NOT_FOUND'
  | 'INPUT_UNREADABLE'
  | 'INPUT_NOT_AUDIO'
  | 'INPUT_TRUNCATED'
  | 'INPUT_EMPTY'
  | 'FFMPEG_NOT_FOUND'
  | 'CONFIG_MISSING'
  | 'CONFIG_INVALID'
  | 'AUTH_FAILED'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'PROXY_REFUSED'
  | 'BAD_REQUEST'
  | 'CONFIG_REJECTED'
  | 'PROTOCOL_RETIRED'
  | 'SESSION_REFUSED'
  | 'QUOTA_EXCEEDED'
  | 'INCOMPLETE'
  | 'SERVICE_UNAVAILABLE'
  | 'RETRIES_EXHAUSTED'
  | 'REPLAY_LIMIT'
  | 'INTERRUPTED'
  | 'OUTPUT_FAILED'
  | 'INTERNAL';

/** The optional parts of a TranscribeError. */
export interface TranscribeErrorOptions {
  hint?: string | undefined;
  cause?: unknown;
  /** The option the error is about (a key of TranscribeOptions), for callers that name it their own way. */
  option?: string | undefined;
}

// A brand in the global symbol registry: two installed copies of the package (a library and an
// app depending on different versions) have two classes, but one `Symbol.for` key.
const BRAND = Symbol.for('realtime-transcribe.TranscribeError');

/**
 * Every error the library throws or ends a run with. `code` is stable (match on it); `message`
 * says what failed and the value received; `hint` says what to do; `option` names the
 * TranscribeOptions key at fault, when there is one.
 */
export class TranscribeError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly option: string | undefined;

  constructor(code: ErrorCode, message: string, options: TranscribeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TranscribeError';
    this.code = code;
    this.hint = options.hint;
    this.option = options.option;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * True for a TranscribeError from any installed copy of this package: checks the brand and the
 * shape, not `instanceof`.
 */
export function isTranscribeError(value: unknown): value is TranscribeError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Record<typeof BRAND, unknown>> & { code?: unknown; message?: unknown };
  return candidate[BRAND] === true && typeof candidate.code === 'string' && typeof candidate.message === 'string';
}
