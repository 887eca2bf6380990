// Fake output streams: a collecting stdout and a fake TTY for the progress display.

import { Writable } from 'node:stream';

export class CollectingStream extends Writable {
  chunks: string[] = [];
  isTTY: boolean;
  columns: number | undefined;

  /** `also`: a list every write is appended to as well (two streams of one terminal share one). */
  constructor(options: { isTTY?: boolean; columns?: number; fail?: NodeJS.ErrnoException; also?: string[] } = {}) {
    super({
      decodeStrings: false,
      write: (chunk: unknown, _encoding, callback) => {
        if (options.fail) return callback(options.fail);
        this.chunks.push(String(chunk));
        options.also?.push(String(chunk));
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

/** stdout and stderr of one terminal: both TTYs, writing into one byte stream, as on screen. */
export class SharedTerminal {
  readonly bytes: string[] = [];
  readonly stdout: CollectingStream;
  readonly stderr: CollectingStream;

  constructor(columns: number) {
    this.stdout = new CollectingStream({ isTTY: true, columns, also: this.bytes });
    this.stderr = new CollectingStream({ isTTY: true, columns, also: this.bytes });
  }

  get text(): string {
    return this.bytes.join('');
  }

  /** Changes the width and tells stderr's listeners, as a terminal window being resized does. */
  resize(columns: number): void {
    this.stdout.columns = columns;
    this.stderr.columns = columns;
    this.stderr.emit('resize');
  }
}
