// How much is kept around speech, from the one place that knows what the service's turn
// detection needs: the padding before and after each stretch of speech, and the shortest pause
// whose middle is not sent. The run, its planner and --dry-run all take their numbers from here.
import type { TurnDetection } from '../realtime/events.js';
import { msToSamples } from '../audio/pcm-format.js';
import type { TrackerOptions } from './tracker.js';

// Before speech: soft onsets the detector hears late, and the service's own prefix padding.
const PAD_BEFORE_MS = 200;
// Of a pause, after the padding on both sides, at least this much must be left to be worth
// skipping: shorter pauses are sent whole.
export const MIN_SKIP_MS = 300;
// The detector's score at which speech starts.
const SPEECH_THRESHOLD = 0.5;

/** The service's silence window: how long a pause must last before its VAD ends the turn. */
function silenceWindowMs(turnDetection: TurnDetection | undefined): number {
  return turnDetection && turnDetection.type === 'server_vad' ? (turnDetection.silence_duration_ms ?? 500) : 500;
}

/**
 * After speech the service's VAD must hear its silence window, plus 80 ms for frame rounding,
 * before the next speech's padding: so a skipped pause still closes the turn. Together the two
 * paddings are that window and 80 ms (0.58 s at the default 500 ms).
 */
export function trackerOptions(turnDetection: TurnDetection | undefined): TrackerOptions {
  const padAfterMs = Math.max(300, silenceWindowMs(turnDetection) + 80 - PAD_BEFORE_MS);
  return {
    threshold: SPEECH_THRESHOLD,
    padBeforeSamples: msToSamples(PAD_BEFORE_MS),
    padAfterSamples: msToSamples(padAfterMs),
  };
}
