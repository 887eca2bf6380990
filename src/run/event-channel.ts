// Between the run (which pushes events as they happen) and the caller (who pulls them with
// `for await`), with memory bounded by the reader, not by the input's length:
// - nobody reading: nothing is kept (a caller who only awaits the summary holds no events);
// - a reader: every event is kept for it, in order, except that an unread `progress` or
//   `partial` is replaced by a newer one of its kind (they describe a state, not a fact);
// - more than `limit` unread events: `full` turns true and `room()` waits, and the run holds
//   back its input until the reader catches up (segments are never dropped).
// An error ends the iteration after everything pushed before it was delivered.

export interface EventChannelOptions<T> {
  /** Unread events beyond which the producer is asked to wait. */
  limit: number;
  /** A key for events of which only the newest unread one matters; undefined for the rest. */
  coalesceKey(event: T): string | undefined;
}

export class EventChannel<T> {
  private readonly items: T[] = [];
  private reader: ((result: IteratorResult<T>) => void) | undefined;
  private failReader: ((error: unknown) => void) | undefined;
  private attached = false;
  private ended = false;
  private error: unknown;
  private hasError = false;
  private roomWaiters: (() => void)[] = [];
  private peak = 0;

  constructor(private readonly options: EventChannelOptions<T>) {}

  /** Events held for the reader now. */
  get retained(): number {
    return this.items.length;
  }

  /** The most events ever held at once. */
  get peakRetained(): number {
    return this.peak;
  }

  /** True while the reader is `limit` events behind: the producer should wait for `room()`. */
  get full(): boolean {
    return this.attached && this.items.length >= this.options.limit;
  }

  /** Resolves once the producer may go on: the reader caught up, left, or the channel ended. */
  room(): Promise<void> {
    if (!this.full || this.ended) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  push(event: T): void {
    if (this.ended || !this.attached) return;
    if (this.reader) {
      const deliver = this.reader;
      this.reader = this.failReader = undefined;
      deliver({ value: event, done: false });
      return;
    }
    const key = this.options.coalesceKey(event);
    if (key !== undefined) {
      const older = this.items.findIndex((item) => this.options.coalesceKey(item) === key);
      if (older >= 0) this.items.splice(older, 1);
    }
    this.items.push(event);
    this.peak = Math.max(this.peak, this.items.length);
  }

  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) {
      this.error = error;
      this.hasError = true;
    }
    this.releaseRoom();
    if (this.reader) {
      const deliver = this.reader;
      const fail = this.failReader;
      this.reader = this.failReader = undefined;
      if (this.hasError) fail?.(this.error);
      else deliver({ value: undefined, done: true });
    }
  }

  /** The one reader: from now on, events are kept for it. */
  attach(): AsyncIterator<T> {
    if (this.attached) throw new Error('a run can be iterated by one loop at a time');
    this.attached = true;
    return {
      next: () => {
        const item = this.items.shift();
        if (item !== undefined) {
          if (!this.full) this.releaseRoom();
          return Promise.resolve({ value: item, done: false });
        }
        if (this.ended)
          return this.hasError ? Promise.reject(this.error) : Promise.resolve({ value: undefined, done: true });
        this.releaseRoom();
        return new Promise((resolve, reject) => {
          this.reader = resolve;
          this.failReader = reject;
        });
      },
      // `break` out of the loop: the reader leaves, what it did not read is let go.
      return: () => {
        this.detach();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  private detach(): void {
    this.attached = false;
    this.items.length = 0;
    this.reader = this.failReader = undefined;
    this.releaseRoom();
  }

  private releaseRoom(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }
}
