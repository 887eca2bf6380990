// Reads a stream one chunk at a time, on demand, without owning it: release() lets go and
// leaves whatever was not read inside the stream, so the caller can hand the rest to someone
// else (ffmpeg), and a stream such as the process's own stdin is never destroyed.

export interface StreamPull {
  /** The next chunk, as soon as any bytes are there (all that are buffered); null at the end
   *  or once released. Rejects with the stream's error. */
  read(): Promise<Buffer | null>;
  /** True once the stream has ended (not merely been released). */
  readonly ended: boolean;
  /** Stops listening; a pending read() resolves null. Idempotent. */
  release(): void;
}

export function pullFrom(stream: NodeJS.ReadableStream): StreamPull {
  const state = stream as Partial<{ readableEnded: boolean; destroyed: boolean; errored: Error | null }>;
  let ended = state.readableEnded === true;
  let error: Error | undefined = state.errored ?? undefined;
  let released = false;
  let wake: (() => void) | undefined;

  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const onEnd = (): void => {
    ended = true;
    notify();
  };
  const onError = (err: Error): void => {
    error ??= err;
    notify();
  };
  // A stream destroyed without an error closes without 'end': what arrived is all there is.
  const onClose = onEnd;
  stream.on('readable', notify);
  stream.on('end', onEnd);
  stream.on('error', onError);
  stream.on('close', onClose);
  if (state.destroyed && !error) ended = true;

  const release = (): void => {
    if (released) return;
    released = true;
    stream.removeListener('readable', notify);
    stream.removeListener('end', onEnd);
    stream.removeListener('error', onError);
    stream.removeListener('close', onClose);
    notify();
  };

  return {
    get ended() {
      return ended;
    },
    release,
    async read() {
      for (;;) {
        if (released) return null;
        if (error) throw error;
        const chunk = stream.read() as Buffer | string | null;
        if (chunk !== null) return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        if (ended) return null;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
