// The one audio format the Realtime API accepts for transcription: PCM16 little-endian mono 24 kHz.

export const SAMPLE_RATE = 24_000;
export const BYTES_PER_SAMPLE = 2;
export const BYTES_PER_SECOND = SAMPLE_RATE * BYTES_PER_SAMPLE;

export function msToSamples(ms: number): number {
  return Math.round((ms * SAMPLE_RATE) / 1000);
}

export function samplesToMs(samples: number): number {
  return (samples * 1000) / SAMPLE_RATE;
}

export function samplesToSeconds(samples: number): number {
  return samples / SAMPLE_RATE;
}
