// Maps a session's own audio clock (audio_start_ms / audio_end_ms count from 0 in every session)
// onto the input's timeline. A session's audio is a run of spans because a session can start
// anywhere on the input (resume, rotation) and may in future skip stretches of silence.
import { msToSamples } from '../audio/pcm-format.js';
import { defined } from '../util/must.js';

interface Span {
  sessionStart: number; // samples into the session's audio
  inputStart: number; // samples into the input
  length: number;
}

export class SessionAudioMap {
  private spans: Span[] = [];
  private sessionSamples = 0;

  /** Records that the next `length` samples sent to the session are input samples from `inputStart`. */
  append(inputStart: number, length: number): void {
    const last = this.spans[this.spans.length - 1];
    if (last && last.inputStart + last.length === inputStart) last.length += length;
    else this.spans.push({ sessionStart: this.sessionSamples, inputStart, length });
    this.sessionSamples += length;
  }

  /** Samples sent to this session so far. */
  get sentSamples(): number {
    return this.sessionSamples;
  }

  /** First input sample of the session, or undefined before any audio was sent. */
  get firstInputSample(): number | undefined {
    return this.spans[0]?.inputStart;
  }

  /** One past the last input sample sent. */
  get endInputSample(): number | undefined {
    const last = this.spans[this.spans.length - 1];
    return last ? last.inputStart + last.length : undefined;
  }

  /**
   * The input sample at a session time. Times beyond what was sent (audio_end_ms can run past the
   * last append by the VAD's silence window) extrapolate from the last span.
   */
  toInputSample(sessionMs: number): number {
    const at = Math.max(0, msToSamples(sessionMs));
    if (this.spans.length === 0) return 0;
    let lo = 0;
    let hi = this.spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (defined(this.spans[mid], 'audio span').sessionStart <= at) lo = mid;
      else hi = mid - 1;
    }
    const span = defined(this.spans[lo], 'audio span');
    return span.inputStart + (at - span.sessionStart);
  }
}
