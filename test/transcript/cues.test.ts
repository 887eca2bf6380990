import { describe, expect, it } from 'vitest';
import { createCueTimeline, type Cue } from '../../src/transcript/cues.js';
import { greedyLines, splitWords, wrapLines } from '../../src/transcript/cue-text.js';
import { TranscribeError } from '../../src/errors.js';
import { longUtterance, seg } from '../helpers/segments.js';
import { segmentsToCues, splitSegment } from '../helpers/transcripts.js';

const textOf = (cues: Cue[]): string => cues.map((c) => c.lines.join(' ')).join(' ');

describe('cue text', () => {
  it('splits words and cuts words longer than a line', () => {
    expect(splitWords('  a\n\tb  c ', 42)).toEqual(['a', 'b', 'c']);
    expect(splitWords('abcdefgh xy', 3)).toEqual(['abc', 'def', 'gh', 'xy']);
    // code points, not UTF-16 units
    expect(splitWords('😀😀😀😀', 2)).toEqual(['😀😀', '😀😀']);
  });

  it('wraps into the fewest lines, balancing two', () => {
    expect(wrapLines(['short'], 10)).toEqual(['short']);
    expect(greedyLines(['aaaa', 'bb', 'cc', 'dd'], 10)).toEqual(['aaaa bb cc', 'dd']);
    expect(wrapLines(['aaaa', 'bb', 'cc', 'dd'], 10)).toEqual(['aaaa bb', 'cc dd']);
    expect(wrapLines(['a', 'b', 'c', 'd', 'e'], 3)).toEqual(['a b', 'c d', 'e']);
  });
});

describe('splitSegment', () => {
  it('keeps a short utterance as one cue on its own times', () => {
    expect(splitSegment(seg(1.2345, 3.5, 'Hello there.'))).toEqual([
      { startMs: 1235, endMs: 3500, lines: ['Hello there.'] },
    ]);
  });

  it('wraps one cue into two balanced lines', () => {
    const [cue] = splitSegment(seg(0, 5, 'We agreed to move the launch to the second week of May.'));
    expect(cue!.lines).toEqual(['We agreed to move the launch', 'to the second week of May.']);
  });

  it('splits 400 characters into cues within every limit, losing no word', () => {
    const text = longUtterance(400);
    const cues = splitSegment(seg(10, 40, text));
    expect(cues.length).toBeGreaterThanOrEqual(5);
    expect(textOf(cues)).toBe(text);
    for (const cue of cues) {
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(42);
      expect(cue.lines.join(' ').length).toBeLessThanOrEqual(84);
      expect(cue.endMs - cue.startMs).toBeLessThanOrEqual(7000);
      expect(cue.endMs - cue.startMs).toBeGreaterThanOrEqual(500);
    }
    expect(cues[0]!.startMs).toBe(10_000);
    expect(cues.at(-1)!.endMs).toBe(40_000);
    for (let i = 1; i < cues.length; i++) expect(cues[i]!.startMs).toBe(cues[i - 1]!.endMs);
  });

  it('shares time in proportion to characters', () => {
    // 85 characters must split; the cues weigh 45+1 and 39+1 characters, so 8.6 s splits 4.6 : 4.0
    const text = `Yes. ${'x'.repeat(40)} ${'y'.repeat(39)}`;
    const cues = splitSegment(seg(0, 8.6, text));
    expect(cues).toEqual([
      { startMs: 0, endMs: 4600, lines: ['Yes.', 'x'.repeat(40)] },
      { startMs: 4600, endMs: 8600, lines: ['y'.repeat(39)] },
    ]);
  });

  it('splits a slow utterance by time even when the text is short', () => {
    const cues = splitSegment(seg(0, 20, 'one two three four five six'));
    expect(cues.length).toBeGreaterThanOrEqual(3);
    for (const cue of cues) expect(cue.endMs - cue.startMs).toBeLessThanOrEqual(7000);
    expect(textOf(cues)).toBe('one two three four five six');
  });

  it('prefers to cut after a sentence', () => {
    const text = 'We can ship on Friday if the tests pass. Otherwise we wait until Monday and tell the customer.';
    const cues = splitSegment(seg(0, 6, text));
    expect(cues.map((c) => c.lines.join(' '))).toEqual([
      'We can ship on Friday if the tests pass.',
      'Otherwise we wait until Monday and tell the customer.',
    ]);
  });

  it('avoids a stub cue at the end', () => {
    const text = `${longUtterance(84)} end`;
    const cues = splitSegment(seg(0, 6.5, text));
    expect(cues.length).toBe(2);
    for (const cue of cues) expect(cue.endMs - cue.startMs).toBeGreaterThanOrEqual(500);
  });

  it('shows a single slow word for at most the limit', () => {
    expect(splitSegment(seg(0, 20, 'Hello'))).toEqual([{ startMs: 0, endMs: 7000, lines: ['Hello'] }]);
  });

  it('gives a zero-length utterance a positive length and skips an empty one', () => {
    expect(splitSegment(seg(5, 5, 'Hm'))).toEqual([{ startMs: 5000, endMs: 5001, lines: ['Hm'] }]);
    expect(splitSegment(seg(5, 3, 'Hm'))[0]!.endMs).toBe(5001);
    expect(splitSegment(seg(1, 2, ' \n '))).toEqual([]);
  });

  it('splits text written without spaces', () => {
    const text = '今日は'.repeat(40); // 120 characters, no spaces
    const cues = splitSegment(seg(0, 12, text));
    expect(cues.map((c) => c.lines.join('')).join('')).toBe(text);
    for (const cue of cues) for (const line of cue.lines) expect([...line].length).toBeLessThanOrEqual(42);
  });

  it('honours other limits', () => {
    const cues = splitSegment(seg(0, 30, longUtterance(200)), { maxCueChars: 32, maxLineChars: 32, maxCueSeconds: 3 });
    for (const cue of cues) {
      expect(cue.lines).toHaveLength(1);
      expect(cue.lines[0]!.length).toBeLessThanOrEqual(32);
      expect(cue.endMs - cue.startMs).toBeLessThanOrEqual(3000);
    }
  });

  it('lays cues out in lines of maxLineChars, at most maxLines of them', () => {
    const text = 'one two three four five six seven eight nine ten';
    expect(splitSegment(seg(0, 5, text), { maxLineChars: 14, maxLines: 1 }).map((c) => c.lines)).toEqual([
      ['one two three'],
      ['four five six'],
      ['seven eight'],
      ['nine ten'],
    ]);
    // Three lines of 14 hold the text in two cues; the cues are then made even, not filled.
    expect(splitSegment(seg(0, 5, text), { maxLineChars: 14, maxLines: 3 }).map((c) => c.lines)).toEqual([
      ['one two three', 'four five'],
      ['six seven', 'eight nine ten'],
    ]);
    // Width alone keeps two lines a cue: the cue holds two lines of the new width.
    for (const cue of splitSegment(seg(0, 30, longUtterance(200)), { maxLineChars: 20 })) {
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(20);
    }
  });

  it('rejects a bad option, naming it and the value', () => {
    expect(() => splitSegment(seg(0, 1, 'x'), { maxCueChars: 0 })).toThrow(
      new TranscribeError('USAGE', 'invalid cue option maxCueChars (0): must be a positive number'),
    );
    expect(() => splitSegment(seg(0, 1, 'x'), { maxCueSeconds: Number.NaN })).toThrow(
      'invalid cue option maxCueSeconds (NaN): must be a positive number',
    );
    expect(() => splitSegment(seg(0, 1, 'x'), { minCueSeconds: -1 })).toThrow(
      'invalid cue option minCueSeconds (-1): must be zero or more',
    );
    expect(splitSegment(seg(0, 1, 'x'), { minCueSeconds: 0 })).toHaveLength(1);
  });
});

