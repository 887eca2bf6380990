// With turn detection off (`turn_detection: null`, which some models require) nobody ends an
// utterance but the client. This decides where, from the speech detector's verdict on each chunk
// (speech heard or not): after a pause that follows sound, or, for speech with no pause, at the
// next chunk with none heard once it runs long (and anywhere once it runs far too long). Pure
// state, one chunk at a time.

export interface ManualCommitOptions {
  /** Silence after sound that ends an utterance. */
  pauseMs: number;
  /** Past this, commit at the next quiet chunk even without a pause. */
  maxUtteranceMs: number;
  /** Past maxUtteranceMs + this, commit wherever the audio is. */
  forceAfterMs: number;
}

export class ManualCommitter {
  private soundMs = 0; // sound since the last commit
  private silenceRunMs = 0; // silence at the tail
  private sinceCommitMs = 0;

  constructor(private readonly options: ManualCommitOptions) {}

  /** Call after each chunk is sent; true means: commit now (after this chunk). */
  observe(chunkMs: number, silent: boolean): boolean {
    this.sinceCommitMs += chunkMs;
    if (silent) this.silenceRunMs += chunkMs;
    else {
      this.silenceRunMs = 0;
      this.soundMs += chunkMs;
    }
    if (this.soundMs === 0) return false; // only silence since the last commit: nothing to say
    const { pauseMs, maxUtteranceMs, forceAfterMs } = this.options;
    const commit =
      this.silenceRunMs >= pauseMs ||
      (silent && this.sinceCommitMs >= maxUtteranceMs) ||
      this.sinceCommitMs >= maxUtteranceMs + forceAfterMs;
    if (commit) this.soundMs = this.silenceRunMs = this.sinceCommitMs = 0;
    return commit;
  }

  /** Sound since the last commit that no commit covers yet. */
  get pendingSound(): boolean {
    return this.soundMs > 0;
  }
}
