// Lets a loop sleep until "something changed" (new audio, an event, a closed socket) without
// polling. Each wait resolves on the next notify().
export class Notifier {
  private waiters: Array<() => void> = [];

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  next(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
