// A map of where an input is silent, made in one streaming pass before the input is cut into spans
// for parallel sessions. Only the silences are kept, so memory grows with their number, never
// with the length of the audio.
import { FrameJudge } from './frame-judge.js';
import { msToSamples } from './pcm-format.js';

/** Input samples [from, to). */
export interface Silence {
  from: number;
  to: number;
}

export interface SilenceMap {
  totalSamples: number;
  /** Samples outside the listed silences: sound and the short pauses within it, what gets sent. */
  speechSamples: number;
  /** Every silence at least the threshold long, in order, leading and trailing ones included. */
  silences: Silence[];
}

export interface SilenceMapOptions {
  /** A frame below this RMS level is silent. Default −50 dBFS. */
  silenceDbfs?: number;
  /** Shorter silences are not listed. Default 1000 ms. */
  minSilenceMs?: number;
  /** Default 10 ms. */
  frameMs?: number;
}

export class SilenceMapper {
  readonly #judge: FrameJudge;
  readonly #minSamples: number;
  readonly #silences: Silence[] = [];
  #runStart: number | undefined;
  #silent = 0;

  constructor(options: SilenceMapOptions = {}) {
    const minSilenceMs = options.minSilenceMs ?? 1000;
    if (!(minSilenceMs > 0) || !Number.isFinite(minSilenceMs))
      throw new RangeError(`silence map: minSilenceMs must be a duration above 0 ms, got ${minSilenceMs}`);
    this.#minSamples = msToSamples(minSilenceMs);
    this.#judge = new FrameJudge(msToSamples(options.frameMs ?? 10), options.silenceDbfs ?? -50);
  }

  /** The next chunk of PCM16 mono 24 kHz. */
  push(pcm: Buffer): void {
    this.#judge.push(pcm, (start, _end, silent) => this.#frame(start, silent));
  }

  /** The input ended: the map. */
  end(): SilenceMap {
    this.#judge.end((start, _end, silent) => this.#frame(start, silent));
    this.#close(this.#judge.pushedTo);
    const totalSamples = this.#judge.pushedTo;
    return { totalSamples, speechSamples: totalSamples - this.#silent, silences: this.#silences };
  }

  #frame(start: number, silent: boolean): void {
    if (silent) this.#runStart ??= start;
    else this.#close(start);
  }

  #close(at: number): void {
    if (this.#runStart !== undefined && at - this.#runStart >= this.#minSamples) {
      this.#silences.push({ from: this.#runStart, to: at });
      this.#silent += at - this.#runStart;
    }
    this.#runStart = undefined;
  }
}

/** Maps a whole stream (e.g. decodeToPcm's `pcm`). */
export async function mapSilences(pcm: AsyncIterable<Buffer>, options?: SilenceMapOptions): Promise<SilenceMap> {
  const mapper = new SilenceMapper(options);
  for await (const chunk of pcm) mapper.push(chunk);
  return mapper.end();
}
