// The strict parsers are the yardstick for every SRT and VTT file written; first, that they reject.

import { describe, expect, it } from 'vitest';
import { parseSrtStrict } from '../helpers/strict-srt.js';
import { parseVttStrict } from '../helpers/strict-vtt.js';

const goodSrt = '1\n00:00:01,000 --> 00:00:02,500\nHello\nthere\n\n2\n00:00:02,500 --> 00:00:04,000\nBye\n\n';
const goodVtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nR&amp;D &lt;now&gt;\n\n00:02.500 --> 00:04.000\nBye\n';

describe('parseSrtStrict', () => {
  it('reads a well-formed file', () => {
    expect(parseSrtStrict(goodSrt)).toEqual([
      { index: 1, startMs: 1000, endMs: 2500, lines: ['Hello', 'there'] },
      { index: 2, startMs: 2500, endMs: 4000, lines: ['Bye'] },
    ]);
    expect(parseSrtStrict('')).toEqual([]);
    expect(parseSrtStrict('1\n100:00:00,000 --> 100:00:01,000\nx\n')[0]!.startMs).toBe(360_000_000);
  });

  it.each([
    ['numbering from 0', goodSrt.replace('1\n', '0\n')],
    ['a gap in numbering', goodSrt.replace('2\n00', '3\n00')],
    ['a dot before milliseconds', goodSrt.replace('01,000', '01.000')],
    ['one-digit hours', goodSrt.replace('00:00:01,000', '0:00:01,000')],
    ['minutes of 60', goodSrt.replace('00:00:01,000', '00:60:01,000')],
    ['a short arrow', goodSrt.replace(' --> 00:00:02,500', ' -> 00:00:02,500')],
    ['end before start', goodSrt.replace('00:00:02,500\nHello', '00:00:00,500\nHello')],
    ['overlap', goodSrt.replace('2\n00:00:02,500', '2\n00:00:02,400')],
    ['no text', '1\n00:00:01,000 --> 00:00:02,000\n\n'],
    ['two blank lines', goodSrt.replace('there\n\n', 'there\n\n\n')],
    ['--> in text', goodSrt.replace('Bye', 'a --> b')],
    ['CRLF', goodSrt.replace(/\n/g, '\r\n')],
    ['a leading blank line', `\n${goodSrt}`],
    ['no final newline', goodSrt.trimEnd()],
  ])('rejects %s', (_name, text) => {
    expect(() => parseSrtStrict(text)).toThrow(/SRT/);
  });
});

describe('parseVttStrict', () => {
  it('reads a well-formed file and decodes references', () => {
    const cues = parseVttStrict(goodVtt);
    expect(cues.map((c) => [c.startMs, c.endMs, c.text])).toEqual([
      [1000, 2500, ['R&D <now>']],
      [2500, 4000, ['Bye']],
    ]);
    expect(parseVttStrict('WEBVTT\n')).toEqual([]);
    expect(parseVttStrict('WEBVTT\n\n')).toEqual([]);
    expect(parseVttStrict('WEBVTT\n\n123:00:00.000 --> 123:00:01.000\nx\n')[0]!.startMs).toBe(442_800_000);
  });

  it.each([
    ['a missing header', goodVtt.replace('WEBVTT\n\n', '')],
    ['a lowercase header', goodVtt.replace('WEBVTT', 'webvtt')],
    ['no blank line after the header', goodVtt.replace('WEBVTT\n\n', 'WEBVTT\n')],
    ['a comma before milliseconds', goodVtt.replace('01.000', '01,000')],
    ['seconds of 60', goodVtt.replace('00:00:01.000', '00:00:60.000')],
    ['end equal to start', goodVtt.replace('00:00:02.500\nR', '00:00:01.000\nR')],
    ['overlap', goodVtt.replace('00:02.500 --> 00:04.000', '00:02.000 --> 00:04.000')],
    ['a bare &', goodVtt.replace('R&amp;D', 'R&D')],
    ['a bare <', goodVtt.replace('&lt;now', '<now')],
    ['--> in the payload', goodVtt.replace('Bye', 'a --> b')],
    ['a cue with no payload', 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n'],
  ])('rejects %s', (_name, text) => {
    expect(() => parseVttStrict(text)).toThrow(/VTT/);
  });
});
