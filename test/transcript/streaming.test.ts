import { describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS } from '../../src/transcript/formats.js';
import { createStreamingFormatter, formatTranscript } from '../../src/transcript/streaming.js';
import { formatSrt } from '../../src/transcript/srt.js';
import { formatVtt } from '../../src/transcript/vtt.js';
import { formatTxt } from '../../src/transcript/txt.js';
import { formatJson } from '../../src/transcript/json.js';
import { formatJsonl } from '../../src/transcript/jsonl.js';
import { formatTsv } from '../../src/transcript/tsv.js';
import { metadata } from './helpers/metadata.js';
import { longUtterance, seg } from './helpers/segments.js';

const segments = [seg(0, 2, 'Hello.'), seg(1.9, 30, longUtterance(300)), seg(30, 31, 'a < b & c --> d')];

describe('streaming formatters', () => {
  it('produce, piece by piece, the same text as the whole-file formatters', () => {
    expect(formatTranscript('txt', segments, metadata)).toBe(formatTxt(segments));
    expect(formatTranscript('srt', segments, metadata)).toBe(formatSrt(segments));
    expect(formatTranscript('vtt', segments, metadata)).toBe(formatVtt(segments));
    expect(formatTranscript('json', segments, metadata)).toBe(formatJson(segments, metadata));
    expect(formatTranscript('jsonl', segments, metadata)).toBe(formatJsonl(segments));
    expect(formatTranscript('tsv', segments, metadata)).toBe(formatTsv(segments));
    for (const format of OUTPUT_FORMATS) {
      expect(formatTranscript(format, [], metadata)).toBe(
        { txt: '', srt: '', vtt: 'WEBVTT\n\n', jsonl: '', tsv: 'start\tend\ttext\n', json: formatJson([], metadata) }[
          format
        ],
      );
    }
  });

  it('numbers SRT cues across utterances and writes the VTT header once', () => {
    const srt = createStreamingFormatter('srt');
    expect(srt.add(seg(0, 1, 'one'))).toMatch(/^1\n/);
    expect(srt.add(seg(1, 2, 'two'))).toMatch(/^2\n/);
    const vtt = createStreamingFormatter('vtt');
    expect(vtt.add(seg(0, 1, 'one'))).toMatch(/^WEBVTT\n\n00:00:00.000/);
    expect(vtt.add(seg(1, 2, 'two'))).toMatch(/^00:00:01.000/);
    expect(vtt.end(metadata)).toBe('');
  });
});
