// How the checkpoint journal reaches the disk without stalling the thread that paces audio and
// answers pings. Two facts shape it:
//   - a continued run trusts only what precedes the last acknowledgement (readJournal drops later
//     segments), so segments can wait in memory for the acknowledgement that covers them and go
//     out with it in one write: a kill -9 then leaves exactly what it left before, a prefix of the
//     entries ending at an acknowledgement;
//   - a write reaches the page cache, which outlives the process: fsync only guards against the
//     machine going down, so it runs off the event loop (libuv's pool), at most once per interval,
//     each one covering every write before it.
//   - most acknowledgements only move the offset over silence (no segment waits on them): only
//     the latest matters, so such a one waits up to a short interval for the next, and an
//     acknowledgement that covers segments replaces it. A kill -9 then leaves an offset at most that
//     interval older: the continued run sends a little more silence again, and still loses and
//     repeats nothing, since every segment is written with an acknowledgement that covers it.
//     A span's progress (a parallel run's later spans) is deferred the same way, under its own key.
// Entries are written in the order they come, so the file is always a prefix of the full journal
// (less the replaced acknowledgements).

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
  // The latest acknowledgement of each key not yet written, waiting for #deferTimer.
  #deferred = new Map<string, string>();
  #deferTimer: { cancel(): void } | undefined;
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
    private readonly deferMs = 1000,
  ) {}

  /** Whether entries are held, waiting for a commit. */
  get holding(): boolean {
    return this.#pending.length > 0;
  }

  /** An entry that counts only once a later boundary is written (a segment). */
  hold(line: string): void {
    this.#check();
    this.#pending.push(line);
  }

  /** An entry that makes what precedes it count (the header, an acknowledgement): written now. It
   *  supersedes the deferred entry of the key `supersedes`. */
  commit(line: string, supersedes = 'ack'): void {
    this.#check();
    this.#dropDeferred(supersedes);
    this.#pending.push(line);
    this.#flush();
    this.#requestSync();
  }

  /** A commit that only the latest of its key matters: written within deferMs, or replaced by a
   *  later one. */
  defer(line: string, key = 'ack'): void {
    this.#check();
    this.#deferred.set(key, line);
    this.#deferTimer ??= this.io.schedule(this.deferMs, () => {
      this.#deferTimer = undefined;
      if (this.#closed || this.#deferred.size === 0) return;
      this.#pending.push(...this.#deferred.values());
      this.#deferred.clear();
      this.#flush();
      this.#requestSync();
    });
  }

  #dropDeferred(key: string): void {
    this.#deferred.delete(key);
    if (this.#deferred.size > 0) return;
    this.#deferTimer?.cancel();
    this.#deferTimer = undefined;
  }

  /** Writes a deferred commit, fsyncs and closes; what is held is dropped (nothing committed it).
   *  Idempotent. */
  close(): void {
    if (this.#closed) return;
    const deferred = [...this.#deferred.values()].join('');
    this.#deferred.clear();
    this.#dropDeferred('');
    this.#pending = [];
    if (deferred !== '') {
      this.io.write(deferred);
      this.#unsynced = true;
      this.counts.writes++;
    }
    this.#closed = true;
    this.#timer?.cancel();
    this.#timer = undefined;
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
