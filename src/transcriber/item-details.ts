// What a segment says besides its text: confidence (token log probabilities), the languages
// detected, and who spoke (diarized turns). Pure: from a released item, where its segment lies on
// the input's clock, and the session's map from its own ms to input seconds.
import type { LedgerItem } from './item-ledger.js';
import type { Segment, SpeakerTurn } from './segment.js';

type Details = Pick<Segment, 'logprob' | 'tokens' | 'languages' | 'speaker' | 'turns'>;

// Six decimals: finer digits of a mean are float noise.
const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/**
 * The optional fields of the segment made from `item`, which starts at `startSec` of the input;
 * `toInputSec` maps a point of the session's audio (ms) to the input's clock.
 */
export function itemDetails(item: LedgerItem, startSec: number, toInputSec: (sessionMs: number) => number): Details {
  const details: Details = {};
  const tokens = item.logprobs;
  if (tokens && tokens.length > 0) {
    details.logprob = round6(tokens.reduce((sum, t) => sum + t.logprob, 0) / tokens.length);
    details.tokens = tokens.map((t) => ({ token: t.token, logprob: t.logprob }));
  }
  if (item.languages) details.languages = item.languages.map((l) => l.code);
  if (item.turns.length > 0) {
    const turns = item.turns.map((t) => onInput(t, item.startMs, toInputSec, startSec));
    const speaker = longestSpeaker(turns);
    if (speaker !== undefined) details.speaker = speaker;
    details.turns = turns;
  }
  return details;
}

// The service times a turn in seconds from the start of the item's audio (audio_start_ms, its
// padding included; UNVERIFIED: the SDK says only "seconds"). That point of the session's audio is
// mapped onto the input's clock (skipped silence and all). Not clamped to the segment: the
// segment's own start is an estimate from the VAD's padding, the turn's is the service's word.
function onInput(
  turn: SpeakerTurn,
  itemStartMs: number | undefined,
  toInputSec: (sessionMs: number) => number,
  startSec: number,
): SpeakerTurn {
  const at = (sec: number) => {
    const offsetMs = Number.isFinite(sec) ? Math.max(0, sec * 1000) : 0;
    return itemStartMs === undefined ? startSec + offsetMs / 1000 : toInputSec(itemStartMs + offsetMs);
  };
  const start = at(turn.start);
  return { speaker: turn.speaker, start, end: Math.max(start, at(turn.end)), text: turn.text.trim() };
}

// The speaker who spoke longest, the earliest of them on a tie.
function longestSpeaker(turns: readonly SpeakerTurn[]): string | undefined {
  const spoken = new Map<string, number>();
  for (const t of turns) spoken.set(t.speaker, (spoken.get(t.speaker) ?? 0) + (t.end - t.start));
  let best: string | undefined;
  for (const [speaker, sec] of spoken) if (best === undefined || sec > (spoken.get(best) ?? 0)) best = speaker;
  return best;
}
