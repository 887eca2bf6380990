// The run's counters: what the summary reports. Each counter has one writer, named by the
// method that moves it.
import { samplesToSeconds } from '../audio/pcm-format.js';
import type { NotTranscribedSpan, RunSummary, SessionEndReason } from './events.js';
import { addUsage, NO_USAGE, type UsageTotals } from '../realtime/usage.js';

export class RunCounters {
  private sessions = 0;
  private rotations = 0;
  private resumes = 0;
  private utterances = 0;
  private failedItems = 0;
  private resentSamples = 0;
  private sentSamples = 0;
  private skippedSamples = 0;
  private readonly endReasons: Partial<Record<SessionEndReason, number>> = {};
  private readonly notTranscribed: NotTranscribedSpan[] = [];
  private usage: UsageTotals = NO_USAGE;

  sessionOpened(): void {
    this.sessions++;
  }
  rotated(): void {
    this.rotations++;
  }
  resumed(): void {
    this.resumes++;
  }
  sessionEnded(reason: SessionEndReason): void {
    this.endReasons[reason] = (this.endReasons[reason] ?? 0) + 1;
  }
  resent(samples: number): void {
    this.resentSamples += samples;
  }
  /** Input audio sent (first sends and re-sends). */
  sent(samples: number): void {
    this.sentSamples += samples;
  }
  /** Input audio passed over as long silence (counted once). */
  skipped(samples: number): void {
    this.skippedSamples += samples;
  }
  transcribed(): void {
    this.utterances++;
  }
  itemFailed(): void {
    this.failedItems++;
  }
  /** A transcript arrived, billed or not as its `usage` says (whether or not the run used it). */
  billed(usage: unknown): void {
    this.usage = addUsage(this.usage, usage);
  }
  lost(span: NotTranscribedSpan): void {
    this.notTranscribed.push(span);
  }

  get sessionCount(): number {
    return this.sessions;
  }
  get resumeCount(): number {
    return this.resumes;
  }
  get utteranceCount(): number {
    return this.utterances;
  }
  get lostSpans(): readonly NotTranscribedSpan[] {
    return this.notTranscribed;
  }

  summary(
    audioEndSample: number,
    ackSample: number,
    speech: { detectedSamples: number; speechPeakDbfs: number | undefined } | undefined,
  ): RunSummary {
    return {
      sessions: this.sessions,
      rotations: this.rotations,
      resumes: this.resumes,
      resentSec: samplesToSeconds(this.resentSamples),
      sentSec: samplesToSeconds(this.sentSamples),
      skippedSec: samplesToSeconds(this.skippedSamples),
      speechSec: samplesToSeconds(speech?.detectedSamples ?? 0),
      speechPeakDbfs: speech?.speechPeakDbfs ?? null,
      audioSec: samplesToSeconds(audioEndSample),
      utterances: this.utterances,
      failedItems: this.failedItems,
      endReasons: { ...this.endReasons },
      acknowledgedSec: samplesToSeconds(ackSample),
      notTranscribed: [...this.notTranscribed],
      usage: this.usage,
    };
  }
}
