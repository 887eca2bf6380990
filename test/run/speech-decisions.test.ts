// Every decision that asks "is somebody speaking?" asked of real speech (issue 17): the dry run is
// the run's own plan, rotations and manual commits fall in the detector's pauses, quiet speech is
// named, and a healthy session waits through long pauses of music, hum and room noise. Corpus
// entries run in-process on the virtual clock, with the emulator recording what it received.
import { describe, expect, it } from 'vitest';
import { measureInput } from '../../src/index.js';
import { corpusEntry } from '../helpers/speech-corpus.js';
import { deliver, describeDelivery } from '../helpers/speech-run.js';

const NET_MS = 180_000; // a safety net for a busy machine, not a limit on the run

describe('the dry run is the run’s own plan', () => {
  it.each(['level-37', 'noise-pink-35', 'long-pauses-noise', 'nonstationary'])(
    '%s: speech, audio sent and spans equal what the run then does (audio sent within 5%)',
    async (name) => {
      const entry = await corpusEntry(name);
      const plan = await measureInput(entry.path, { env: {} });
      const delivery = await deliver(name, { fromFile: true });
      const why = describeDelivery(delivery);
      expect(plan.speech).toEqual({ detector: 'webrtc', sensitivity: 'normal' });
      expect(plan.spanSentSec).toHaveLength(1);
      expect(Math.abs(plan.sentSec - delivery.summary.sentSec) / delivery.summary.sentSec, why).toBeLessThan(0.05);
      expect(plan.speechSec).toBeCloseTo(delivery.summary.speechSec, 1);
      expect(plan.speechPeakDbfs).toBe(delivery.summary.speechPeakDbfs);
    },
    NET_MS,
  );

  it(
    'ten-minutes with --parallel 4: the spans the plan promises are the spans the run sends, each within 5%',
    async () => {
      const entry = await corpusEntry('ten-minutes');
      const plan = await measureInput(entry.path, { env: {}, parallel: 4 });
      const delivery = await deliver('ten-minutes', { fromFile: true, transcribe: { parallel: 4 } });
      expect(plan.spanSentSec).toHaveLength(4);
      const sent = plan.spanSentSec.reduce((a, b) => a + b, 0);
      expect(
        Math.abs(sent - delivery.summary.sentSec) / delivery.summary.sentSec,
        describeDelivery(delivery),
      ).toBeLessThan(0.05);
      // Four spans, each its own first session.
      expect(delivery.summary.sessions).toBeGreaterThanOrEqual(4);
    },
    NET_MS,
  );
});

describe('sessions end and commits fall in the detector’s pauses', () => {
  it(
    'ten-minutes rotated every 2 minutes: no session starts or ends inside speech, nothing lost',
    async () => {
      const delivery = await deliver('ten-minutes', { transcribe: { rotateAfterMs: 120_000 } });
      const why = describeDelivery(delivery);
      expect(delivery.error, why).toBeUndefined();
      expect(delivery.summary.rotations, why).toBeGreaterThanOrEqual(2);
      expect(delivery.report.sessionEdgesInSpeech, why).toEqual([]);
      expect(delivery.report.speechLost, why).toEqual([]);
    },
    NET_MS,
  );

  it.each(['noise-pink-35', 'far-talker', 'level-45'])(
    '%s with turn detection off: the client commits at the pauses, once per utterance or so, and nothing is lost',
    async (name) => {
      const delivery = await deliver(name, { transcribe: { turnDetection: null } });
      const why = describeDelivery(delivery);
      expect(delivery.error, why).toBeUndefined();
      expect(delivery.report.speechLost, why).toEqual([]);
      // Committed at pauses, not only at the 30 s limit: about one item per utterance.
      const utterances = delivery.entry.utterances.length;
      expect(delivery.summary.utterances, why).toBeGreaterThanOrEqual(utterances - 2);
    },
    NET_MS,
  );
});

describe('what the run says about the speech', () => {
  it(
    'quiet speech (peaks near −37 dBFS) is named once, with its level and the remedy; loud speech is not',
    async () => {
      const quiet = await deliver('level-37');
      const notices = quiet.events.filter((e) => e.type === 'warning' && e.message.includes('quiet'));
      expect(notices.map((e) => (e.type === 'warning' ? e.message : ''))).toEqual([
        'the speech is quiet (it peaks at about -37 dBFS, usual is -20 to -3): the service may miss words; `normalize` raises the level before sending',
      ]);
      expect(quiet.summary.speechPeakDbfs).toBe(-37);
      const loud = await deliver('level-6');
      expect(loud.events.some((e) => e.type === 'warning' && e.message.includes('quiet'))).toBe(false);
      expect(loud.summary.speechPeakDbfs).toBeGreaterThan(-10);
    },
    NET_MS,
  );

  it(
    'a healthy session waits through 90 s pauses of music and of mains hum: no stall, one session, nothing lost',
    async () => {
      const delivery = await deliver('long-pauses-music-hum');
      const why = describeDelivery(delivery);
      expect(delivery.error, why).toBeUndefined();
      expect(delivery.summary.resumes, why).toBe(0);
      expect(delivery.summary.sessions, why).toBe(1);
      expect(delivery.report.speechLost, why).toEqual([]);
      expect(delivery.summary.audioSec).toBeGreaterThan(180);
    },
    NET_MS,
  );

  it(
    'a service whose VAD hears nothing the client takes for speech (voices, 90 s of music and of hum): commits ask it to answer, no session is judged stalled, and every sample of speech is transcribed',
    async () => {
      const delivery = await deliver('long-pauses-music-hum', { emulator: { faults: { vadHearsNothing: true } } });
      const why = describeDelivery(delivery);
      expect(delivery.error, why).toBeUndefined();
      expect(delivery.summary.resumes, why).toBe(0);
      expect(delivery.report.speechLost, why).toEqual([]);
    },
    NET_MS,
  );
});
