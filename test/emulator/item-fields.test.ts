// The service's per-item fields end to end, in process on a virtual clock: the library asks for
// them (include logprobs; a diarizing deployment), the emulator answers in the SDK's shapes with
// values fixed by the tonecode (see src/emulator/item-extras.ts), and every segment carries them.
import { describe, expect, it } from 'vitest';
import { sentenceSymbols, sentenceText } from '../../src/tonecode/index.js';
import { formatJsonlLine } from '../../src/output/jsonl.js';
import { faultRun } from '../helpers/fault-run.js';

// The pieces the emulator's deltas carry for sentence i: a capital, spaces before, a full stop.
function pieces(i: number): string[] {
  const words = sentenceText(i).split(' ');
  return words.map((w, j) => {
    const word = j === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w;
    return `${j === 0 ? '' : ' '}${word}${j === words.length - 1 ? '.' : ''}`;
  });
}
const logprobOf = (symbol: number) => -(symbol % 4) / 4 || 0;
const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1e6) / 1e6;

describe('confidence: logprobs', () => {
  it('with logprobs, each segment carries its mean log probability and every token', async () => {
    const { segments, error, events } = await faultRun({ corpus: { count: 6 }, transcribe: { logprobs: true } });
    expect(error).toBeUndefined();
    expect(segments).toHaveLength(6);
    for (const [i, segment] of segments.entries()) {
      const symbols = sentenceSymbols(i);
      expect(segment.tokens).toEqual(pieces(i).map((token, j) => ({ token, logprob: logprobOf(symbols[j]!) })));
      expect(segment.logprob).toBe(mean(symbols.map(logprobOf)));
    }
    // Sentence 0 is symbols 0 0 0 7 36: the mean of 0, 0, 0, -0.75, 0.
    expect(segments[0]!.logprob).toBe(-0.15);
    expect(formatJsonlLine({ ...segments[0]!, itemId: 'item_1' })).toBe(
      '{"start":0,"end":0.92,"text":"Alpha alpha alpha hotel lotus.","session":1,"itemId":"item_1",' +
        '"logprob":-0.15,"tokens":[{"token":"Alpha","logprob":0},{"token":" alpha","logprob":0},' +
        '{"token":" alpha","logprob":0},{"token":" hotel","logprob":-0.75},{"token":" lotus.","logprob":0}]}\n',
    );
    expect(events.some((e) => e.type === 'warning')).toBe(false);
  });

  it('without it, no segment has any', async () => {
    const { segments } = await faultRun({ corpus: { count: 2 } });
    expect(segments.map((s) => [s.logprob, s.tokens])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});
