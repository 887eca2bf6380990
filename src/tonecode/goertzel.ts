// Goertzel: the power of one frequency over a window, in O(window) with no FFT.

/** Coefficient 2·cos(2πf/fs) for frequency f at sample rate fs. */
export function goertzelCoefficient(frequencyHz: number, sampleRate: number): number {
  return 2 * Math.cos((2 * Math.PI * frequencyHz) / sampleRate);
}

/**
 * |X(f)|² of samples[start, start+length). For a sine of amplitude A filling the window with a
 * whole number of cycles this is (A·length/2)².
 */
function goertzelPower(samples: ArrayLike<number>, start: number, length: number, coefficient: number): number {
  let s1 = 0;
  let s2 = 0;
  const end = start + length;
  for (let n = start; n < end; n++) {
    const s0 = (samples[n] ?? 0) + coefficient * s1 - s2; // n stays inside the window the caller gave
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coefficient * s1 * s2;
}

/**
 * goertzelPower for every coefficient, into `out`. Four frequencies share each pass over the
 * samples: their recurrences are independent, so the CPU overlaps them instead of waiting on one
 * chain of multiply-adds (about three times faster than one frequency at a time).
 */
export function goertzelPowers(
  samples: ArrayLike<number>,
  start: number,
  length: number,
  coefficients: Float64Array,
  out: Float64Array,
): void {
  const end = start + length;
  let k = 0;
  for (; k + 4 <= coefficients.length; k += 4) {
    // k + 3 < coefficients.length and n inside the caller's window: the `?? 0` never applies.
    const c0 = coefficients[k] ?? 0;
    const c1 = coefficients[k + 1] ?? 0;
    const c2 = coefficients[k + 2] ?? 0;
    const c3 = coefficients[k + 3] ?? 0;
    let a1 = 0,
      a2 = 0,
      b1 = 0,
      b2 = 0,
      d1 = 0,
      d2 = 0,
      e1 = 0,
      e2 = 0;
    for (let n = start; n < end; n++) {
      const x = samples[n] ?? 0;
      const a0 = x + c0 * a1 - a2;
      const b0 = x + c1 * b1 - b2;
      const d0 = x + c2 * d1 - d2;
      const e0 = x + c3 * e1 - e2;
      a2 = a1;
      a1 = a0;
      b2 = b1;
      b1 = b0;
      d2 = d1;
      d1 = d0;
      e2 = e1;
      e1 = e0;
    }
    out[k] = a1 * a1 + a2 * a2 - c0 * a1 * a2;
    out[k + 1] = b1 * b1 + b2 * b2 - c1 * b1 * b2;
    out[k + 2] = d1 * d1 + d2 * d2 - c2 * d1 * d2;
    out[k + 3] = e1 * e1 + e2 * e2 - c3 * e1 * e2;
  }
  for (; k < coefficients.length; k++) out[k] = goertzelPower(samples, start, length, coefficients[k] ?? 0);
}