describe('cue timeline', () => {
  it('starts a cue no earlier than the previous one ended', () => {
    const cues = segmentsToCues([seg(0, 2.5, 'first'), seg(2.2, 4, 'second'), seg(3, 3.5, 'third')]);
    expect(cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [0, 2500],
      [2500, 4000],
      [4000, 4001],
    ]);
  });

  it('keeps state between pushes', () => {
    const timeline = createCueTimeline();
    expect(timeline.push(seg(0, 2, 'a'))).toEqual([{ startMs: 0, endMs: 2000, lines: ['a'] }]);
    expect(timeline.push(seg(1, 3, 'b'))).toEqual([{ startMs: 2000, endMs: 3000, lines: ['b'] }]);
  });
});

describe('placeholders for sound that is not speech', () => {
  it('keeps `[speech N s]` whole in one cue, even past the 7-second cue limit', () => {
    expect(splitSegment(seg(2, 6.7, '[speech 4.7 s]'))).toEqual([
      { startMs: 2000, endMs: 6700, lines: ['[speech 4.7 s]'] },
    ]);
    expect(splitSegment(seg(0, 12.4, '[speech 12.4 s]'))).toEqual([
      { startMs: 0, endMs: 7000, lines: ['[speech 12.4 s]'] },
    ]);
  });

  it('keeps it whole between words too', () => {
    expect(splitWords('yes [speech 2.0 s] no', 42)).toEqual(['yes', '[speech 2.0 s]', 'no']);
  });

  it('keeps a marker that names its place whole too', () => {
    expect(splitWords('yes [speech 2.0 s at 14.2 s] no', 42)).toEqual(['yes', '[speech 2.0 s at 14.2 s]', 'no']);
  });
});
