import { describe, expect, it } from 'vitest';
import { formatTxtLine } from '../../src/transcript/txt.js';
import { seg } from '../helpers/segments.js';
import { formatTxt } from '../helpers/transcripts.js';

describe('formatTxt', () => {
  it('writes one line per utterance, in order, with a trailing newline', () => {
    expect(formatTxt([seg(0, 1, 'Hello there.'), seg(1, 2, ' General\nKenobi! ')])).toBe(
      'Hello there.\nGeneral Kenobi!\n',
    );
  });

  it('writes nothing for an empty transcript or an empty utterance', () => {
    expect(formatTxt([])).toBe('');
    expect(formatTxtLine(seg(0, 1, ' \n'))).toBe('');
    expect(formatTxtLine(seg(0, 1, 'a < b & c --> d'))).toBe('a < b & c --> d\n');
  });
});
