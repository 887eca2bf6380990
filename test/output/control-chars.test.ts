import { describe, expect, it } from 'vitest';
import { stripControls } from '../../src/output/control-chars.js';
import { formatSrt } from '../../src/output/srt.js';
import { formatTxt } from '../../src/output/txt.js';
import { formatVtt } from '../../src/output/vtt.js';
import { formatJson } from '../../src/output/json.js';
import { metadata } from './helpers/metadata.js';
import { seg } from './helpers/segments.js';

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
