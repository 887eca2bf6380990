// What a segment says besides its text: confidence (token log probabilities), the languages
// detected, and who spoke (diarized turns). Pure: from a released item and where it lies on the
// input's clock.
import type { LedgerItem } from './item-ledger.js';
import type { Segment, SpeakerTurn } from './segment.js';

type Details = Pick<Segment, 'logprob' | 'tokens' | 'languages' | 'speaker' | 'turns'>;

// Six decimals: finer digits of a mean are float noise.
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** The optional fields of the segment made from `item`, which spans `startSec`–`endSec` of the input. */
export function itemDetails(item: LedgerItem, startSec: number, endSec: number): Details {
  const details: Details = {};
  const tokens = item.logprobs;
  if (tokens && tokens.length > 0) {
    details.logprob = round6(tokens.reduce((sum, t) => sum + t.logprob, 0) / tokens.length);
    details.tokens = tokens.map((t) => ({ token: t.token, logprob: t.logprob }));
  }
  if (item.languages) details.languages = item.languages.map((l) => l.code);
  if (item.turns.length > 0) {
    const turns = item.turns.map((t) => onInput(t, startSec, endSec));
    const speaker = longestSpeaker(turns);
    if (speaker !== undefined) details.speaker = speaker;
    details.turns = turns;
  }
  return details;
}

// The service times a turn from the start of the item's audio (as far as its types say); the
// segment is that audio on the input's clock, so a turn is moved there and kept inside it.
function onInput(turn: SpeakerTurn, startSec: number, endSec: number): SpeakerTurn {
  const clamp = (sec: number) => Math.min(endSec, Math.max(startSec, startSec + (Number.isFinite(sec) ? sec : 0)));
  const start = clamp(turn.start);
  return { speaker: turn.speaker, start, end: Math.max(start, clamp(turn.end)), text: turn.text.trim() };
}

// The speaker who spoke longest, the earliest of them on a tie.
function longestSpeaker(turns: readonly SpeakerTurn[]): string | undefined {
  const spoken = new Map<string, number>();
  for (const t of turns) spoken.set(t.speaker, (spoken.get(t.speaker) ?? 0) + (t.end - t.start));
  let best: string | undefined;
  for (const [speaker, sec] of spoken) if (best === undefined || sec > (spoken.get(best) ?? 0)) best = speaker;
  return best;
}
