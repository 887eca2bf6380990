// The run's questions to the speech timeline, on scripted scores: where the next speech is (padded
// where decided, as heard where not yet), whether a chunk was heard, the hangover handed back.
import { describe, expect, it } from 'vitest';
import type { DetectorModel } from '../../src/speech/detector.js';
import { SpeechTimeline } from '../../src/speech/timeline.js';
import { FRAME_SAMPLES as F } from '../../src/speech/tracker.js';

function timeline(scores: number[], options: { before: number; after: number; hangover?: number }) {
  const model: DetectorModel = {
    settings: { detector: 'webrtc', sensitivity: 'normal' },
    hangoverFrames: options.hangover ?? 0,
    create: () => {
      let i = 0;
      return { score: () => scores[i++] ?? 0 };
    },
  };
  return new SpeechTimeline(model, {
    threshold: 0.5,
    padBeforeSamples: options.before * F,
    padAfterSamples: options.after * F,
  });
}

// Loud frames where the script says speech, the room's level elsewhere.
const voiced = (scores: number[]) =>
  Buffer.concat(
    scores.map((s) => Buffer.from(Int16Array.from({ length: F }, (_, i) => (i % 2 ? 1 : -1) * (s ? 3000 : 30)).buffer)),
  );
const frames = (n: number, amplitude = 0) =>
  Buffer.from(Int16Array.from({ length: n * F }, (_, i) => (i % 2 ? amplitude : -amplitude)).buffer);

describe('SpeechTimeline', () => {
  it('answers padded speech where decided, and speech as heard in the newest audio', () => {
    const scores = [...new Array<number>(36).fill(0), 1, 1, 0, 0, 0, 0];
    const t = timeline(scores, { before: 2, after: 1 });
    t.push(voiced(scores.slice(0, 37)));
    // The tracker looks 30 frames ahead: frames up to 7 are decided, frame 36 is only heard.
    expect(t.decidedTo).toBe(7 * F);
    expect(t.speechFrom(0)).toBe(36 * F);
    t.push(voiced(scores.slice(37)));
    t.end();
    expect(t.speechFrom(0)).toBe(34 * F); // the padding of the speech at 36
    expect(t.speechFrom(39 * F)).toBeUndefined();
    expect(t.detectedFrom(0)).toBe(36 * F);
    expect(t.heardIn(0, 36 * F)).toBe(false);
    expect(t.heardIn(36 * F, 36 * F + 1)).toBe(true);
  });

  it('no longer counts the hangover as heard once the speech has ended at the room level', () => {
    const t = timeline([1, 1, 1, 1, 1, 0, 0], { before: 0, after: 0, hangover: 3 });
    t.push(Buffer.concat([frames(2, 3000), frames(5, 10)]));
    expect(t.heardIn(2 * F, 5 * F)).toBe(false);
    expect(t.heardIn(F, 2 * F)).toBe(true);
  });

  it('forgets what lies before the released sample', () => {
    const t = timeline([1, 0, 0, 0, 0, 0, 1, 0, 0, 0], { before: 0, after: 0 });
    t.push(voiced([1, 0, 0, 0, 0, 0, 1, 0, 0, 0]));
    t.end();
    expect(t.speechFrom(0)).toBe(0);
    t.release(3 * F);
    expect(t.speechFrom(0)).toBe(6 * F);
  });
});
