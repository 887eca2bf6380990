// A pure sine, the test signal of the decoding, level and tonecode suites: as floats (full scale
// 1) or as PCM16 samples (rounded).

const wave = (frequency: number, rate: number, amplitude: number) => (n: number) =>
  amplitude * Math.sin((2 * Math.PI * frequency * n) / rate);

/** `samples` floats of a `frequency` Hz sine at `rate`, peaking at `amplitude`. */
export function sine(frequency: number, rate: number, samples: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: samples }, (_, n) => wave(frequency, rate, amplitude)(n));
}

/** The same as PCM16 samples: `amplitude` in sample units, each value rounded. */
export function sine16(frequency: number, rate: number, samples: number, amplitude: number): Int16Array {
  const at = wave(frequency, rate, amplitude);
  return Int16Array.from({ length: samples }, (_, n) => Math.round(at(n)));
}
