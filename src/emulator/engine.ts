// The emulator's "speech recogniser": exact for tonecode, honest about everything else. Loud
// audio that is not tonecode becomes a marker with its duration and, where the item's place is
// known, where it starts on the session's clock (`[speech 2.3 s at 14.2 s]`), never words.
import { decodeTonecode } from '../tonecode/index.js';
import type { DecodedWord } from '../tonecode/decode.js';
import { SAMPLE_RATE } from '../audio/pcm-format.js';

// Less non-tone sound than this is treated as clicks and fade edges, not as something said.
export const MIN_OTHER_SOUND_MS = 200;

export interface Transcription {
  transcript: string;
  // Pieces whose concatenation is `transcript`, one per word (what the delta events carry).
  deltas: string[];
  words: number;
  /** The tonecode words heard, `deltas[i]` being the text of `decoded[i]` (for logprobs and speakers). */
  decoded?: DecodedWord[];
}

/** `startMs`: where the item starts on the session's audio clock, for the marker. */
export function transcribePcm(samples: Int16Array, startMs?: number): Transcription {
  const decoded = decodeTonecode(samples, SAMPLE_RATE);
  const pieces = decoded.words.map((word) => word.text);
  const [first] = pieces;
  if (first !== undefined) {
    pieces[0] = first.charAt(0).toUpperCase() + first.slice(1);
    pieces[pieces.length - 1] += '.';
  }
  if (decoded.otherSoundMs >= MIN_OTHER_SOUND_MS) pieces.push(speechMarker(decoded.otherSoundMs, startMs));
  const deltas = pieces.map((piece, i) => (i === 0 ? piece : ` ${piece}`));
  return { transcript: deltas.join(''), deltas, words: decoded.words.length, decoded: decoded.words };
}

export function speechMarker(ms: number, startMs?: number): string {
  const at = startMs === undefined ? '' : ` at ${(startMs / 1000).toFixed(1)} s`;
  return `[speech ${(ms / 1000).toFixed(1)} s${at}]`;
}

/** A marker in a transcript, with or without its place (what the notes about markers look for). */
export const SPEECH_MARKER = /\[speech \d+(?:\.\d+)? s(?: at \d+(?:\.\d+)? s)?\]/;
