// When silence is skipped, and how much of each long silence is kept: one place, for the run and
// for --dry-run's estimate of what a run sends.
import type { SilenceSkipOptions } from '../audio/silence-skipper.js';
import type { PolicyOptions } from './options.js';

// Silence skipping is on for files unless turned off; for a live stream only when asked (the
// words after a pause would wait while it decides).
export function skipsSilence(policy: Pick<PolicyOptions, 'skipSilence'>, live: boolean): boolean {
  return policy.skipSilence === 'on' || (policy.skipSilence === 'auto' && !live);
}

// Of a long silence, what the service's turn detection needs to close the utterance is kept: its
// silence window (plus a margin) in two pieces, after the speech and before the next.
export function silenceSkipOptions(policy: Pick<PolicyOptions, 'turnDetection' | 'silenceDbfs'>): SilenceSkipOptions {
  const td = policy.turnDetection;
  const windowMs = td && td.type === 'server_vad' ? (td.silence_duration_ms ?? 500) : 500;
  // Together the two pieces are the window and 80 ms: the service hears them as one pause, and
  // with the 10 ms frames' rounding a pause costs at most 0.6 s of sending.
  const prefixMs = 200;
  const keepMs = Math.max(300, windowMs + 80 - prefixMs);
  return { silenceDbfs: policy.silenceDbfs, keepMs, prefixMs, minSilenceMs: keepMs + prefixMs + 300 };
}
