// Seeded white noise, so a "noisy" corpus is the same samples on every run and every machine.
import { mulberry32 } from '../util/random.js';

/** Gaussian white noise with the given RMS, in sample units; one value per call. */
export function gaussianNoise(seed: number, rms: number): () => number {
  const uniform = mulberry32(seed);
  let spare: number | undefined;
  // Box–Muller gives two independent values per pair of uniforms; keep the second for next call.
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    const u1 = 1 - uniform(); // (0, 1]: log(0) would be -Infinity
    const u2 = uniform();
    const radius = rms * Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };
}

/** RMS in 16-bit sample units of a level in dB relative to full scale. */
export function dbfsToRms(dbfs: number): number {
  return 32767 * 10 ** (dbfs / 20);
}
