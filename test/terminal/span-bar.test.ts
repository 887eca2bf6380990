// What a person sees of a file transcribed as several spans at once: the file's line as always,
// and under it one bar with a segment per span, at the widths terminals have.
import { describe, expect, it } from 'vitest';
import { ASCII_BAR, barGlyphSet, UNICODE_BAR } from '../../src/terminal/bar-glyphs.js';
import { paint } from '../../src/terminal/colors.js';
import { progressLines } from '../../src/terminal/progress.js';
import { spanBar, spanCells, spanCounts, spanLine } from '../../src/terminal/span-bar.js';
import type { SpanProgress } from '../../src/index.js';

// A two-hour file as four spans: one done, one half way, one reconnecting, one not started.
const spans: SpanProgress[] = [
  { startSec: 0, endSec: 1800, sentSec: 1800, state: 'done' },
  { startSec: 1800, endSec: 3700, sentSec: 2700, state: 'sending' },
  { startSec: 3700, endSec: 5400, sentSec: 4000, state: 'reconnecting' },
  { startSec: 5400, endSec: 7200, sentSec: 5400, state: 'waiting' },
];
const update = { sentSec: 3000, realtimeFactor: 20, session: 5, resumes: 2, utterances: 900, spans };
const label = 'recordings/all-hands.wav';
const unicode = { glyphs: UNICODE_BAR };
const ascii = { glyphs: ASCII_BAR };

describe('the spans under the bar', () => {
  it('100 columns: the overall figures, then each span by its own progress and the counts', () => {
    expect(progressLines(label, 7200, update, '', 100)).toEqual([
      'recordings/all-hands.wav ██████████░░░░░░░░░░░░░░ 41% | 50:00/2:00:00 | ×60.0 | ETA 1:30',
      '  4 spans ███████████│█████░░░░░░░│█▒▒▒▒▒▒▒▒▒▒│░░░░░░░░░░░ 1 done, 1 reconnecting, 1 waiting',
    ]);
  });

  it('80 columns: a shorter bar, the counts kept', () => {
    expect(progressLines(label, 7200, update, '', 80)).toEqual([
      'recordings/all-hands.wav ██████████░░░░░░░░░░░░░░ 41% | 50:00/2:00:00 | ×60.0',
      '  4 spans ████████│███░░░░░│█▒▒▒▒▒▒│░░░░░░░ 1 done, 1 reconnecting, 1 waiting',
    ]);
  });

  it('narrow terminals: the counts go, then the separators, then the bar; nothing wraps', () => {
    expect(spanLine(spans, 37, unicode)).toBe('  4 spans ██████│██░░░░│█▒▒▒▒▒│░░░░░░');
    expect(spanLine(spans, 18, unicode)).toBe('  4 spans ██░░▒▒░░');
    expect(spanLine(spans, 17, unicode)).toBe('  4 spans: 1 done');
    for (const columns of [100, 80, 60, 40, 24])
      for (const line of progressLines(label, 7200, update, 'and then we', columns))
        expect([...line].length, line).toBeLessThanOrEqual(columns - 3);
  });

  it('in ASCII when the terminal cannot show block glyphs', () => {
    expect(progressLines(label, 7200, update, '', 100, ascii)).toEqual([
      'recordings/all-hands.wav ##########.............. 41% | 50:00/2:00:00 | ×60.0 | ETA 1:30',
      '  4 spans ###########|#####.......|#~~~~~~~~~~|........... 1 done, 1 reconnecting, 1 waiting',
    ]);
  });

  it('coloured only when colours are on, and the colours change no glyph', () => {
    const coloured = spanBar(spans, 23, { glyphs: UNICODE_BAR, ...styles(true) });
    expect(coloured).toBe(
      '\x1b[32m█████\x1b[39m\x1b[2m│\x1b[22m██░░░\x1b[2m│\x1b[22m\x1b[33m▒▒▒▒▒\x1b[39m\x1b[2m│\x1b[22m░░░░░',
    );
    expect(spanBar(spans, 23, { glyphs: UNICODE_BAR, ...styles(false) })).toBe('█████│██░░░│▒▒▒▒▒│░░░░░');
    expect(coloured?.replace(/\x1b\[\d+m/g, '')).toBe(spanBar(spans, 23, unicode));
  });

  it('each state by its glyphs: done full, sending filled to its share, reconnecting shaded past it', () => {
    const one = (state: SpanProgress['state'], sentSec: number) =>
      spanBar([{ ...spans[1]!, state, sentSec }, spans[0]!], 11, unicode);
    expect(one('waiting', 1800)).toBe('░░░░░│█████');
    expect(one('sending', 2750)).toBe('██░░░│█████');
    expect(one('reconnecting', 2750)).toBe('██▒▒▒│█████');
    // One that sent everything and dropped still shows it is reconnecting.
    expect(one('reconnecting', 3700)).toBe('████▒│█████');
    expect(one('sending', 3700)).toBe('█████│█████');
    expect(one('done', 3000)).toBe('█████│█████');
  });

  it('a span gets cells in proportion to its length, at least two, and all add up', () => {
    expect(spanCells(spans, 45, 2)).toEqual([11, 12, 11, 11]);
    const uneven = [spans[0]!, { ...spans[1]!, endSec: 1900 }, { ...spans[2]!, startSec: 1900, endSec: 7200 }];
    expect(spanCells(uneven, 20, 2)).toEqual([6, 2, 12]);
    expect(spanCells(spans, 7, 2)).toBeUndefined();
  });

  it('counts the spans that are not simply sending', () => {
    expect(spanCounts(spans)).toBe('1 done, 1 reconnecting, 1 waiting');
    expect(spanCounts(spans.map((s) => ({ ...s, state: 'sending' as const })))).toBe('');
    expect(
      spanLine(
        spans.map((s) => ({ ...s, state: 'sending' as const })),
        40,
        unicode,
      ),
    ).toBe('  4 spans ███████│███░░░░│█░░░░░│░░░░░░░');
  });

  it('one span, or none, is the plain bar alone', () => {
    expect(progressLines(label, 7200, { ...update, spans: [spans[0]!] }, '', 100)).toHaveLength(1);
    expect(progressLines(label, 7200, { ...update, spans: undefined }, '', 100)).toEqual([
      'recordings/all-hands.wav ██████████░░░░░░░░░░░░░░ 41% | 50:00/2:00:00 | ×20.0 | ETA 3:30',
    ]);
  });
});

describe('barGlyphSet', () => {
  it.each([
    [{ LANG: 'en_US.UTF-8', TERM: 'xterm-256color' }, UNICODE_BAR],
    [{ LANG: 'C.utf8' }, UNICODE_BAR],
    [{}, UNICODE_BAR],
    [{ LANG: 'C' }, ASCII_BAR],
    [{ LANG: 'en_US.UTF-8', LC_ALL: 'POSIX' }, ASCII_BAR],
    [{ LANG: 'C', LC_CTYPE: 'en_GB.UTF-8' }, UNICODE_BAR],
    [{ LANG: 'de_DE.ISO-8859-1' }, ASCII_BAR],
    [{ LANG: 'en_US.UTF-8', TERM: 'linux' }, ASCII_BAR],
    [{ LANG: 'en_US.UTF-8', TERM: 'dumb' }, ASCII_BAR],
  ])('%o draws with %o', (env, glyphs) => {
    expect(barGlyphSet(env)).toBe(glyphs);
  });
});

function styles(on: boolean) {
  const p = paint(on);
  return { done: p.ok, troubled: p.warn, separator: p.dim };
}
