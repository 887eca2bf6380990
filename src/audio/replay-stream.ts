// A stream that gives back bytes already read from `rest` and then carries on with `rest`
// itself, so a decoder chosen after sniffing still sees the input from its first byte.
import { PassThrough, type Readable } from 'node:stream';

export interface Replay {
  stream: Readable;
  /** Stops forwarding from `rest` (left open: it may be the process's own stdin). */
  detach(): void;
}

/** `restEnded`: `rest` has already ended, so `head` is the whole input. */
export function replayThenRest(head: Buffer, rest: NodeJS.ReadableStream, restEnded: boolean): Replay {
  const stream = new PassThrough();
  if (restEnded) {
    stream.end(head);
    return { stream, detach: () => {} };
  }
  // pipe() does not carry errors across; a failed source must not look like a clean end.
  const onError = (err: Error): void => {
    stream.destroy(err);
  };
  rest.on('error', onError);
  stream.write(head);
  rest.pipe(stream);
  return {
    stream,
    detach: () => {
      rest.removeListener('error', onError);
      rest.unpipe(stream);
    },
  };
}
