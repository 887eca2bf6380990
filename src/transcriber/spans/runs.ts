// One input transcribed as several spans at once: each span is a run of its own session
// machinery (its own pace, rotation, resume and replay) over its part of the input, all under one
// limit on concurrent sessions, and the stitcher joins their events in input order. A span that
// fails stops the others: what the run emits stays one contiguous, acknowledged transcript.
import { samplesToSeconds } from '../../audio/pcm-format.js';
import { mergeUsage, NO_USAGE } from '../../realtime/usage.js';
import { SessionManager, type ManagerDeps } from '../manager.js';
import { SpanStitcher } from './stitcher.js';
import type { RunSummary, SessionEndReason } from '../events.js';
import type { Segment } from '../segment.js';

/** The PCM of one span: exactly its samples, from its start. */
export interface SpanSource {
  pcm: AsyncIterable<Buffer>;
  /** Settles when the source is done; rejects for an input that turned out damaged. */
  finished: Promise<unknown>;
  stop(): void;
}

export interface SpanRunsInput {
  /** Input samples [start, end), contiguous, in order; a span with `restored` segments is done
   *  already (a continued run): it opens no session, and its segments are emitted in their place. */
  spans: readonly { start: number; end: number; restored?: readonly Segment[] | undefined }[];
  open(span: { start: number; end: number }): Promise<SpanSource>;
  totalSec: number | undefined;
}

export class SpanRuns {
  private readonly managers: SessionManager[] = [];
  private stitcher: SpanStitcher | undefined;
  private restoredEnd = 0;
  private sessionNumbers = 0;

  constructor(private readonly deps: ManagerDeps) {}

  async run(input: SpanRunsInput): Promise<RunSummary> {
    const { deps } = this;
    const stitcher = (this.stitcher = new SpanStitcher(
      input.spans.map((span) => ({
        startSec: samplesToSeconds(span.start),
        endSec: samplesToSeconds(span.end),
        restored: span.restored,
      })),
      input.totalSec,
    ));
    for (const span of input.spans) if (span.restored) this.restoredEnd = samplesToSeconds(span.end);
    for (const out of stitcher.start()) deps.emit(out);
    const failed = new AbortController();
    const stop = new AbortController(); // Ctrl-C, or another span's failure
    const stopNow = new AbortController();
    const forward = (from: AbortSignal | undefined, to: AbortController) => {
      if (from?.aborted) to.abort(from.reason);
      from?.addEventListener('abort', () => to.abort(from.reason), { once: true });
    };
    forward(deps.signal, stop);
    forward(deps.stopNow, stopNow);
    forward(failed.signal, stop);
    forward(failed.signal, stopNow);
    let firstError: unknown;
    const runSpan = async (span: { start: number; end: number }, index: number): Promise<void> => {
      const manager = new SessionManager({
        ...deps,
        emit: (event) => {
          for (const out of stitcher.push(index, event)) deps.emit(out);
        },
        signal: stop.signal,
        stopNow: stopNow.signal,
        sessionNumbers: { next: () => ++this.sessionNumbers },
      });
      this.managers[index] = manager;
      const source = await input.open(span);
      try {
        await manager.run({ pcm: source.pcm, live: false, startSample: span.start });
      } finally {
        source.stop();
      }
      if (!stop.signal.aborted) await source.finished;
      if (!stop.signal.aborted) for (const out of stitcher.finish(index)) deps.emit(out);
    };
    const results = await Promise.allSettled(
      input.spans.map((span, index) =>
        (span.restored ? Promise.resolve() : runSpan(span, index)).catch((error: unknown) => {
          firstError ??= error;
          failed.abort(error);
          throw error;
        }),
      ),
    );
    if (firstError !== undefined || results.some((r) => r.status === 'rejected')) throw firstError;
    return this.currentSummary;
  }

  /** The merged summary so far (also valid after a failure). */
  get currentSummary(): RunSummary {
    const parts = this.managers.filter((m): m is SessionManager => m !== undefined).map((m) => m.currentSummary);
    const sum = (pick: (s: RunSummary) => number) => parts.reduce((total, s) => total + pick(s), 0);
    const endReasons: Partial<Record<SessionEndReason, number>> = {};
    for (const s of parts) {
      for (const [reason, n] of Object.entries(s.endReasons) as [SessionEndReason, number][])
        endReasons[reason] = (endReasons[reason] ?? 0) + n;
    }
    return {
      sessions: sum((s) => s.sessions),
      rotations: sum((s) => s.rotations),
      resumes: sum((s) => s.resumes),
      resentSec: sum((s) => s.resentSec),
      sentSec: sum((s) => s.sentSec),
      skippedSec: sum((s) => s.skippedSec),
      speechSec: sum((s) => s.speechSec),
      speechPeakDbfs: loudest(parts.map((s) => s.speechPeakDbfs)),
      audioSec: Math.max(this.restoredEnd, ...parts.map((s) => s.audioSec)),
      utterances: sum((s) => s.utterances),
      failedItems: sum((s) => s.failedItems),
      endReasons,
      acknowledgedSec: this.stitcher?.acknowledgedSec ?? 0,
      notTranscribed: parts.flatMap((s) => s.notTranscribed),
      usage: parts.reduce((total, s) => mergeUsage(total, s.usage), NO_USAGE),
    };
  }
}

// The loudest span's speech level: the file's speech peaks at least that high.
function loudest(levels: (number | null)[]): number | null {
  const known = levels.filter((level): level is number => level !== null);
  return known.length > 0 ? Math.max(...known) : null;
}
