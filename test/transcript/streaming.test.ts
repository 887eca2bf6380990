import { describe, expect, it } from 'vitest';
import { OUTPUT_FORMATS } from '../../src/transcript/formats.js';
import { createStreamingFormatter } from '../../src/transcript/streaming.js';
import { formatJson } from '../../src/transcript/json.js';
import { metadata } from '../helpers/metadata.js';
import { longUtterance, seg } from '../helpers/segments.js';
import { formatTranscript } from '../helpers/transcripts.js';

const segments = [seg(0, 2, 'Hello.'), seg(1.9, 30, longUtterance(300)), seg(30, 31, 'a < b & c --> d')];

describe('streaming formatters', () => {
  // The other formats' whole-file text is made by the streaming formatter itself (test/helpers/transcripts.ts).
  it('produce, piece by piece, the same JSON as formatJson, and an empty transcript as its header alone', () => {
    expect(formatTranscript('json', segments, metadata)).toBe(formatJson(segments, metadata));
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
