// A monologue with no quiet chunk at all still rotates at its hard deadline; the cut falls on the
// chunk boundary nearest the quietest point of the audio just ahead.
import { describe, expect, it } from 'vitest';
import { quietestCut } from '../../src/transcriber/rotation-policy.js';

const CHUNK = 960; // 40 ms

// Loud tone, with a 40 ms dip to a whisper starting at `dipAt`.
function tone(samples: number, dipAt: number): Buffer {
  const pcm = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const amplitude = i >= dipAt && i < dipAt + CHUNK ? 30 : 12_000;
    pcm.writeInt16LE(Math.round(amplitude * Math.sin(i / 7)), i * 2);
  }
  return pcm;
}

describe('quietestCut', () => {
  it('cuts on the chunk boundary nearest the middle of the quietest stretch ahead', () => {
    // The dip runs from 300 samples into chunk 17 to 300 into chunk 18: boundary 18 is inside it.
    expect(quietestCut(tone(3 * 24_000, CHUNK * 17 + 300), CHUNK)).toBe(CHUNK * 18);
    // A dip starting 700 samples into chunk 5 has its middle past boundary 6: the cut is there.
    expect(quietestCut(tone(3 * 24_000, CHUNK * 5 + 700), CHUNK)).toBe(CHUNK * 6);
  });

  it('cuts now when nothing lies ahead (a live stream)', () => {
    expect(quietestCut(Buffer.alloc(0), CHUNK)).toBe(0);
    expect(quietestCut(tone(CHUNK, 0), CHUNK)).toBe(0);
  });
});
