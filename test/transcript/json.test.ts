import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/transcript/json.js';
import { metadata } from '../helpers/metadata.js';
import { formatJsonlLine } from '../../src/transcript/jsonl.js';
import { seg } from '../helpers/segments.js';
import { formatJsonl } from '../helpers/transcripts.js';

describe('formatJson', () => {
  it('writes a versioned, pretty-printed document with times rounded to ms', () => {
    const out = formatJson(
      [seg(0.12345, 1.5, 'Hello "there"', 1, 'item_a'), seg(1.9996, 3, 'Bye.', 2, 'item_b')],
      metadata,
    );
    expect(out).toBe(`{
  "version": 1,
  "metadata": {
    "input": "meeting.wav",
    "durationSec": 30,
    "provider": "azure",
    "model": "gpt-4o-transcribe",
    "sessions": 2,
    "resumes": 0,
    "rotations": 1,
    "startedAt": "2025-01-01T10:00:00.000Z",
    "finishedAt": "2025-01-01T10:00:02.000Z",
    "toolVersion": "0.1.0",
    "complete": true
  },
  "segments": [
    {
      "start": 0.123,
      "end": 1.5,
      "text": "Hello \\"there\\"",
      "session": 1,
      "itemId": "item_a"
    },
    {
      "start": 2,
      "end": 3,
      "text": "Bye.",
      "session": 2,
      "itemId": "item_b"
    }
  ]
}
`);
  });

  it('keeps what the speech detector decided in the metadata', () => {
    const speech = { detector: 'webrtc', sensitivity: 'normal', speechSec: 12.5, skippedSec: 3, speechPeakDbfs: -37 };
    const parsed = JSON.parse(formatJson([], { ...metadata, speech })) as { metadata: { speech: unknown } };
    expect(parsed.metadata.speech).toEqual(speech);
  });

  it('writes an interrupted run and an empty transcript', () => {
    const out = formatJson([], { ...metadata, complete: false, notTranscribedFromSec: 12.3456 });
    const parsed = JSON.parse(out);
    expect(parsed.segments).toEqual([]);
    expect(parsed.metadata.complete).toBe(false);
    expect(parsed.metadata.notTranscribedFromSec).toBe(12.346);
    expect(Object.keys(parsed.metadata).at(-1)).toBe('notTranscribedFromSec');
  });
});

describe('formatJsonlLine', () => {
  it('writes one line per segment, rounded to ms', () => {
    expect(formatJsonlLine(seg(1.23456, 2.0001, 'Hi\nthere', 3, 'item_x'))).toBe(
      '{"start":1.235,"end":2,"text":"Hi\\nthere","session":3,"itemId":"item_x"}\n',
    );
    expect(formatJsonl([seg(0, 1, 'a', 1, 'i1'), seg(1, 2, 'b', 1, 'i2')]).split('\n')).toHaveLength(3);
  });
});
