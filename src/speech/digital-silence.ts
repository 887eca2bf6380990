// The detector that cannot be wrong about speech: only digital silence (every sample within one
// step of zero) is not speech. What a run uses when the chosen detector cannot load, and what
// `speechDetector: 'none'` asks for: every sample with sound in it is sent.
export class DigitalSilenceDetector {
  score(frame: Int16Array): number {
    for (const sample of frame) if (sample > 1 || sample < -1) return 1;
    return 0;
  }
}
