// Seeded white noise, so a "noisy" corpus is the same samples on every run and every machine.

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

// A small, well-known 32-bit PRNG; quality is ample for test noise and it is trivially seeded.
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
