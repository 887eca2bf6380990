// Speech, not loudness (issue 17): real speech from the corpus, transcribed in-process on a
// virtual clock with default settings, every session's audio recorded by the emulator and aligned
// with the input. Every sample of speech must arrive, with no failure; and where the noise between
// utterances is steady, the audio sent stays within the speech plus 1.5 s per utterance (padding
// both sides, short pauses kept whole).
import { describe, expect, it } from 'vitest';
import { corpusNames } from '../helpers/speech-corpus.js';
import { deliver, describeDelivery, type Delivery } from '../helpers/speech-run.js';

// A safety net for a busy machine: each run takes a second or two (the ten-minute file a few).
const NET_MS = 180_000;

// Quiet talkers and steady room noise: nothing in their pauses a detector should call speech.
const BOUNDED = [
  'level-37', // a laptop across the room
  'level-45', // an unnormalised far-field recording
  'far-talker',
  'noise-white-55',
  'noise-pink-45',
  'noise-white-42',
  'noise-pink-35',
  'long-pauses-noise', // pauses up to 90 s in room noise
];

// One run per entry, shared by the assertions on it.
const runs = new Map<string, Promise<Delivery>>();
function deliveryOf(name: string): Promise<Delivery> {
  let run = runs.get(name);
  if (!run) runs.set(name, (run = deliver(name)));
  return run;
}

describe('speech delivered, with default settings', () => {
  it.each(corpusNames())(
    '%s: every sample of speech arrives, and the run succeeds',
    async (name) => {
      const delivery = await deliveryOf(name);
      const why = describeDelivery(delivery);
      expect(delivery.error, why).toBeUndefined();
      expect(delivery.report.speechLost, why).toEqual([]);
    },
    NET_MS,
  );

  it.each(BOUNDED)(
    '%s: audio sent ≤ speech + 1.5 s per utterance',
    async (name) => {
      const delivery = await deliveryOf(name);
      expect(delivery.report.receivedSamples, describeDelivery(delivery)).toBeLessThanOrEqual(delivery.bound);
    },
    NET_MS,
  );

  it.each(corpusNames())(
    '%s: no session starts or ends inside speech',
    async (name) => {
      const delivery = await deliveryOf(name);
      expect(delivery.report.sessionEdgesInSpeech, describeDelivery(delivery)).toEqual([]);
    },
    NET_MS,
  );

  it(
    'ten-minutes with --parallel 4 (from the file): every sample of speech arrives, no span or session cuts speech, and the run succeeds',
    async () => {
      const delivery = await deliver('ten-minutes', { fromFile: true, transcribe: { parallel: 4 } });
      const why = describeDelivery(delivery);
      expect(delivery.error, why).toBeUndefined();
      expect(delivery.report.speechLost, why).toEqual([]);
      expect(delivery.report.sessionEdgesInSpeech, why).toEqual([]);
    },
    NET_MS,
  );

  it(
    'level-37 with a drop (1006) 20 s into the first session, mostly quiet speech: that speech is re-sent, nothing lost',
    async () => {
      const delivery = await deliver('level-37', {
        emulator: { faults: { drop: { afterMs: 20_000 }, dropSessions: [1] } },
      });
      const why = describeDelivery(delivery);
      expect(delivery.error, why).toBeUndefined();
      expect(delivery.summary.sessions, why).toBeGreaterThanOrEqual(2);
      expect(delivery.report.speechLost, why).toEqual([]);
    },
    NET_MS,
  );
});
