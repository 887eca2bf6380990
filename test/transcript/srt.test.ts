import { describe, expect, it } from 'vitest';
import { formatSrtCue, srtSafeText } from '../../src/transcript/srt.js';
import { parseSrtStrict } from '../helpers/strict-srt.js';
import { longUtterance, randomText, seededRandom, seg } from '../helpers/segments.js';
import type { Segment } from '../../src/transcriber/segment.js';
import { formatSrt } from '../helpers/transcripts.js';

describe('formatSrt', () => {
  it('writes numbered cues with comma timestamps and blank lines', () => {
    const out = formatSrt([seg(0.5, 2.25, 'Hello there.'), seg(3, 4.0004, 'General Kenobi!', 2)]);
    expect(out).toBe(
      '1\n00:00:00,500 --> 00:00:02,250\nHello there.\n\n' + '2\n00:00:03,000 --> 00:00:04,000\nGeneral Kenobi!\n\n',
    );
    expect(parseSrtStrict(out)).toHaveLength(2);
  });

  it('writes an empty file for an empty transcript', () => {
    expect(formatSrt([])).toBe('');
    expect(parseSrtStrict(formatSrt([]))).toEqual([]);
    expect(formatSrt([seg(0, 1, '   ')])).toBe('');
  });

  it('formats a 3-hour timeline and hours past 99', () => {
    const segments: Segment[] = [];
    for (let t = 0; t <= 3 * 3600 + 600; t += 600) segments.push(seg(t + 0.25, t + 3.5, `at ${t} seconds`));
    segments.push(seg(123 * 3600 + 4.5, 123 * 3600 + 6, 'much later'));
    const out = formatSrt(segments);
    const cues = parseSrtStrict(out);
    expect(cues).toHaveLength(segments.length);
    expect(out).toContain('\n03:10:00,250 --> 03:10:03,500\nat 11400 seconds\n');
    expect(out).toContain('\n123:00:04,500 --> 123:00:06,000\nmuch later\n');
  });

  it('splits 400-character utterances into cues within the limits', () => {
    const segments = [seg(0, 30, longUtterance(400)), seg(31, 45, longUtterance(400)), seg(45, 48, 'short')];
    const cues = parseSrtStrict(formatSrt(segments));
    expect(cues.length).toBeGreaterThanOrEqual(11);
    for (const cue of cues) {
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      for (const line of cue.lines) expect(line.length).toBeLessThanOrEqual(42);
      expect(cue.lines.join(' ').length).toBeLessThanOrEqual(84);
      expect(cue.endMs - cue.startMs).toBeLessThanOrEqual(7000);
    }
    expect(cues.map((c) => c.lines.join(' ')).join(' ')).toBe(segments.map((s) => s.text).join(' '));
  });

  it('never writes --> in text and keeps < and & as they are', () => {
    const out = formatSrt([seg(0, 2, 'a --> b ---> c <i> & d'), seg(2, 3, '-->')]);
    const cues = parseSrtStrict(out);
    expect(cues.map((c) => c.lines.join(' '))).toEqual(['a -> b -> c <i> & d', '->']);
    expect(srtSafeText('x-->y-->')).toBe('x->y->');
  });

  it('keeps cues ordered and apart when segments overlap', () => {
    const cues = parseSrtStrict(formatSrt([seg(0, 2, 'one'), seg(1.5, 3, 'two'), seg(2.9, 2.9, 'three')]));
    expect(cues.map((c) => [c.startMs, c.endMs])).toEqual([
      [0, 2000],
      [2000, 3000],
      [3000, 3001],
    ]);
  });

  it('writes one cue block', () => {
    expect(formatSrtCue({ startMs: 1, endMs: 3_600_000, lines: ['a', 'b'] }, 7)).toBe(
      '7\n00:00:00,001 --> 01:00:00,000\na\nb\n\n',
    );
  });

  it('passes the strict parser for random transcripts', () => {
    const random = seededRandom(7);
    for (let run = 0; run < 200; run++) {
      const segments: Segment[] = [];
      let t = random() * 5;
      for (let n = Math.floor(random() * 12); n > 0; n--) {
        const length = random() < 0.1 ? 0 : random() * 15;
        segments.push(seg(t, t + length, randomText(random, 1 + Math.floor(random() * 60))));
        t += length + (random() < 0.3 ? -random() * 2 : random() * 3); // sometimes overlapping
        t = Math.max(0, t);
      }
      const cues = parseSrtStrict(formatSrt(segments));
      for (const cue of cues) {
        for (const line of cue.lines) expect([...line].length).toBeLessThanOrEqual(42);
        expect(cue.endMs - cue.startMs).toBeLessThanOrEqual(7000);
      }
    }
  });
});
