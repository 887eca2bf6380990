// Fake output streams: a collecting stdout and a fake TTY for the progress display.

import { Writable } from 'node:stream';

export class CollectingStream extends Writable {
  chunks: string[] = [];
  isTTY: boolean;
  columns: number | undefined;

  constructor(options: { isTTY?: boolean; columns?: number; fail?: NodeJS.ErrnoException } = {}) {
    super({
      decodeStrings: false,
      write: (chunk: unknown, _encoding, callback) => {
        if (options.fail) return callback(options.fail);
        this.chunks.push(String(chunk));
        callback();
      },
    });
    this.isTTY = options.isTTY ?? false;
    this.columns = options.columns;
  }

  get text(): string {
    return this.chunks.join('');
  }

  asWriteStream(): NodeJS.WriteStream {
    return this as unknown as NodeJS.WriteStream;
  }
}

export function errnoError(code: string, message: string): NodeJS.ErrnoException {
  const error = new Error(`${code}: ${message}`) as NodeJS.ErrnoException;
  error.code = code;
  return error;
}
