// When pauses are skipped: on for files unless turned off; for a live stream only when asked (the
// words after a pause would wait while it decides). How much of a pause is kept is the speech
// module's (speech-options.ts).
import type { PolicyOptions } from './options.js';

export function skipsSilence(policy: Pick<PolicyOptions, 'skipSilence'>, live: boolean): boolean {
  return policy.skipSilence === 'on' || (policy.skipSilence === 'auto' && !live);
}
