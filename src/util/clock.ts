// Time is injected everywhere that waits, so tests can run hours of audio in milliseconds.

/** The time every wait of a run uses; inject one (a virtual clock) to run hours in milliseconds. */
export interface Clock {
  /** Monotonic milliseconds (never jumps with wall-clock changes). */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time; rejects early if `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(
        () => {
          stopListening();
          resolve();
        },
        // Whole milliseconds: Node's timers tick in them anyway, and each distinct fractional
        // duration would cost a timer list of its own (measured: a seventh of a paced run's CPU).
        Math.max(0, Math.ceil(ms)),
      );
      const stopListening = onAbort(signal, (reason) => {
        clearTimeout(timer);
        reject(reason);
      });
    }),
};

/** Calls `handler` with the reason once `signal` aborts (never without one); returns what stops listening. */
export function onAbort(signal: AbortSignal | undefined, handler: (reason: unknown) => void): () => void {
  if (!signal) return () => {};
  const listener = () => handler(signal.reason);
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}
