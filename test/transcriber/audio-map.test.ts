import { describe, expect, it } from 'vitest';
import { SessionAudioMap } from '../../src/transcriber/audio-map.js';

describe('SessionAudioMap', () => {
  it('maps session milliseconds onto the input from the session base offset', () => {
    const map = new SessionAudioMap();
    map.append(240_000, 960); // the session starts 10 s into the input
    map.append(240_960, 960);
    expect(map.firstInputSample).toBe(240_000);
    expect(map.toInputSample(0)).toBe(240_000);
    expect(map.toInputSample(50)).toBe(241_200);
    expect(map.endInputSample).toBe(241_920);
  });

  it('follows gaps between spans (skipped audio) and extrapolates past the end', () => {
    const map = new SessionAudioMap();
    map.append(0, 24_000); // 0–1 s
    map.append(48_000, 24_000); // 2–3 s of the input, sent as the session's second second
    expect(map.toInputSample(500)).toBe(12_000);
    expect(map.toInputSample(1500)).toBe(60_000);
    expect(map.toInputSample(2500)).toBe(84_000); // VAD windows can run past the last append
    expect(map.sentSamples).toBe(48_000);
  });
});
