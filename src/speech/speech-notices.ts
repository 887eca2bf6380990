// What a run says about the speech it hears, once each: a detector that could not load, and input
// so quiet that words may be missed. Library words (options in backticks); the CLI maps them to flags.

/** The chosen detector did not load: nothing is skipped on a guess instead. */
export function detectorFallbackWarning(detector: string, reason: string): string {
  return `the speech detector \`speechDetector: ${detector}\` could not load (${reason}): every sample is sent, and spans are cut only where the audio is digitally silent`;
}

// Speech whose peaks stay under this is far below usual recording levels.
export const QUIET_SPEECH_DBFS = -30;

/** Speech this quiet reaches the service, but its VAD may not hear it (its threshold needs louder audio). */
export function quietSpeechWarning(peakDbfs: number): string {
  return `the speech is quiet (it peaks at about ${peakDbfs} dBFS, usual is -20 to -3): the service may miss words; \`normalize\` raises the level before sending`;
}
