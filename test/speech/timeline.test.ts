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

const frames = (n: number, amplitude = 0) =>
  Buffer.from(Int16Array.from({ length: n * F }, (_, i) => (i % 2 ? amplitude : -amplitude)).buffer);

describe('SpeechTimeline', () => {
  it('answers padded speech where decided, and speech as heard in the newest audio', () => {
    const t = timeline([0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0], { before: 2, after: 1 });
    t.push(frames(7, 1000));
    // Frames 0–4 decided (padding 2 frames ahead); frame 6 is heard, not yet decided.
    expect(t.decidedTo).toBe(5 * F);
    expect(t.speechFrom(0)).toBe(4 * F); // padding of the speech at 6
    t.push(frames(5, 1000));
    t.end();
    expect(t.speechFrom(0)).toBe(4 * F);
    expect(t.speechFrom(9 * F)).toBeUndefined();
    expect(t.detectedFrom(0)).toBe(6 * F);
    expect(t.heardIn(0, 6 * F)).toBe(false);
    expect(t.heardIn(6 * F, 6 * F + 1)).toBe(true);
  });

  it('no longer counts the hangover as heard once the speech has ended at the room level', () => {
    const t = timeline([1, 1, 1, 1, 1, 0, 0], { before: 0, after: 0, hangover: 3 });
    t.push(Buffer.concat([frames(2, 3000), frames(5, 10)]));
    expect(t.heardIn(2 * F, 5 * F)).toBe(false);
    expect(t.heardIn(F, 2 * F)).toBe(true);
  });

  it('forgets what lies before the released sample', () => {
    const t = timeline([1, 0, 0, 0, 0, 0, 1, 0, 0, 0], { before: 0, after: 0 });
    t.push(frames(10, 1000));
    t.end();
    expect(t.speechFrom(0)).toBe(0);
    t.release(3 * F);
    expect(t.speechFrom(0)).toBe(6 * F);
  });
});
