// Speech, not loudness (issue 17): real speech from the corpus, transcribed in-process on a
// virtual clock with default settings, every session's audio recorded by the emulator and aligned
// with the input. Every sample of speech must arrive, and the audio sent stays within the speech
// plus 1.5 s per utterance (padding both sides, short pauses kept whole), with no failure.
import { describe, expect, it } from 'vitest';
import { deliver, describeDelivery } from '../helpers/speech-run.js';

const ENTRIES = [
  'level-37', // a laptop across the room
  'level-45', // an unnormalised far-field recording
  'noise-white-55',
  'noise-pink-45',
  'noise-white-42',
  'noise-pink-35',
  'long-pauses-noise', // pauses up to 90 s in room noise
];

describe('speech delivered, with default settings', () => {
  it.each(ENTRIES)(
    '%s: every sample of speech arrives, audio sent ≤ speech + 1.5 s per utterance, no failure',
    async (name) => {
      const delivery = await deliver(name);
      const why = describeDelivery(delivery);
      expect(delivery.error, why).toBeUndefined();
      expect(delivery.report.speechLost, why).toEqual([]);
      expect(delivery.report.receivedSamples, why).toBeLessThanOrEqual(delivery.bound);
    },
    120_000, // a safety net for a busy machine: each run takes a second or two
  );
});
