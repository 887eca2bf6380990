// The detectors as installed: the WebRTC model is the WebAssembly file the npm package really
// ships (not a stand-in), loaded synchronously; a detector that cannot load falls back to the one
// that loses nothing, and says why.
import { createRequire } from 'node:module';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { synthesizeCorpus } from '../../src/tonecode/index.js';
import { gaussianNoise, dbfsToRms } from '../../src/tonecode/noise.js';
import { loadDetector, type DetectorKind } from '../../src/speech/detector.js';
import { FRAME_SAMPLES } from '../../src/speech/tracker.js';
import { detectorFallbackWarning } from '../../src/speech/speech-notices.js';

function frames(pcm: Int16Array, kind: DetectorKind): number[] {
  const detector = loadDetector({ detector: kind, sensitivity: 'normal' }, FRAME_SAMPLES).create();
  const scores: number[] = [];
  for (let at = 0; at + FRAME_SAMPLES <= pcm.length; at += FRAME_SAMPLES)
    scores.push(detector.score(pcm.subarray(at, at + FRAME_SAMPLES)));
  return scores;
}

function noise(seconds: number, dbfs: number): Int16Array {
  const next = gaussianNoise(7, dbfsToRms(dbfs));
  return Int16Array.from({ length: seconds * 24_000 }, () => Math.round(next()));
}

describe('speech detectors', () => {
  it('loads the WebRTC model the package installs: a real WebAssembly file of about 20 KB', () => {
    const path = createRequire(import.meta.url).resolve('@echogarden/fvad-wasm/fvad.wasm');
    expect(statSync(path).size).toBeGreaterThan(15_000);
    const model = loadDetector({ detector: 'webrtc', sensitivity: 'normal' }, FRAME_SAMPLES);
    expect(model.fallbackReason).toBeUndefined();
    expect(model.hangoverFrames).toBe(15);
  });

  it('hears each tonecode sentence and not the silence between them; two detectors keep their own state', () => {
    const corpus = synthesizeCorpus({ count: 3, pauseMs: 1000 });
    const scores = frames(corpus.pcm, 'webrtc');
    for (const s of corpus.sentences) {
      const inside = scores.slice(Math.ceil(s.startSec * 100), Math.floor(s.endSec * 100));
      expect(inside.every((v) => v === 1)).toBe(true);
      // 150 ms of hangover, then the pause is silence.
      const pause = scores.slice(Math.ceil(s.endSec * 100) + 16, Math.ceil(s.endSec * 100) + 90);
      if (s !== corpus.sentences.at(-1)) expect(pause.every((v) => v === 0)).toBe(true);
    }
    expect(frames(corpus.pcm, 'webrtc')).toEqual(scores);
  });

  it('takes steady room noise for no speech once it has heard it (WebRTC and the adaptive energy detector)', () => {
    const room = noise(5, -45);
    for (const kind of ['webrtc', 'energy'] as const) {
      const scores = frames(room, kind).slice(100); // after the first second
      expect(scores.filter((v) => v >= 0.5).length, kind).toBeLessThan(5);
    }
  });

  it('none: only digital silence is not speech', () => {
    const pcm = new Int16Array(FRAME_SAMPLES * 3);
    pcm[FRAME_SAMPLES + 5] = 1; // one step: still silence
    pcm[2 * FRAME_SAMPLES + 5] = 3;
    expect(frames(pcm, 'none')).toEqual([0, 0, 1]);
  });

  it('falls back to digital silence, with the reason, when the detector cannot be made', () => {
    const model = loadDetector({ detector: 'webrtc', sensitivity: 'normal' }, 100);
    expect(model.fallbackReason).toBe('the WebRTC detector needs frames of 3n samples, got 100');
    expect(model.create().score(new Int16Array(100))).toBe(0);
    expect(detectorFallbackWarning('webrtc', model.fallbackReason ?? '')).toBe(
      'the speech detector `speechDetector: webrtc` could not load (the WebRTC detector needs frames of 3n samples, got 100): every sample is sent, and spans are cut only where the audio is digitally silent',
    );
  });
});
