import { describe, expect, it } from 'vitest';
import { InputBuffer } from '../../src/emulator/input-buffer.js';

const ramp = (from: number, n: number) => Int16Array.from({ length: n }, (_, i) => from + i);

describe('InputBuffer', () => {
  it('slices across appends by absolute position', () => {
    const buffer = new InputBuffer();
    buffer.append(ramp(0, 10));
    buffer.append(ramp(10, 5));
    buffer.append(ramp(15, 10));
    expect(buffer.end).toBe(25);
    expect(Array.from(buffer.slice(8, 17))).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it('releases audio before a position and clamps slices to what it holds', () => {
    const buffer = new InputBuffer();
    buffer.append(ramp(0, 10));
    buffer.append(ramp(10, 10));
    buffer.discardBefore(13);
    expect(buffer.start).toBe(13);
    expect(Array.from(buffer.slice(0, 16))).toEqual([13, 14, 15]);
    buffer.discardBefore(5); // never moves back
    expect(buffer.start).toBe(13);
    buffer.discardBefore(100); // never past the end
    expect(buffer.start).toBe(20);
    expect(buffer.slice(0, 100)).toHaveLength(0);
  });
});
