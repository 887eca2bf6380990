// What the emulator says about an item besides its transcript, shaped as the SDK's types: token
// log probabilities (when the session's `include` asks), diarized segments (for a diarizing
// model) and detected languages. Deterministic for tonecode, so tests assert exact values:
// - a word's log probability is -(symbol mod 4) / 4 (0, -0.25, -0.5 or -0.75), a marker's -1;
// - a sentence (words closer than PAUSE_MS) is spoken by `A` when its number is even, `B` when
//   odd; a piece too short to carry its number keeps the speaker before it.
import type { DecodedWord } from '../tonecode/decode.js';
import { sentenceNumberOf } from '../tonecode/index.js';
import type { LogProb } from '../realtime/events.js';

// Words of a sentence are 80 ms apart (spec/tonecode.md); a monologue's pauses may be as short as 300 ms.
const PAUSE_MS = 200;

/** The log probabilities of the pieces the deltas carry, piece for piece. */
export function pieceLogprobs(pieces: readonly string[], words: readonly DecodedWord[]): LogProb[][] {
  return pieces.map((piece, i) => {
    const word = words[i];
    const logprob = word === undefined ? -1 : -(word.symbol % 4) / 4 || 0; // never -0
    return [{ token: piece, bytes: [...Buffer.from(piece, 'utf8')], logprob }];
  });
}

export interface DiarizedPiece {
  speaker: string;
  /** Seconds from the start of the item's audio. */
  start: number;
  end: number;
  text: string;
}

/** The item's sentences and who spoke each; `pieces[i]` is the text of `words[i]`. */
export function diarize(pieces: readonly string[], words: readonly DecodedWord[]): DiarizedPiece[] {
  const out: DiarizedPiece[] = [];
  let from = 0;
  let speaker = 'A';
  for (let i = 1; i <= words.length; i++) {
    const next = words[i];
    const last = words[i - 1];
    if (next !== undefined && last !== undefined && next.startMs - last.endMs < PAUSE_MS) continue;
    const group = words.slice(from, i);
    const [a, b, c] = group;
    if (a && b && c) speaker = sentenceNumberOf(a.symbol, b.symbol, c.symbol) % 2 === 0 ? 'A' : 'B';
    const first = group[0];
    if (first !== undefined && last !== undefined) {
      out.push({
        speaker,
        start: seconds(first.startMs),
        end: seconds(last.endMs),
        text: pieces.slice(from, i).join('').trim(),
      });
    }
    from = i;
  }
  return out;
}

const seconds = (ms: number) => Math.round(ms) / 1000;
