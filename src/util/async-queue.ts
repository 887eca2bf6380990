// A push-to-pull bridge: the manager pushes events as they happen, the caller pulls them with
// `for await`. An error ends the iteration after everything pushed before it was delivered.
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiting: ((error: unknown) => void) | undefined;
  private ended = false;
  private error: unknown;
  private hasError = false;

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const deliver = this.waiting;
      this.waiting = this.failWaiting = undefined;
      deliver({ value: item, done: false });
    } else this.items.push(item);
  }

  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    if (error !== undefined) {
      this.error = error;
      this.hasError = true;
    }
    if (this.waiting) {
      const deliver = this.waiting;
      const fail = this.failWaiting!;
      this.waiting = this.failWaiting = undefined;
      if (this.hasError) fail(this.error);
      else deliver({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
        if (this.ended) return this.hasError ? Promise.reject(this.error) : Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.failWaiting = reject;
        });
      },
    };
  }
}
