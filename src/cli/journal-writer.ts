// How the checkpoint journal reaches the disk without stalling the thread that paces audio and
// answers pings. Two facts shape it:
//   - a continued run trusts only what precedes the last acknowledgement (readJournal drops later
//     segments), so segments can wait in memory for the acknowledgement that covers them and go
//     out with it in one write: a kill -9 then leaves exactly what it left before, a prefix of the
//     entries ending at an acknowledgement;
//   - a write reaches the page cache, which outlives the process: fsync only guards against the
//     machine going down, so it runs off the event loop (libuv's pool), at most once per interval,
//     each one covering every write before it.
// Entries are written in the order they come, so the file is always a prefix of the full journal.

export interface JournalIo {
  /** Appends synchronously (page cache). */
  write(text: string): void;
  /** fsync off the event loop. */
  sync(done: (error: Error | null) => void): void;
  /** fsync now, for the last entries at close. */
  syncNow(): void;
  close(): void;
  now(): number;
  /** Calls `fn` after `ms`; never keeps the process alive. */
  schedule(ms: number, fn: () => void): { cancel(): void };
}

export interface JournalWriterCounts {
  writes: number;
  syncs: number;
}

export class JournalWriter {
  readonly counts: JournalWriterCounts = { writes: 0, syncs: 0 };
  #pending: string[] = [];
  #unsynced = false;
  #syncing = false;
  #lastSyncAt = -Infinity;
  #timer: { cancel(): void } | undefined;
  #failed: Error | undefined;
  #closed = false;
  #closeAfterSync = false;

  constructor(
    private readonly io: JournalIo,
    private readonly syncIntervalMs = 2000,
  ) {}

  /** An entry that counts only once a later boundary is written (a segment). */
  hold(line: string): void {
    this.#check();
    this.#pending.push(line);
  }

  /** An entry that makes what precedes it count (the header, an acknowledgement): written now. */
  commit(line: string): void {
    this.#check();
    this.#pending.push(line);
    this.#flush();
    this.#requestSync();
  }

  /** Fsyncs and closes; what is held is dropped (nothing committed it). Idempotent. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#pending = [];
    if (this.#unsynced || this.#syncing) this.io.syncNow();
    // An fsync in flight still uses the descriptor: close it once that one returns.
    if (this.#syncing) this.#closeAfterSync = true;
    else this.io.close();
  }

  #flush(): void {
    if (this.#pending.length === 0) return;
    this.io.write(this.#pending.join(''));
    this.#pending = [];
    this.#unsynced = true;
    this.counts.writes++;
  }

  #requestSync(): void {
    if (this.#syncing || this.#timer || !this.#unsynced) return;
    const wait = this.#lastSyncAt + this.syncIntervalMs - this.io.now();
    if (wait > 0) {
      this.#timer = this.io.schedule(wait, () => {
        this.#timer = undefined;
        this.#startSync();
      });
    } else this.#startSync();
  }

  #startSync(): void {
    if (this.#closed) return;
    this.#syncing = true;
    this.#unsynced = false;
    this.#lastSyncAt = this.io.now();
    this.counts.syncs++;
    this.io.sync((error) => {
      this.#syncing = false;
      if (error) this.#failed ??= error;
      if (this.#closeAfterSync) {
        this.io.close();
        return;
      }
      // Writes that came during this fsync wait for the next one.
      this.#requestSync();
    });
  }

  // A failed background fsync is reported at the next entry, as a failed fsyncSync was.
  #check(): void {
    if (this.#failed) throw this.#failed;
    if (this.#closed) throw new Error('journal is closed');
  }
}
