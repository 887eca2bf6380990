// The items of one session, in the service's order. Completions can arrive out of order, so the
// order comes from the `committed.previous_item_id` chain, and an item is released (becomes a
// segment) only when every earlier item is done. Times stay on the session's own clock here.
import type { DetectedLanguage, ErrorDetail, LogProb } from '../realtime/events.js';
import { defined } from '../util/must.js';

export interface LedgerItem {
  id: string;
  /** audio_start_ms from speech_started (includes the VAD's prefix padding). */
  startMs: number | undefined;
  /** audio_start_ms was no later than the end of an earlier item: clamped there, not padded. */
  startClamped: boolean;
  /** audio_end_ms from speech_stopped, or the point of the manual commit that made the item. */
  endMs: number | undefined;
  committed: boolean;
  done: boolean;
  text: string;
  failed: boolean;
  /** What the service said when it could not transcribe the item. */
  failure: ErrorDetail | undefined;
  partial: string;
  /** Token log probabilities: the completion's when it gave them, else the deltas' so far. */
  logprobs: LogProb[] | undefined;
  languages: DetectedLanguage[] | undefined;
  /** Diarized parts, seconds from the start of the item's audio. */
  turns: { speaker: string; start: number; end: number; text: string }[];
}

/** What a completion says besides its transcript. */
export interface CompletionDetails {
  logprobs?: LogProb[] | null | undefined;
  languages?: DetectedLanguage[] | undefined;
}

export class ItemLedger {
  private readonly items = new Map<string, LedgerItem>();
  private readonly order: string[] = []; // committed items in chain order
  private released = 0; // how many of `order` have been released
  private readonly manualCommits: number[] = []; // session ms of commits we sent, not yet answered
  private lastReleasedEndMs = 0;
  private latestEndMs = 0; // session ms: the furthest end of any item so far (the VAD's floor)
  private isCovered: (item: LedgerItem) => boolean = () => false;

  /**
   * Items whose audio a transcript from another session already covers are passed over at
   * release: a late session and its replacement can both transcribe the same audio, and only the
   * first transcript counts.
   */
  skipCovered(covered: (item: LedgerItem) => boolean): void {
    this.isCovered = covered;
  }

  speechStarted(id: string, audioStartMs: number): void {
    const item = this.item(id);
    item.startMs = audioStartMs;
    item.startClamped = this.latestEndMs > 0 && audioStartMs <= this.latestEndMs;
  }

  speechStopped(id: string, audioEndMs: number): void {
    this.item(id).endMs = audioEndMs;
    this.latestEndMs = Math.max(this.latestEndMs, audioEndMs);
  }

  /** We sent input_audio_buffer.commit after `sessionMs` of audio. */
  commitSent(sessionMs: number): void {
    this.manualCommits.push(sessionMs);
  }

  /** The service refused our oldest outstanding commit (e.g. input_audio_buffer_commit_empty). */
  commitRejected(): void {
    this.manualCommits.shift();
  }

  /** The service committed an item; true when it answers one of our own commits. */
  committed(id: string, previousId: string | null): boolean {
    const item = this.item(id);
    if (item.committed) return false;
    item.committed = true;
    let answered = false;
    const vadEndMs = item.endMs;
    const stoppedByVad = vadEndMs !== undefined;
    // Commits we sent are answered in order; an item without speech_stopped is one of ours.
    if (vadEndMs === undefined) {
      item.endMs = this.manualCommits.shift();
      answered = item.endMs !== undefined;
    } else if (this.manualCommits[0] !== undefined && this.manualCommits[0] <= vadEndMs) {
      // Our commit raced a VAD commit and closed the same speech: it is answered by this item.
      this.manualCommits.shift();
      answered = true;
    }
    // Our commit may leave the VAD's own speech item open (the service's choice is undocumented):
    // this item then holds the speech so far, and the open one only what comes after the commit.
    // Answered here means one of our commits gave the item its end.
    const commitEndMs = answered && !stoppedByVad ? item.endMs : undefined;
    const open = commitEndMs !== undefined ? this.openSpeechBefore(id, commitEndMs) : undefined;
    if (open) {
      item.startMs ??= open.startMs;
      open.startMs = item.endMs;
    }
    if (item.startMs === undefined) item.startMs = this.lastCommittedEndMs();
    if (item.endMs !== undefined) this.latestEndMs = Math.max(this.latestEndMs, item.endMs);
    const at = previousId === null ? -1 : this.order.indexOf(previousId);
    if (previousId !== null && at >= 0 && at < this.order.length - 1) this.order.splice(at + 1, 0, id);
    else this.order.push(id);
    return answered;
  }

