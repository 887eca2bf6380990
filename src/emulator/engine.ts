// The emulator's "speech recogniser": exact for tonecode, honest about everything else. Audio that
// is not tonecode becomes a marker with its duration and, where the item's place is known, where
// it starts on the session's clock (`[speech 2.3 s at 14.2 s]`), never words: loud sound as the
// tonecode decoder measures it, and speech however quiet as the speech detector hears it.
import { decodeTonecode } from '../tonecode/index.js';
import type { DecodedWord } from '../tonecode/decode.js';
import { SAMPLE_RATE, samplesToMs } from '../audio/pcm-format.js';
import { defaultDetectorSettings, loadDetector, type DetectorModel } from '../speech/detector.js';
import { FRAME_SAMPLES, SpeechTracker } from '../speech/tracker.js';
import { speechMarker } from './marker.js';

let detector: DetectorModel | undefined;

// Speech in an item, in ms, as the client's own detector hears it (no padding).
function heardSpeechMs(samples: Int16Array): number {
  detector ??= loadDetector(defaultDetectorSettings, FRAME_SAMPLES);
  const tracker = new SpeechTracker(detector, { threshold: 0.5, padBeforeSamples: 0, padAfterSamples: 0 });
  tracker.push(samples);
  tracker.end();
  return samplesToMs(tracker.detectedSamples);
}

// Less non-tone sound than this is treated as clicks and fade edges, not as something said.
const MIN_OTHER_SOUND_MS = 200;

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
  // No words and no loud sound: speech too quiet for the decoder's level may still be there.
  const otherMs =
    decoded.words.length === 0 && decoded.otherSoundMs < MIN_OTHER_SOUND_MS
      ? heardSpeechMs(samples)
      : decoded.otherSoundMs;
  if (otherMs >= MIN_OTHER_SOUND_MS) pieces.push(speechMarker(otherMs, startMs));
  const deltas = pieces.map((piece, i) => (i === 0 ? piece : ` ${piece}`));
  return { transcript: deltas.join(''), deltas, words: decoded.words.length, decoded: decoded.words };
}
