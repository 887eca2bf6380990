import { describe, expect, it } from 'vitest';
import { checkTranscript, sentenceText, synthesizeCorpus } from '../../src/tonecode/index.js';
import { transcribePcm } from '../../src/emulator/engine.js';
import { speechMarker } from '../../src/emulator/marker.js';

const RATE = 24000;

// Loud audio that is not tonecode: a rising chirp (a tone that never holds one frequency).
function chirp(ms: number, fromHz = 300, toHz = 3000): Int16Array {
  const n = (ms * RATE) / 1000;
  const out = new Int16Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    phase += (2 * Math.PI * (fromHz + ((toHz - fromHz) * i) / n)) / RATE;
    out[i] = Math.round(0.3 * 32767 * Math.sin(phase));
  }
  return out;
}

// White noise at about -13 dBFS RMS, reproducible.
function noiseBurst(ms: number): Int16Array {
  const n = (ms * RATE) / 1000;
  const out = new Int16Array(n);
  let state = 12345;
  for (let i = 0; i < n; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = Math.round(((state / 2 ** 32) * 2 - 1) * 0.4 * 32767);
  }
  return out;
}

function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

describe('transcribePcm', () => {
  it('reads tonecode words exactly, capitalised with a full stop', () => {
    const corpus = synthesizeCorpus({ first: 70, count: 1 });
    const result = transcribePcm(corpus.pcm);
    const text = sentenceText(70);
    expect(result.transcript).toBe(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
    expect(result.words).toBe(text.split(' ').length);
    expect(checkTranscript(result.transcript, { first: 70, count: 1 }).ok).toBe(true);
  });

  it('splits the transcript into word deltas that add up to it', () => {
    const result = transcribePcm(synthesizeCorpus({ count: 1 }).pcm);
    expect(result.deltas).toHaveLength(result.words);
    expect(result.deltas.join('')).toBe(result.transcript);
    expect(result.deltas[1]!.startsWith(' ')).toBe(true);
  });

  it('reports non-tone sound as a marker with its duration, never as words', () => {
    expect(transcribePcm(chirp(500)).transcript).toBe('[speech 0.5 s]');
    expect(transcribePcm(noiseBurst(1300)).transcript).toBe('[speech 1.3 s]');
    expect(speechMarker(2345)).toBe('[speech 2.3 s]');
  });

  it('puts the marker after the words when both are there', () => {
    const words = synthesizeCorpus({ count: 1 }).pcm;
    const result = transcribePcm(concat(words, chirp(400), new Int16Array(2400)));
    const text = sentenceText(0);
    expect(result.transcript).toBe(`${text.charAt(0).toUpperCase()}${text.slice(1)}. [speech 0.4 s]`);
    expect(result.deltas.join('')).toBe(result.transcript);
  });

  it('gives an empty transcript for silence and ignores short clicks', () => {
    expect(transcribePcm(new Int16Array(RATE))).toEqual({ transcript: '', deltas: [], words: 0, decoded: [] });
    expect(transcribePcm(concat(new Int16Array(2400), noiseBurst(30), new Int16Array(2400))).transcript).toBe('');
  });
});

describe('the marker for sound that is not tonecode', () => {
  it('names where the item starts on the session clock when that is known', () => {
    expect(speechMarker(2345, 14_160)).toBe('[speech 2.3 s at 14.2 s]');
    expect(transcribePcm(noiseBurst(1300), 61_000).transcript).toBe('[speech 1.3 s at 61.0 s]');
  });
});

describe('speech too quiet for the tonecode decoder', () => {
  it('still gets a marker: the speech detector hears it', () => {
    // A voice-like chirp 40 dB down, far under the decoder's −30 dBFS: no loud sound, but speech.
    const quiet = chirp(900).map((v) => Math.round(v / 100));
    const text = transcribePcm(concat(new Int16Array(4800), quiet, new Int16Array(4800)), 3_000).transcript;
    expect(text).toMatch(/^\[speech \d\.\d s at 3\.0 s\]$/);
  });
});
