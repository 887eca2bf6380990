// One error class for everything a user can cause or meet. `code` is stable (tests and scripts
// match on it); `message` says what failed and the value received; `hint` says what to do.

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
  | 'BAD_REQUEST'
  | 'CONFIG_REJECTED'
  | 'PROTOCOL_RETIRED'
  | 'CONFIG_REJECTED'
  | 'SESSION_REFUSED'
  | 'QUOTA_EXCEEDED'
  | 'INCOMPLETE'
  | 'SERVICE_UNAVAILABLE'
  | 'RETRIES_EXHAUSTED'
  | 'REPLAY_LIMIT'
  | 'INTERRUPTED'
  | 'OUTPUT_FAILED'
  | 'INTERNAL';

export interface TranscribeErrorOptions {
  hint?: string;
  cause?: unknown;
}

export class TranscribeError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: TranscribeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TranscribeError';
    this.code = code;
    this.hint = options.hint;
  }
}

export function isTranscribeError(value: unknown): value is TranscribeError {
  return value instanceof TranscribeError;
}
