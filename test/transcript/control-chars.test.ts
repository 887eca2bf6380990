import { describe, expect, it } from 'vitest';
import { stripControls } from '../../src/transcript/control-chars.js';
import { formatJson } from '../../src/transcript/json.js';
import { metadata } from '../helpers/metadata.js';
import { seg } from '../helpers/segments.js';
import { formatJsonl, formatSrt, formatTxt, formatVtt } from '../helpers/transcripts.js';

// What a service might send: NUL, BEL, an escape sequence, a C1 CSI, DEL, around real words.
const dirty = 'Hello\u0000 wor\u0007ld\u001b[2J, again\u009b\u007f.\tDone';

describe('control characters from the service', () => {
  it('are removed; tab and newline stay as the whitespace they are', () => {
    expect(stripControls(dirty)).toBe('Hello world[2J, again.\tDone');
  });

  it('reach neither txt, nor srt, nor vtt', () => {
    const segments = [seg(0, 2, dirty)];
    expect(formatTxt(segments)).toBe('Hello world[2J, again. Done\n');
    expect(formatSrt(segments)).toBe('1\n00:00:00,000 --> 00:00:02,000\nHello world[2J, again. Done\n\n');
    expect(formatVtt(segments)).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nHello world[2J, again. Done\n\n');
  });

  it('stay in JSON, escaped, where the text is data', () => {
    expect(formatJson([seg(0, 2, 'a\u0007b')], metadata)).toContain('"text": "a\\u0007b"');
  });
});

describe('JSON and JSONL bytes', () => {
  // Every character a terminal may act on: C0, DEL, C1 (CSI U+009B, OSC U+009D, NEL U+0085), the
  // line and paragraph separators, a bidirectional override.
  const active = 'a\u0000b\u0007c\u001b[2Jd\u007fe\u0085f\u009b31mg\u009d0;x\u009ch\u2028i\u2029j\u202ek';
  const plain = 'Ça va? Grüße, 日本語 😀 "quoted" \\ back';

  // Nothing at or above U+007F other than what the text needs and no C0 but the newline.
  function inert(bytes: string): boolean {
    return !/[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e]/.test(bytes);
  }

  it('json escapes each as \\uXXXX and parses back to the same text', () => {
    const out = formatJson([seg(0, 2, active), seg(2, 3, plain)], { ...metadata, input: 'in\u009b.wav' });
    expect(inert(out)).toBe(true);
    expect(out).toContain(
      '"text": "a\\u0000b\\u0007c\\u001b[2Jd\\u007fe\\u0085f\\u009b31mg\\u009d0;x\\u009ch\\u2028i\\u2029j\\u202ek"',
    );
    expect(out).toContain(`"text": ${JSON.stringify(plain)}`);
    const parsed = JSON.parse(out) as { segments: { text: string }[]; metadata: { input: string } };
    expect(parsed.segments.map((s) => s.text)).toEqual([active, plain]);
    expect(parsed.metadata.input).toBe('in\u009b.wav');
  });

  it('jsonl writes each line inert and parses back to the same text', () => {
    const out = formatJsonl([seg(0, 2, active), seg(2, 3, plain)]);
    expect(inert(out)).toBe(true);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('\\u009b31m');
    expect(lines.map((l) => (JSON.parse(l) as { text: string }).text)).toEqual([active, plain]);
  });
});
