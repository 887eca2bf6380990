// A streaming sample-rate converter: polyphase windowed-sinc (Kaiser), pure, no I/O.
//
// Output sample k sits at input position k·down/up (up/down is outRate/inRate in lowest terms).
// Its value is the input under a low-pass kernel centred there, whose transition band ends at
// the lower rate's Nyquist frequency, so downsampling does not alias and upsampling leaves no
// images. Positions advance in exact integer arithmetic, so there is no drift however long the
// stream, and the state carried from one chunk to the next (the last few input samples and the
// position) makes chunked output identical, sample for sample, to one-shot output.

export interface ResamplerOptions {
  inRate: number;
  outRate: number;
}

// The kernel is flat to 0.46 × the lower rate and down at least 80 dB from 0.5 × it (its Nyquist
// frequency), so nothing folds back on downsampling and no image survives upsampling, while
// 8 kHz telephone audio keeps its top band (up to ~3.7 kHz). Kaiser's formulas give the width,
// in samples of the lower rate, and β for that transition and attenuation.
const CUTOFF = 0.48;
const HALF_WIDTH_LOW = 64;
const KAISER_BETA = 7.86;
// Rate pairs with more phases than this (e.g. 23 999 → 24 000) share a table of this many
// phases and interpolate between neighbours: the error stays below −110 dB, the table small.
const MAX_TABLE_PHASES = 1024;
const MAX_RATE = 10_000_000;

export class Resampler {
  readonly inRate: number;
  readonly outRate: number;
  readonly #up: number;
  readonly #down: number;
  readonly #half: number; // T: the kernel reads input base−T+1 … base+T
  readonly #taps: number;
  readonly #phases: number;
  readonly #interpolate: boolean;
  readonly #table: Float64Array;
  // Input not yet released, as absolute sample indices #bufStart … #bufStart+#bufLen−1.
  #buf: Float32Array;
  #bufLen: number;
  #bufStart: number;
  #received = 0;
  // Position of the next output: input index #base plus #phase/#up.
  #base = 0;
  #phase = 0;
  #flushed = false;

  constructor(opts: ResamplerOptions) {
    checkRate('inRate', opts.inRate);
    checkRate('outRate', opts.outRate);
    this.inRate = opts.inRate;
    this.outRate = opts.outRate;
    const g = gcd(opts.inRate, opts.outRate);
    this.#up = opts.outRate / g;
    this.#down = opts.inRate / g;

    // Cut-off and width in cycles and samples of the input rate.
    const scale = Math.min(1, opts.outRate / opts.inRate);
    const cutoff = CUTOFF * scale;
    const width = HALF_WIDTH_LOW / scale;
    this.#half = Math.ceil(width);
    this.#taps = 2 * this.#half;
    this.#interpolate = this.#up > MAX_TABLE_PHASES;
    this.#phases = this.#interpolate ? MAX_TABLE_PHASES : this.#up;
    this.#table = kernelTable(this.#phases + (this.#interpolate ? 1 : 0), this.#phases, this.#half, cutoff, width);

    // Before the first sample the signal is silence: T zeros stand for indices −T … −1.
    this.#buf = new Float32Array(Math.max(4096, 4 * this.#taps));
    this.#bufLen = this.#half;
    this.#bufStart = -this.#half;
  }

  /** Samples of delay the kernel needs before an output can be computed (its half-width). */
  get lookahead(): number {
    return this.isIdentity ? 0 : this.#half;
  }

  /** Input samples kept as history (bounded by the kernel's width plus the last chunk). */
  get held(): number {
    return this.#bufLen;
  }

  get isIdentity(): boolean {
    return this.#up === this.#down;
  }

