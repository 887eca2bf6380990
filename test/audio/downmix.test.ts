import { describe, expect, it } from 'vitest';
import { downmix } from '../../src/audio/downmix.js';

describe('downmix', () => {
  it('averages the channels of each frame', () => {
    expect(Array.from(downmix(Float32Array.from([0.5, -0.5, 1, 0.5, 0.25, 0.25]), 2))).toEqual([0, 0.75, 0.25]);
    expect(Array.from(downmix(Float32Array.from([0.3, 0.3, 0.3, 0, 0.6, 0.9]), 3))).toEqual([
      Math.fround(0.3),
      Math.fround(0.5),
    ]);
  });

  it('keeps a signal common to every channel at its level', () => {
    const same = Float32Array.from([0.5, 0.5, -0.25, -0.25]);
    expect(Array.from(downmix(same, 2))).toEqual([0.5, -0.25]);
  });

  it('returns mono as it is', () => {
    const mono = Float32Array.from([0.1, 0.2]);
    expect(downmix(mono, 1)).toBe(mono);
  });

  it('rejects a channel count that is not a whole number above 0', () => {
    expect(() => downmix(new Float32Array(4), 0)).toThrow('channels must be a whole number, 1 or more, got 0');
  });
});
