import { describe, expect, it } from 'vitest';
import { itemDetails } from '../../src/transcriber/item-details.js';
import type { LedgerItem } from '../../src/transcriber/item-ledger.js';

function item(extra: Partial<LedgerItem>): LedgerItem {
  return {
    id: 'item_1',
    startMs: 2_000,
    startClamped: false,
    endMs: 6_000,
    committed: true,
    done: true,
    text: 'Hi there.',
    failed: false,
    failure: undefined,
    partial: '',
    logprobs: undefined,
    languages: undefined,
    turns: [],
    ...extra,
  };
}
// A session whose ms 0 is input second 100 (a later session), with 1 s of silence skipped at ms 3000.
const toInputSec = (ms: number) => 100 + ms / 1000 + (ms >= 3_000 ? 1 : 0);

describe('itemDetails', () => {
  it('gives nothing for an item with no extras', () => {
    expect(itemDetails(item({}), 102, toInputSec)).toEqual({});
  });

  it('means the tokens’ log probabilities (to six decimals) and keeps each token', () => {
    const logprobs = [
      { token: 'Hi', bytes: [72, 105], logprob: -0.1 },
      { token: ' there', bytes: [], logprob: -0.2 },
      { token: '.', bytes: [46], logprob: -0.0000004 },
    ];
    expect(itemDetails(item({ logprobs }), 102, toInputSec)).toEqual({
      logprob: -0.1,
      tokens: [
        { token: 'Hi', logprob: -0.1 },
        { token: ' there', logprob: -0.2 },
        { token: '.', logprob: -0.0000004 },
      ],
    });
  });

  it('names the detected languages by code', () => {
    expect(itemDetails(item({ languages: [{ code: 'fr' }, { code: 'en' }] }), 102, toInputSec)).toEqual({
      languages: ['fr', 'en'],
    });
  });

  it('moves turns from the item’s audio onto the input’s clock, and names the longest speaker', () => {
    const turns = [
      { speaker: 'A', start: 0.5, end: 0.9, text: ' Hi ' },
      { speaker: 'B', start: 1.2, end: 2.5, text: 'there.' },
    ];
    expect(itemDetails(item({ turns }), 102, toInputSec)).toEqual({
      speaker: 'B',
      turns: [
        { speaker: 'A', start: 102.5, end: 102.9, text: 'Hi' },
        // Past session ms 3000 the skipped second counts: 2000 + 1200 ms is input 104.2 s.
        { speaker: 'B', start: 104.2, end: 105.5, text: 'there.' },
      ],
    });
  });
});
