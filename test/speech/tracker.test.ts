// The tracker on scripted detector scores (a pure unit test: the detector is a stand-in that
// replays a score per frame), so each rule is seen on its own: hysteresis, the hangover handed
// back at the room's level, padding on both sides, and frames that do not depend on chunking.
import { describe, expect, it } from 'vitest';
import type { DetectorModel } from '../../src/speech/detector.js';
import { FRAME_SAMPLES, SpeechTracker, type FinalFrame, type HeardFrame } from '../../src/speech/tracker.js';

const F = FRAME_SAMPLES;

// A detector that answers `scores[i]` for frame i, and audio whose frame i has `levels[i]` as amplitude.
function scripted(scores: number[], hangoverFrames = 0): DetectorModel {
  return {
    settings: { detector: 'webrtc', sensitivity: 'normal' },
    hangoverFrames,
    create: () => {
      let i = 0;
      return { score: () => scores[i++] ?? 0 };
    },
  };
}

function audio(amplitudes: number[]): Buffer {
  const pcm = new Int16Array(amplitudes.length * F);
  amplitudes.forEach((a, frame) => {
    for (let s = 0; s < F; s++) pcm[frame * F + s] = s % 2 ? a : -a;
  });
  return Buffer.from(pcm.buffer);
}

// Frames the detector hears as speech are loud, the rest at the room's level.
const voiced = (scores: number[]) => scores.map((s) => (s >= 0.35 ? 3000 : 30));

function track(
  scores: number[],
  amplitudes: number[],
  options: { before?: number; after?: number; hangover?: number; chunk?: number } = {},
) {
  const tracker = new SpeechTracker(scripted(scores, options.hangover ?? 0), {
    threshold: 0.5,
    padBeforeSamples: (options.before ?? 0) * F,
    padAfterSamples: (options.after ?? 0) * F,
  });
  const final: FinalFrame[] = [];
  const heard: HeardFrame[] = [];
  tracker.onFinal((f) => final.push(f));
  tracker.onHeard((f) => heard.push(f));
  const pcm = audio(amplitudes);
  const chunk = (options.chunk ?? F) * 2;
  for (let at = 0; at < pcm.length; at += chunk) tracker.push(pcm.subarray(at, at + chunk));
  tracker.end();
  const line = (pick: (f: FinalFrame) => boolean) => final.map((f) => (pick(f) ? '#' : '.')).join('');
  return { tracker, final, heard, speech: line((f) => f.speech), detected: line((f) => f.detected) };
}

describe('SpeechTracker', () => {
  it('starts speech at the threshold and keeps it while the score stays within 0.15 under', () => {
    const scores = [0, 0.5, 0.4, 0.36, 0.34, 0.6, 0.49, 0];
    const { detected, heard } = track(scores, voiced(scores));
    expect(detected).toBe('.###.##.');
    expect(heard.map((f) => (f.heard ? '#' : '.')).join('')).toBe('.###.##.');
  });

  it('pads speech before and after, and joins pauses shorter than the two paddings', () => {
    const scores = [0, 0, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    const { speech, tracker } = track(scores, voiced(scores), { before: 2, after: 2 });
    expect(speech).toBe('..##########....');
    expect(tracker.utterances).toBe(1);
    expect(tracker.detectedSamples).toBe(3 * F);
    expect(tracker.speechSamples).toBe(10 * F);
  });

  it("hands back the detector's hangover where it is no louder than the room, never a louder frame", () => {
    // Frames 2–4 are the voice, 5–7 the detector's hangover: at the room's level (quiet), or not.
    const scores = [0, 0, 1, 1, 1, 1, 1, 1, 0, 0];
    const room = track(scores, [20, 20, 3000, 3000, 3000, 20, 20, 20, 20, 20], { hangover: 3 });
    expect(room.detected).toBe('..###.....');
    expect(room.heard.find((f) => f.speechEnd !== undefined)?.speechEnd).toBe(5 * F);
    const soft = track(scores, [20, 20, 3000, 3000, 3000, 3000, 400, 20, 20, 20], { hangover: 3 });
    expect(soft.detected).toBe('..#####...');
  });

  it("takes a short run that never rises above the room's texture for the room, not a voice", () => {
    const scores = [0, 0, 0, 1, 1, 0, 0, 0];
    expect(track(scores, [25, 20, 25, 28, 28, 22, 20, 25]).detected).toBe('........');
    expect(track(scores, [25, 20, 25, 200, 28, 22, 20, 25]).detected).toBe('...##...');
  });

  it('takes the soft onset and ending around speech, where they stand above the room', () => {
    const scores = [0, 0, 0, 0, 1, 1, 0, 0, 0, 0];
    expect(track(scores, [20, 20, 20, 200, 3000, 3000, 200, 200, 20, 20]).detected).toBe('...#####..');
  });

  it('gives the same frames however the audio is chunked, and counts them from the origin', () => {
    const scores = Array.from({ length: 40 }, (_, i) => (i % 9 < 4 ? 1 : 0));
    const amplitudes = scores.map((s) => (s ? 2000 : 30));
    const whole = track(scores, amplitudes, { before: 2, after: 3, hangover: 2 });
    for (const chunk of [1, 7, 239, 241, 960, 5000]) {
      expect(track(scores, amplitudes, { before: 2, after: 3, hangover: 2, chunk }).final).toEqual(whole.final);
    }
    const late = new SpeechTracker(scripted([]), { threshold: 0.5, padBeforeSamples: 0, padAfterSamples: 0 }, 1000);
    const starts: number[] = [];
    late.onFinal((f) => starts.push(f.start));
    late.push(audio([0, 0]));
    late.end();
    expect(starts).toEqual([1000, 1000 + F]);
  });

  it('decides a frame only once the frames it may depend on are seen; the end decides the rest, a short last frame too', () => {
    // The tracker looks 30 frames ahead (a soft onset may reach that far back).
    const silence = new Array<number>(32).fill(0);
    const tracker = new SpeechTracker(scripted([...silence, 1]), {
      threshold: 0.5,
      padBeforeSamples: 2 * F,
      padAfterSamples: 0,
    });
    const final: FinalFrame[] = [];
    tracker.onFinal((f) => final.push(f));
    tracker.push(audio(silence));
    expect(tracker.decidedTo).toBe(2 * F);
    tracker.push(audio([1000]).subarray(0, 100));
    tracker.end();
    expect(final.slice(29).map((f) => [f.start, f.end, f.speech])).toEqual([
      [29 * F, 30 * F, false],
      [30 * F, 31 * F, true],
      [31 * F, 32 * F, true],
      [32 * F, 32 * F + 50, true],
    ]);
    expect(tracker.decidedTo).toBe(32 * F + 50);
  });

  it('measures the speech level over speech frames only', () => {
    const scores = [0, 1, 1, 1, 0];
    const { tracker } = track(scores, [20, 327, 327, 327, 20]);
    expect(tracker.speechPeakDbfs).toBe(-40);
    expect(track([0, 0], [1000, 1000]).tracker.speechPeakDbfs).toBeUndefined();
  });
});
