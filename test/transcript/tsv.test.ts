import { describe, expect, it } from 'vitest';
import { createStreamingFormatter } from '../../src/transcript/streaming.js';
import { formatTsvRow } from '../../src/transcript/tsv.js';
import { metadata } from '../helpers/metadata.js';
import { seg } from '../helpers/segments.js';
import { formatTsv } from '../helpers/transcripts.js';

describe('formatTsv', () => {
  it('writes the whisper header, then start and end in whole ms and the text, one row per utterance', () => {
    expect(formatTsv([seg(0, 1.2344, 'Hello there.'), seg(1.2346, 62.5, 'General Kenobi!')])).toBe(
      'start\tend\ttext\n0\t1234\tHello there.\n1235\t62500\tGeneral Kenobi!\n',
    );
  });

  it('keeps every row at three fields: tabs and newlines in the text become one space', () => {
    expect(formatTsvRow(seg(3, 4, ' a\tb\n\nc '))).toBe('3000\t4000\ta b c\n');
    expect(formatTsvRow(seg(3, 4, ' \t\n'))).toBe('');
  });

  it('streams the header once, before the first row, or alone for an empty transcript', () => {
    const tsv = createStreamingFormatter('tsv');
    expect(tsv.add(seg(0, 1, 'one'))).toBe('start\tend\ttext\n0\t1000\tone\n');
    expect(tsv.add(seg(1, 2, 'two'))).toBe('1000\t2000\ttwo\n');
    expect(tsv.end(metadata)).toBe('');
    expect(createStreamingFormatter('tsv').end(metadata)).toBe('start\tend\ttext\n');
  });
});
