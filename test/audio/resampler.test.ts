import { describe, expect, it } from 'vitest';
import { Resampler } from '../../src/audio/resampler.js';
import { db, rms, sine } from './signal-fixtures.js';

const OUT = 24_000;

function oneShot(inRate: number, input: Float32Array, outRate = OUT): Float32Array {
  const r = new Resampler({ inRate, outRate });
  const a = r.process(input);
  const b = r.flush();
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function chunked(inRate: number, input: Float32Array, sizes: () => number): Float32Array {
  const r = new Resampler({ inRate, outRate: OUT });
  const parts: Float32Array[] = [];
  for (let at = 0; at < input.length;) {
    const n = Math.min(input.length - at, sizes());
    parts.push(r.process(input.subarray(at, at + n)));
    at += n;
  }
  parts.push(r.flush());
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

// A deterministic pseudo-random sequence (no Math.random in tests).
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

// The middle of the output, away from the filter's ramp at each end.
const middle = (out: Float32Array) => [Math.floor(out.length * 0.1), Math.floor(out.length * 0.9)] as const;

describe('Resampler', () => {
  it.each([8000, 11_025, 16_000, 22_050, 32_000, 44_100, 48_000, 96_000, 23_999])(
    'keeps a 1 kHz sine from %i Hz within 0.5 dB, in phase with the ideal 24 kHz sine',
    (inRate) => {
      const input = sine(1000, inRate, inRate); // one second
      const out = oneShot(inRate, input);
      expect(out.length).toBe(Math.ceil((inRate * OUT) / inRate));
      const [from, to] = middle(out);
      const gain = db(rms(out, from, to) / (0.5 / Math.SQRT2));
      expect(Math.abs(gain)).toBeLessThan(0.5);
      // No delay and no drift: sample k sits exactly at time k / 24000.
      const ideal = sine(1000, OUT, out.length);
      let worst = 0;
      for (let k = from; k < to; k++) worst = Math.max(worst, Math.abs(out[k]! - ideal[k]!));
      expect(worst).toBeLessThan(1e-3);
    },
  );

  it('attenuates a 20 kHz tone from 48 kHz input by more than 40 dB (no alias at 4 kHz)', () => {
    const out = oneShot(48_000, sine(20_000, 48_000, 48_000));
    const [from, to] = middle(out);
    const level = db(rms(out, from, to) / (0.5 / Math.SQRT2));
    expect(level).toBeLessThan(-40);
  });

  it('attenuates what would alias from 44.1 kHz (a 14 kHz tone) by more than 40 dB', () => {
    const out = oneShot(44_100, sine(14_000, 44_100, 44_100));
    const [from, to] = middle(out);
    expect(db(rms(out, from, to) / (0.5 / Math.SQRT2))).toBeLessThan(-40);
  });

  it('upsampling 8 kHz to 24 kHz leaves no images above 4 kHz', () => {
    // A 3 kHz tone's first images would sit at 5 and 11 kHz; a clean result equals the ideal sine.
    const out = oneShot(8000, sine(3000, 8000, 8000));
    const ideal = sine(3000, OUT, out.length);
    const [from, to] = middle(out);
    const error = Float32Array.from({ length: to - from }, (_, i) => out[from + i]! - ideal[from + i]!);
    expect(db(rms(error) / (0.5 / Math.SQRT2))).toBeLessThan(-50);
  });

  it.each([8000, 16_000, 44_100, 48_000, 23_999])('gives the same samples chunked as in one go (%i Hz)', (inRate) => {
    const random = lcg(inRate);
    const input = Float32Array.from({ length: inRate / 2 }, () => random() * 2 - 1);
    const whole = oneShot(inRate, input);
    const sizes = lcg(7);
    const pieces = chunked(inRate, input, () => 1 + Math.floor(sizes() * 700));
    expect(pieces).toEqual(whole);
    // Single samples too: the state carried between calls is all there is.
    expect(chunked(inRate, input.subarray(0, 2000), () => 1)).toEqual(oneShot(inRate, input.subarray(0, 2000)));
  });

  it('passes 24 kHz through untouched', () => {
    const input = sine(440, OUT, 1000);
    const r = new Resampler({ inRate: OUT, outRate: OUT });
    expect(r.isIdentity).toBe(true);
    expect(r.process(input)).toEqual(input);
    expect(r.flush().length).toBe(0);
  });

  it('holds back no more than its half-width of input', () => {
    const r = new Resampler({ inRate: 16_000, outRate: OUT });
    const out = r.process(new Float32Array(1600)); // 100 ms in
    // 100 ms minus the lookahead comes out at once.
    expect(out.length).toBeGreaterThanOrEqual(Math.floor(((1600 - r.lookahead) * 3) / 2));
    expect(r.lookahead).toBeLessThanOrEqual(64); // 4 ms at 16 kHz
  });

  it('keeps a constant constant at every phase (no hum)', () => {
    const out = oneShot(44_100, new Float32Array(4410).fill(0.25));
    const [from, to] = middle(out);
    for (let k = from; k < to; k++) expect(out[k]).toBeCloseTo(0.25, 6);
  });

  it('keeps memory bounded over a long stream', () => {
    const r = new Resampler({ inRate: 44_100, outRate: OUT });
    const block = sine(1000, 44_100, 4410);
    let produced = 0;
    for (let i = 0; i < 1000; i++) produced += r.process(block).length; // 100 s
    expect(produced).toBeGreaterThan(100 * OUT - 100);
    // The history it keeps is the kernel's width, whatever has gone before.
    expect(r.held).toBeLessThanOrEqual(2 * r.lookahead);
  });

  it('rejects rates that are not whole positive numbers', () => {
    expect(() => new Resampler({ inRate: 0, outRate: OUT })).toThrow(
      'inRate must be a whole number of Hz from 1 to 10000000, got 0',
    );
    expect(() => new Resampler({ inRate: 16_000, outRate: 22_050.5 })).toThrow(/outRate .* got 22050.5/);
  });

  it('refuses input after flush', () => {
    const r = new Resampler({ inRate: 16_000, outRate: OUT });
    r.flush();
    expect(() => r.process(new Float32Array(4))).toThrow('process() after flush()');
    expect(r.flush().length).toBe(0);
  });
});
