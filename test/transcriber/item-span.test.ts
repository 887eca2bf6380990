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
  it('never acknowledges past what was sent or past the input', () => {
    const audio = new SessionAudioMap();
    audio.append(0, 24_000); // 1 s sent, then padding beyond the input's end
    expect(itemSpan({ startMs: 200, endMs: 1_600 }, audio, vad, 24_000).ackTo).toBe(24_000);
    expect(itemSpan({ startMs: undefined, endMs: undefined }, audio, null, 1e9).ackTo).toBe(24_000);
  });
  it('uses the exact commit window with manual turn detection', () => {
    const audio = new SessionAudioMap();
    audio.append(0, 24_000 * 10);
    expect(itemSpan({ startMs: 2_000, endMs: 5_000 }, audio, null, 1e9)).toEqual({ startSample: 48_000, endSample: 120_000, ackTo: 120_000 });
  });
});
