// How loud the speech is: the level that 99% of speech frames' peaks stay under (a click or two
// does not make quiet speech loud). Counted in whole-dB bins, so memory does not grow with input.
const LOWEST_DB = -100;

export class SpeechLevelMeter {
  readonly #bins = new Uint32Array(-LOWEST_DB + 1); // bin i: peaks in (-i-1, -i] dBFS
  #frames = 0;

  /** One speech frame's peak, in dBFS. */
  add(peakDbfs: number): void {
    const bin = Math.min(this.#bins.length - 1, Math.max(0, Math.floor(-peakDbfs)));
    this.#bins[bin] = (this.#bins[bin] ?? 0) + 1;
    this.#frames++;
  }

  get frames(): number {
    return this.#frames;
  }

  /** The speech's peak level in dBFS (whole dB), or undefined before any speech. */
  get peakDbfs(): number | undefined {
    if (this.#frames === 0) return undefined;
    let above = 0;
    for (let bin = 0; bin < this.#bins.length; bin++) {
      above += this.#bins[bin] ?? 0;
      if (above >= this.#frames * 0.01) return -bin;
    }
    return LOWEST_DB;
  }
}