  delta(id: string, text: string, logprobs?: LogProb[] | null): string {
    const item = this.item(id);
    item.partial += text;
    if (logprobs) item.logprobs = [...(item.logprobs ?? []), ...logprobs];
    return item.partial;
  }

  /** A diarized part of an item (it comes after its commit, before its completion). */
  segment(id: string, turn: { speaker: string; start: number; end: number; text: string }): void {
    // One for an item already released (or never heard of) has no segment left to join.
    const item = this.items.get(id);
    if (item !== undefined && !item.done) item.turns.push(turn);
  }

  /** The text of an item's deltas so far. */
  partialOf(id: string): string {
    return this.items.get(id)?.partial ?? '';
  }

  completed(id: string, transcript: string, details: CompletionDetails = {}): void {
    const item = this.item(id);
    item.done = true;
    item.text = transcript.trim();
    // The completion's tokens cover the whole transcript; the deltas' are the fallback.
    if (details.logprobs) item.logprobs = details.logprobs;
    if (details.languages) item.languages = details.languages;
  }

  failed(id: string, failure?: ErrorDetail): void {
    const item = this.item(id);
    item.done = true;
    item.failed = true;
    item.failure = failure;
  }

  /** Items now done with every earlier item also done (and not covered elsewhere), each returned once, in order. */
  releaseReady(): LedgerItem[] {
    const ready: LedgerItem[] = [];
    for (let id = this.order[this.released]; id !== undefined; id = this.order[this.released]) {
      const item = defined(this.items.get(id), 'ledger entry of a committed item');
      if (!item.done) break;
      if (!this.isCovered(item)) ready.push(item);
      this.released++;
      this.items.delete(item.id);
      if (item.endMs !== undefined) this.lastReleasedEndMs = Math.max(this.lastReleasedEndMs, item.endMs);
    }
    return ready;
  }

  /** Speech the service has started but not yet committed. */
  hasOpenSpeech(): boolean {
    for (const item of this.items.values()) if (!item.committed && item.startMs !== undefined) return true;
    return false;
  }

  /** Committed items whose transcript has not been released. */
  pendingCount(): number {
    return this.order.length - this.released;
  }

  outstandingCommits(): number {
    return this.manualCommits.length;
  }

  /** Nothing in flight: no open speech, nothing committed and unreleased, no commit unanswered. */
  isIdle(): boolean {
    return this.pendingCount() === 0 && !this.hasOpenSpeech() && this.manualCommits.length === 0;
  }

  /** Session ms of the end of the last released item. */
  get releasedEndMs(): number {
    return this.lastReleasedEndMs;
  }

  // Speech the VAD opened before `endMs` and has not committed (not the item `except`).
  private openSpeechBefore(except: string, endMs: number): LedgerItem | undefined {
    for (const item of this.items.values()) {
      if (item.id !== except && !item.committed && item.startMs !== undefined && item.startMs < endMs) return item;
    }
    return undefined;
  }

  private lastCommittedEndMs(): number {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const id = this.order[i];
      const end = id === undefined ? undefined : this.items.get(id)?.endMs;
      if (end !== undefined) return end;
    }
    return this.lastReleasedEndMs;
  }

  private item(id: string): LedgerItem {
    let item = this.items.get(id);
    if (!item) {
      item = {
        id,
        startMs: undefined,
        startClamped: false,
        endMs: undefined,
        committed: false,
        done: false,
        text: '',
        failed: false,
        failure: undefined,
        partial: '',
        logprobs: undefined,
        languages: undefined,
        turns: [],
      };
      this.items.set(id, item);
    }
    return item;
  }
}
