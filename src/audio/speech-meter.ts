// Estimates how much of an input is speech, for --dry-run: the same local energy check the session
// manager makes on each chunk, with pauses shorter than the VAD's silence window bridged, as a
// server VAD keeps an utterance open across them. Pure: chunks in, counts out.
import { isSilent } from './energy.js';

export interface SpeechEstimate {
  /** Every sample seen. */
  totalSamples: number;
  /** Samples inside utterances: sound, and the short pauses within it. */
  speechSamples: number;
  /** Stretches of sound separated by at least the bridge of silence. */
  utterances: number;
}

export class SpeechMeter {
  #total = 0;
  #speech = 0;
  #utterances = 0;
  #inSpeech = false;
  // Silence since the last sound, counted as speech only if sound follows within the bridge.
  #gap = 0;

  /** `bridgeSamples`: the longest pause that does not end an utterance. */
  constructor(
    private readonly bridgeSamples: number,
    private readonly silenceDbfs: number,
  ) {}

  /** One chunk of PCM16 mono. */
  push(pcm: Buffer): void {
    this.pushChunk(pcm.length >> 1, isSilent(pcm, this.silenceDbfs));
  }

  /** A chunk already judged: `samples` long, silent or not. */
  pushChunk(samples: number, silent: boolean): void {
    this.#total += samples;
    if (!silent) {
      if (this.#inSpeech) this.#speech += this.#gap;
      else this.#utterances++;
      this.#inSpeech = true;
      this.#gap = 0;
      this.#speech += samples;
      return;
    }
    if (!this.#inSpeech) return;
    this.#gap += samples;
    if (this.#gap >= this.bridgeSamples) {
      this.#inSpeech = false;
      this.#gap = 0;
    }
  }

  get estimate(): SpeechEstimate {
    return { totalSamples: this.#total, speechSamples: this.#speech, utterances: this.#utterances };
  }
}
