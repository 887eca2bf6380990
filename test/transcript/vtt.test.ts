import { describe, expect, it } from 'vitest';
import { escapeVttText, VTT_HEADER } from '../../src/transcript/vtt.js';
import { normalizeText } from '../../src/transcript/cue-text.js';
import { parseVttStrict } from '../helpers/strict-vtt.js';
import { longUtterance, randomText, seededRandom, seg } from '../helpers/segments.js';
import type { Segment } from '../../src/transcriber/segment.js';
import { formatVtt } from '../helpers/transcripts.js';

describe('formatVtt', () => {
  it('writes the header, a blank line, and cues with dot timestamps', () => {
    const out = formatVtt([seg(0.5, 2.25, 'Hello there.'), seg(3, 4, 'Bye.')]);
    expect(out).toBe(
      'WEBVTT\n\n00:00:00.500 --> 00:00:02.250\nHello there.\n\n00:00:03.000 --> 00:00:04.000\nBye.\n\n',
    );
    expect(parseVttStrict(out)).toHaveLength(2);
  });

  it('writes only the header for an empty transcript', () => {
    expect(formatVtt([])).toBe(VTT_HEADER);
    expect(parseVttStrict(formatVtt([]))).toEqual([]);
  });

  it('escapes &, < and > so --> cannot appear', () => {
    const text = 'R&D <b>bold</b> a --> b &amp; 1 < 2 > 0';
    const out = formatVtt([seg(0, 3, text)]);
    expect(out).not.toMatch(/-->.*-->/); // only the timing arrow
    const [cue] = parseVttStrict(out);
    expect(cue!.text.join(' ')).toBe(text);
    expect(escapeVttText('<&>')).toBe('&lt;&amp;&gt;');
  });

  it('formats a 3-hour timeline and hours past 99', () => {
    const segments: Segment[] = [];
    for (let t = 0; t <= 3 * 3600 + 600; t += 600) segments.push(seg(t, t + 2, `at ${t}`));
    segments.push(seg(100 * 3600, 100 * 3600 + 1.5, 'much later'));
    const out = formatVtt(segments);
    expect(parseVttStrict(out)).toHaveLength(segments.length);
    expect(out).toContain('\n03:10:00.000 --> 03:10:02.000\nat 11400\n');
    expect(out).toContain('\n100:00:00.000 --> 100:00:01.500\nmuch later\n');
  });

  it('splits 400-character utterances into cues within the limits', () => {
    const segments = [seg(100, 125, longUtterance(400)), seg(125, 160, longUtterance(400))];
    const cues = parseVttStrict(formatVtt(segments));
    expect(cues.length).toBeGreaterThan(9);
    for (const cue of cues) {
      expect(cue.text.length).toBeLessThanOrEqual(2);
      for (const line of cue.text) expect(line.length).toBeLessThanOrEqual(42);
      expect(cue.text.join(' ').length).toBeLessThanOrEqual(84);
      expect(cue.endMs - cue.startMs).toBeLessThanOrEqual(7000);
      expect(cue.endMs - cue.startMs).toBeGreaterThanOrEqual(500);
    }
    expect(cues.map((c) => c.text.join(' ')).join(' ')).toBe(segments.map((s) => s.text).join(' '));
  });

  it('passes the strict parser for random transcripts and keeps every word', () => {
    const random = seededRandom(11);
    for (let run = 0; run < 200; run++) {
      const segments: Segment[] = [];
      let t = 0;
      for (let n = Math.floor(random() * 12); n > 0; n--) {
        const length = random() < 0.1 ? 0 : random() * 15;
        segments.push(seg(t, t + length, randomText(random, 1 + Math.floor(random() * 60))));
        t = Math.max(0, t + length + (random() < 0.3 ? -random() * 2 : random() * 3));
      }
      const cues = parseVttStrict(formatVtt(segments));
      const written = cues
        .map((c) => c.text.join(' '))
        .join(' ')
        .replace(/ /g, '');
      expect(written).toBe(
        segments
          .map((s) => normalizeText(s.text))
          .join('')
          .replace(/ /g, ''),
      );
      for (const cue of cues) {
        for (const line of cue.text) expect([...line].length).toBeLessThanOrEqual(42);
        expect(cue.endMs - cue.startMs).toBeLessThanOrEqual(7000);
      }
    }
  });
});
