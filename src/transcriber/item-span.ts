// Where an utterance lies on the input's timeline. The service reports it on the session's own
// clock and with the VAD's margins included: audio_start_ms counts the prefix padding before the
// speech, audio_end_ms the silence window after it. The words lie inside; the acknowledgement
// covers the whole window, so a resume never re-sends audio the service already heard out.
import type { TurnDetection } from '../realtime/events.js';
import { msToSamples } from '../audio/pcm-format.js';
import type { SessionAudioMap } from './audio-map.js';

export interface ItemSpan {
  /** Input samples where the words start and end (for segment times). */
  startSample: number;
  endSample: number;
  /** Input sample up to which this item acknowledges audio. */
  ackTo: number;
}

export function itemSpan(
  item: { startMs: number | undefined; endMs: number | undefined },
  audio: SessionAudioMap,
  turnDetection: TurnDetection,
  inputEnd: number,
  /** Where sound first starts in `samples` of input from `from`, by local energy, if known. */
  soundStart?: (from: number, samples: number) => number | undefined,
): ItemSpan {
  const sentEnd = audio.endInputSample ?? 0;
  // An item with no known end (a commit we cannot match) covers what was sent: conservative.
  const itemEnd = item.endMs === undefined ? sentEnd : audio.toInputSample(item.endMs);
  const ackTo = Math.min(itemEnd, sentEnd, inputEnd);
  const vad = turnDetection?.type === 'server_vad' ? turnDetection : undefined;
  const padMs = vad ? (vad.prefix_padding_ms ?? 300) : 0;
  const tailMs = vad ? (vad.silence_duration_ms ?? 500) : 0;
  // A start at 0 may have been clamped (speech within the padding of the session's start).
  const startMs = item.startMs === undefined || item.startMs === 0 ? 0 : item.startMs + padMs;
  const endSample = Math.min(audio.toInputSample(Math.max((item.endMs ?? 0) - tailMs, 0)), ackTo);
  let start = audio.toInputSample(startMs);
  // Clamped, the service only says the words began within the padding after the session's start;
  // with manual commits it says nothing (an item starts where the previous commit ended). Taken as
  // is, a cue would show up early. The audio itself says where.
  const clamped = item.startMs === 0 && padMs > 0;
  if (soundStart && (clamped || !vad)) {
    const window = clamped ? msToSamples(padMs) : Math.max(0, endSample - start);
    start = soundStart(start, window) ?? start;
  }
  const startSample = Math.min(Math.max(start, 0), endSample);
  return { startSample, endSample, ackTo };
}