  /** Takes the next input samples; returns every output sample they complete. */
  process(input: Float32Array): Float32Array {
    if (this.#flushed) throw new Error('Resampler: process() after flush()');
    // Same rate: a filter would only cut the top of the band; pass the samples through untouched.
    if (this.isIdentity) return input.slice();
    this.#append(input, input.length);
    return this.#drain(this.#received - this.#half);
  }

  /** Ends the stream: the last outputs, computed as if silence followed the input. */
  flush(): Float32Array {
    if (this.#flushed) return new Float32Array(0);
    this.#flushed = true;
    if (this.isIdentity) return new Float32Array(0);
    this.#append(new Float32Array(this.#half), this.#half);
    // Outputs continue up to the last input position (k·down/up < received), no further.
    return this.#drain(this.#received);
  }

  // Appends samples to the history without counting padding as received input.
  #append(samples: Float32Array, count: number): void {
    const needed = this.#bufLen + count;
    if (needed > this.#buf.length) {
      const grown = new Float32Array(Math.max(needed, this.#buf.length * 2));
      grown.set(this.#buf.subarray(0, this.#bufLen));
      this.#buf = grown;
    }
    this.#buf.set(samples.subarray(0, count), this.#bufLen);
    this.#bufLen += count;
    if (!this.#flushed) this.#received += count;
  }

  // Computes every output whose position's integer part is below `limit`, then releases the
  // history no later output can reach.
  #drain(limit: number): Float32Array {
    const up = this.#up;
    const down = this.#down;
    const taps = this.#taps;
    const table = this.#table;
    const buf = this.#buf;
    const out = new Float32Array(Math.ceil(((this.#bufLen + 1) * up) / down) + 1);
    let produced = 0;
    while (this.#base < limit) {
      const start = this.#base - this.#half + 1 - this.#bufStart;
      let value: number;
      if (this.#interpolate) {
        const position = (this.#phase * this.#phases) / up;
        const row = Math.floor(position);
        const t = position - row;
        const a = dot(buf, start, table, row * taps, taps);
        const b = dot(buf, start, table, (row + 1) * taps, taps);
        value = a + (b - a) * t;
      } else {
        value = dot(buf, start, table, this.#phase * taps, taps);
      }
      out[produced++] = value;
      this.#phase += down;
      this.#base += Math.floor(this.#phase / up);
      this.#phase %= up;
    }
    const keepFrom = Math.min(this.#bufLen, Math.max(0, this.#base - this.#half + 1 - this.#bufStart));
    if (keepFrom > 0) {
      buf.copyWithin(0, keepFrom, this.#bufLen);
      this.#bufLen -= keepFrom;
      this.#bufStart += keepFrom;
    }
    return out.slice(0, produced);
  }
}

function dot(buf: Float32Array, start: number, table: Float64Array, row: number, taps: number): number {
  let sum = 0;
  // Callers keep start + taps inside buf and row + taps inside table: the defaults never apply.
  for (let j = 0; j < taps; j++) sum += (buf[start + j] ?? 0) * (table[row + j] ?? 0);
  return sum;
}

// Row p holds the kernel for an output at fraction p/phases past an input sample; tap j weighs
// input base−T+1+j, at distance p/phases + T−1−j. Each row is scaled to sum to 1, so a constant
// comes out exactly as it went in at every phase (no DC ripple, no low hum from the phases).
function kernelTable(rows: number, phases: number, half: number, cutoff: number, width: number): Float64Array {
  const taps = 2 * half;
  const table = new Float64Array(rows * taps);
  const i0Beta = besselI0(KAISER_BETA);
  for (let p = 0; p < rows; p++) {
    const kernel = table.subarray(p * taps, (p + 1) * taps);
    let sum = 0;
    for (let j = 0; j < taps; j++) {
      const d = p / phases + half - 1 - j;
      const ratio = d / width;
      if (Math.abs(ratio) >= 1) continue;
      const window = besselI0(KAISER_BETA * Math.sqrt(1 - ratio * ratio)) / i0Beta;
      const value = 2 * cutoff * sinc(2 * cutoff * d) * window;
      kernel[j] = value;
      sum += value;
    }
    for (const [j, value] of kernel.entries()) kernel[j] = value / sum;
  }
  return table;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

// The modified Bessel function of the first kind, order 0, by its power series (converges fast
// for the β values a Kaiser window uses).
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarter = (x * x) / 4;
  for (let k = 1; k < 64; k++) {
    term *= quarter / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function checkRate(name: string, rate: number): void {
  if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE) {
    throw new RangeError(`${name} must be a whole number of Hz from 1 to ${MAX_RATE}, got ${rate}`);
  }
}
