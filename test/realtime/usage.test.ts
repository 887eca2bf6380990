import { describe, expect, it } from 'vitest';
import {
  addUsage,
  estimateBilled,
  formatUsageLine,
  mergeUsage,
  NO_USAGE,
  readUsage,
  usageJson,
} from '../../src/realtime/usage.js';
import { decodeServerEvent } from '../../src/realtime/codec.js';

const tokens = (input: number, output: number, audio?: number, text?: number) => ({
  type: 'tokens',
  input_tokens: input,
  output_tokens: output,
  total_tokens: input + output,
  ...(audio === undefined ? {} : { input_token_details: { audio_tokens: audio, text_tokens: text } }),
});

describe('usage of a run', () => {
  it('sums seconds of audio', () => {
    const t = [
      { type: 'duration', seconds: 3.2 },
      { type: 'duration', seconds: 1.35 },
    ].reduce(addUsage, NO_USAGE);
    expect(formatUsageLine(t)).toBe('billed: 4.6 s of audio (2 items)');
    expect(usageJson(t)).toEqual({ items: 2, unreported_items: 0, duration_seconds: 4.55 });
  });

  it('sums tokens, with the audio and text split when given', () => {
    const t = [tokens(21, 8, 20, 1), tokens(1000, 226, 990, 10)].reduce(addUsage, NO_USAGE);
    expect(formatUsageLine(t)).toBe('billed: 1,255 tokens (1,021 in: 1,010 audio, 11 text; 234 out) for 2 items');
    expect(usageJson(t)).toEqual({
      items: 2,
      unreported_items: 0,
      tokens: { input: 1021, output: 234, total: 1255, input_audio: 1010, input_text: 11 },
    });
    expect(formatUsageLine(addUsage(NO_USAGE, tokens(5, 2)))).toBe('billed: 7 tokens (5 in; 2 out) for 1 item');
  });

  it('reports both kinds, long durations in minutes, and items without usage', () => {
    let t = addUsage(NO_USAGE, { type: 'duration', seconds: 125 });
    t = addUsage(t, tokens(10, 2));
    t = addUsage(t, undefined);
    t = addUsage(t, { type: 'duration', seconds: '3' });
    expect(formatUsageLine(t)).toBe(
      'billed: 125.0 s (2.1 min) of audio (1 item) and 12 tokens (10 in; 2 out) for 1 item; 2 items without usage',
    );
    expect(formatUsageLine(addUsage(NO_USAGE, null))).toBe('billed: not reported by the service (1 item)');
    expect(formatUsageLine(NO_USAGE)).toBeUndefined();
    expect(usageJson(NO_USAGE)).toEqual({ items: 0, unreported_items: 0 });
  });

  it('merges totals of several runs', () => {
    const a = addUsage(NO_USAGE, { type: 'duration', seconds: 1 });
    const b = addUsage(addUsage(NO_USAGE, { type: 'duration', seconds: 2 }), tokens(3, 4));
    expect(mergeUsage(a, b)).toEqual(addUsage(addUsage(a, { type: 'duration', seconds: 2 }), tokens(3, 4)));
  });

  it('reads only the shapes the protocol defines', () => {
    expect(readUsage({ type: 'duration', seconds: -1 })).toBeUndefined();
    expect(readUsage({ type: 'tokens', input_tokens: 1 })).toBeUndefined();
    expect(readUsage('x')).toBeUndefined();
  });

  it('gets usage through the codec from a completed event', () => {
    const decoded = decodeServerEvent(
      JSON.stringify({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: 'i',
        transcript: 't',
        usage: { type: 'duration', seconds: 2.5 },
      }),
    );
    expect(
      decoded.ok &&
        decoded.event.type === 'conversation.item.input_audio_transcription.completed' &&
        readUsage(decoded.event.usage),
    ).toEqual({
      type: 'duration',
      seconds: 2.5,
    });
  });
});

describe('estimateBilled (dry run)', () => {
  it('adds the VAD padding to each utterance, never more than the input', () => {
    expect(
      estimateBilled({ seconds: 600, speechSec: 300, utterances: 100, prefixPaddingMs: 300, silenceDurationMs: 500 }),
    ).toEqual({
      seconds: 380,
      text: 'about 380.0 s (6.3 min) of audio where billed by duration; token-billed models cannot be estimated exactly',
    });
    expect(
      estimateBilled({ seconds: 10, speechSec: 9.5, utterances: 2, prefixPaddingMs: 300, silenceDurationMs: 500 })
        .seconds,
    ).toBe(10);
    expect(
      estimateBilled({ seconds: 10, speechSec: 4, utterances: 2, prefixPaddingMs: 0, silenceDurationMs: 0 }).text,
    ).toBe('about 4.0 s of audio where billed by duration; token-billed models cannot be estimated exactly');
  });
});
