// When to rotate a session, as a pure function of its age and what is in flight.
// Make before break: the next session is opened a little before it is needed; the switch happens
// at a boundary (nothing pending, recent audio silent), or, past a grace period with no boundary
// (a monologue), at the next quiet chunk.
import type { PolicyOptions } from './options.js';
import { quietestOffset } from '../speech/level.js';
import { BYTES_PER_SAMPLE } from '../audio/pcm-format.js';

export type RotationStep = 'none' | 'prepare' | 'rotate' | 'handoff';

export interface RotationState {
  ageMs: number;
  policy: Pick<PolicyOptions, 'rotateAfterMs' | 'rotateGraceMs' | 'prepareAheadMs'>;
  /** A next session is being opened or is open. */
  preparing: boolean;
  preparedReady: boolean;
  atBoundary: boolean;
  /** Every input sample was sent: rotating now would only add work. */
  inputDone: boolean;
}

export function rotationStep(s: RotationState): RotationStep {
  const { rotateAfterMs, prepareAheadMs, rotateGraceMs } = s.policy;
  if (s.inputDone || s.ageMs < rotateAfterMs - prepareAheadMs) return 'none';
  if (!s.preparing) return 'prepare';
  if (!s.preparedReady || s.ageMs < rotateAfterMs) return 'none';
  if (s.atBoundary) return 'rotate';
  if (s.ageMs >= rotateAfterMs + rotateGraceMs) return 'handoff';
  return 'none';
}

/**
 * Where an overdue cut goes in the audio `ahead` of the cursor (speech with no quiet chunk): the
 * chunk boundary nearest the middle of its quietest chunk-long window, in samples from the
 * cursor. 0 (cut now) when nothing lies ahead, as on a live stream.
 */
export function quietestCut(ahead: Buffer, chunkSamples: number): number {
  if (ahead.length / BYTES_PER_SAMPLE <= chunkSamples) return 0;
  const middle = quietestOffset(ahead, chunkSamples) + chunkSamples / 2;
  return Math.round(middle / chunkSamples) * chunkSamples;
}
