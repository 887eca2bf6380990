import { describe, expect, it } from 'vitest';
import {
  MAX_SENTENCES,
  VOCAB,
  sentenceSymbols,
  sentenceText,
  symbolFrequencyHz,
  symbolOfWord,
} from '../../src/tonecode/index.js';

describe('VOCAB', () => {
  it('has the 64 words of the spec, in order, all distinct', () => {
    expect(VOCAB).toHaveLength(64);
    expect(new Set(VOCAB).size).toBe(64);
    expect([VOCAB[0], VOCAB[7], VOCAB[23], VOCAB[26], VOCAB[50], VOCAB[63]]).toEqual([
      'alpha',
      'hotel',
      'xray',
      'amber',
      'apple',
      'nimbus',
    ]);
    expect(Object.isFrozen(VOCAB)).toBe(true);
  });

  it('maps symbols to 600 + 50·k Hz and words back to symbols', () => {
    expect(symbolFrequencyHz(0)).toBe(600);
    expect(symbolFrequencyHz(63)).toBe(3750);
    expect(symbolOfWord('lotus')).toBe(36);
    expect(symbolOfWord('Lotus')).toBeUndefined();
  });
});

describe('numbered corpus', () => {
  // Worked by hand from the spec's formula.
  it('sentence 0: index alpha alpha alpha, 2 content words 7 and 36', () => {
    expect(sentenceSymbols(0)).toEqual([0, 0, 0, 7, 36]);
    expect(sentenceText(0)).toBe('alpha alpha alpha hotel lotus');
  });

  it('sentence 4163 = 1·4096 + 1·64 + 3: 5 content words from 17·4163 + 7 ≡ 58 (mod 64)', () => {
    expect(sentenceSymbols(4163)).toEqual([1, 1, 3, 58, 23, 52, 17, 46]);
    expect(sentenceText(4163)).toBe('bravo bravo delta ivory xray cobalt romeo velvet');
  });

  it('the last sentence number, 262143', () => {
    expect(sentenceText(MAX_SENTENCES - 1)).toBe('nimbus nimbus nimbus elm tango yarrow november raven');
  });

  it('has 2 + (i mod 5) content words', () => {
    for (let i = 0; i < 10; i++) expect(sentenceSymbols(i)).toHaveLength(3 + 2 + (i % 5));
  });

  it('refuses sentence numbers outside 0..262143', () => {
    expect(() => sentenceText(MAX_SENTENCES)).toThrow(
      'tonecode sentence number must be an integer from 0 to 262143, got 262144',
    );
    expect(() => sentenceSymbols(-1)).toThrow(/got -1$/);
    expect(() => sentenceSymbols(1.5)).toThrow(/got 1.5$/);
  });
});
