// Where an utterance lies on the input's timeline. The service reports it on the session's own
// clock and with the VAD's margins included: audio_start_ms counts the prefix padding before the
// speech, audio_end_ms the silence window after it. The words lie inside; the acknowledgement
// covers the whole window, so a resume never re-sends audio the service already heard out.
import type { TurnDetection } from '../realtime/events.js';
import type { SessionAudioMap } from './audio-map.js';
import { msToSamples } from '../audio/pcm-format.js';

// How far past the VAD's end of speech the words' end is looked for (less than any silence window).
const END_SEARCH_MS = 200;

export interface ItemSpan {
  /** Input samples where the words start and end (for segment times). */
  startSample: number;
  endSample: number;
  /** Input sample up to which this item acknowledges audio. */
  ackTo: number;
}

export function itemSpan(
  item: {
    startMs: number | undefined;
    endMs: number | undefined;
    /** audio_start_ms was held at the end of the previous item (the VAD never reaches back past it). */
    startClamped?: boolean;
  },
  audio: SessionAudioMap,
  turnDetection: TurnDetection,
  inputEnd: number,
  /** Where the words first start in `samples` of input from `from`, by the speech detector, if known. */
  soundStart?: (from: number, samples: number) => number | undefined,
  /** Where the words end within input [from, to), by the speech detector, if known. */
  soundEnd?: (from: number, to: number) => number | undefined,
): ItemSpan {
  const sentEnd = audio.endInputSample ?? 0;
  // An item with no known end (a commit we cannot match) covers what was sent: conservative.
  const itemEnd = item.endMs === undefined ? sentEnd : audio.toInputSample(item.endMs);
  const ackTo = Math.min(itemEnd, sentEnd, inputEnd);
  const vad = turnDetection?.type === 'server_vad' ? turnDetection : undefined;
  const padMs = vad ? (vad.prefix_padding_ms ?? 300) : 0;
  const tailMs = vad ? (vad.silence_duration_ms ?? 500) : 0;
  // The service reports speech start minus the padding, but never before the session's start or
  // the previous item's end: there it is clamped, and the words began somewhere in the padding
  // after it. Where a session starts (a resume, a rotation, a continued run) and how much silence
  // was skipped before the speech decide whether a start is clamped, so taken as is, one utterance
  // would get a different cue in a resumed run than in an uninterrupted one. The audio itself says
  // where the words start, the same in both.
  const clamped = padMs > 0 && (item.startMs === 0 || item.startClamped === true);
  const startMs = item.startMs === undefined ? 0 : clamped ? item.startMs : item.startMs + padMs;
  const vadEnd = Math.min(audio.toInputSample(Math.max((item.endMs ?? 0) - tailMs, 0)), ackTo);
  let start = audio.toInputSample(startMs);
  // Where the service's VAD let go depends on its own framing and state, which a resumed session
  // starts afresh: the words end where the audio says, the same in every run. The next words are
  // at least the silence window away, so a little past the VAD's end is still this item's.
  const endWindow = Math.min(ackTo, vadEnd + (vad ? msToSamples(END_SEARCH_MS) : 0));
  const endSample = (soundEnd && soundEnd(start, endWindow)) ?? vadEnd;
  // With manual commits the service says nothing (an item starts where the previous commit
  // ended): the audio says where, too.
  if (soundStart && (clamped || !vad)) {
    // The padding is on the session's clock: silence skipped inside it lies between on the input's.
    const window = clamped ? audio.toInputSample(startMs + padMs) - start : Math.max(0, endSample - start);
    start = soundStart(start, window) ?? start;
  }
  const startSample = Math.min(Math.max(start, 0), endSample);
  return { startSample, endSample, ackTo };
}
