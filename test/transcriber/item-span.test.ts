import { describe, expect, it } from 'vitest';
import { SessionAudioMap } from '../../src/transcriber/audio-map.js';
import { itemSpan } from '../../src/transcriber/item-span.js';

const vad = { type: 'server_vad' as const, threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 500 };

describe('itemSpan', () => {
  it('puts the words inside the VAD margins, on the input clock, and acknowledges the whole window', () => {
    const audio = new SessionAudioMap();
    audio.append(240_000, 24_000 * 30); // the session started 10 s into the input
    const span = itemSpan({ startMs: 1_700, endMs: 4_500 }, audio, vad, 10_000_000);
    expect(span.startSample).toBe(240_000 + 48_000); // 1.7 s + 0.3 s padding
    expect(span.endSample).toBe(240_000 + 96_000); // 4.5 s − 0.5 s silence window
    expect(span.ackTo).toBe(240_000 + 108_000);
  });
  it('does not add the padding to a start that was clamped at the session start', () => {
    const audio = new SessionAudioMap();
    audio.append(0, 24_000 * 10);
    expect(itemSpan({ startMs: 0, endMs: 2_000 }, audio, vad, 1e9).startSample).toBe(0);
  });
  it('finds where the words start inside the padding of a clamped start from the audio, when it can', () => {
    const audio = new SessionAudioMap();
    audio.append(240_000, 24_000 * 10); // a session that started 10 s in, after a rotation or resume
    const asked: [number, number][] = [];
    const span = itemSpan({ startMs: 0, endMs: 2_000 }, audio, vad, 1e9, (from, samples) => {
      asked.push([from, samples]);
      return from + 4_800; // sound 200 ms after the session's start
    });
    expect(asked).toEqual([[240_000, 7_200]]); // the 300 ms of padding
    expect(span.startSample).toBe(244_800);
    // No sound found (or the audio no longer held): the session's start, as before.
    expect(itemSpan({ startMs: 0, endMs: 2_000 }, audio, vad, 1e9, () => undefined).startSample).toBe(240_000);
    // A start that was not clamped is the service's, padding added; the audio is not consulted.
    expect(itemSpan({ startMs: 400, endMs: 2_000 }, audio, vad, 1e9, () => 0).startSample).toBe(240_000 + 16_800);
  });
  it('never acknowledges past what was sent or past the input', () => {
    const audio = new SessionAudioMap();
    audio.append(0, 24_000); // 1 s sent, then padding beyond the input's end
    expect(itemSpan({ startMs: 200, endMs: 1_600 }, audio, vad, 24_000).ackTo).toBe(24_000);
    expect(itemSpan({ startMs: undefined, endMs: undefined }, audio, null, 1e9).ackTo).toBe(24_000);
  });
  it('uses the exact commit window with manual turn detection', () => {
    const audio = new SessionAudioMap();
    audio.append(0, 24_000 * 10);
    expect(itemSpan({ startMs: 2_000, endMs: 5_000 }, audio, null, 1e9)).toEqual({
      startSample: 48_000,
      endSample: 120_000,
      ackTo: 120_000,
    });
  });
  it("treats a start held at the previous item's end as clamped too, searching the padding on the session's clock", () => {
    const audio = new SessionAudioMap();
    audio.append(0, 24_000 * 5); // 0–5 s of input, then 20 s of silence skipped
    audio.append(24_000 * 25, 24_000 * 5); // session 5–10 s is input 25–30 s
    const asked: [number, number][] = [];
    const span = itemSpan({ startMs: 4_900, endMs: 8_000, startClamped: true }, audio, vad, 1e9, (from, samples) => {
      asked.push([from, samples]);
      return 24_000 * 25 + 2_400; // the words begin 100 ms after the skip
    });
    // Session 4.9–5.2 s: input 4.9 s up to 25.2 s, the skipped silence between.
    expect(asked).toEqual([[117_600, 24_000 * 25 + 4_800 - 117_600]]);
    expect(span.startSample).toBe(24_000 * 25 + 2_400);
    // Not clamped: the service's start plus the padding, as before.
    expect(itemSpan({ startMs: 5_500, endMs: 8_000, startClamped: false }, audio, vad, 1e9, () => 0).startSample).toBe(
      24_000 * 25 + 19_200,
    );
  });
});
