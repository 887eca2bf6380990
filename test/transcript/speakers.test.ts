// Speakers in every text format: one utterance said by one speaker, and one where the speaker
// changes (cut at the change, each part timed by its turns).
import { describe, expect, it } from 'vitest';
import { formatJsonlLine } from '../../src/transcript/jsonl.js';
import { speakerParts } from '../../src/transcript/speaker-parts.js';
import type { Segment } from '../../src/transcriber/segment.js';
import { metadata } from '../helpers/metadata.js';
import { seg } from '../helpers/segments.js';
import { formatSrt, formatTranscript, formatTsv, formatTxt, formatVtt } from '../helpers/transcripts.js';

const alone: Segment = {
  ...seg(1, 2.5, 'Good morning.'),
  speaker: 'A',
  turns: [{ speaker: 'A', start: 1.2, end: 2.3, text: 'Good morning.' }],
};
const changing: Segment = {
  ...seg(3, 7, 'Hello. How are you? Fine.'),
  speaker: 'B',
  turns: [
    { speaker: 'B', start: 3.3, end: 4, text: 'Hello.' },
    { speaker: 'B', start: 4.1, end: 5, text: 'How are you?' },
    { speaker: 'A', start: 5.5, end: 6.5, text: 'Fine.' },
  ],
};
const plain = seg(8, 9, 'No one in particular.');
const all = [alone, changing, plain];

describe('speakerParts', () => {
  it('keeps an utterance of one speaker whole, and cuts one at each change of speaker', () => {
    expect(speakerParts(alone)).toEqual([{ start: 1, end: 2.5, text: 'Good morning.', speaker: 'A' }]);
    expect(speakerParts(changing)).toEqual([
      { start: 3, end: 5, text: 'Hello. How are you?', speaker: 'B' },
      { start: 5.5, end: 7, text: 'Fine.', speaker: 'A' },
    ]);
    expect(speakerParts(plain)).toEqual([{ start: 8, end: 9, text: 'No one in particular.' }]);
  });
});

describe('speakers in the writers', () => {
  it('txt and tsv put the speaker before each part', () => {
    expect(formatTxt(all)).toBe('A: Good morning.\nB: Hello. How are you?\nA: Fine.\nNo one in particular.\n');
    expect(formatTsv(all)).toBe(
      'start\tend\ttext\n1000\t2500\tA: Good morning.\n3000\t5000\tB: Hello. How are you?\n5500\t7000\tA: Fine.\n8000\t9000\tNo one in particular.\n',
    );
  });

  it('srt begins each part with the speaker; vtt opens every cue with a voice span', () => {
    expect(formatSrt(all)).toBe(
      '1\n00:00:01,000 --> 00:00:02,500\nA: Good morning.\n\n' +
        '2\n00:00:03,000 --> 00:00:05,000\nB: Hello. How are you?\n\n' +
        '3\n00:00:05,500 --> 00:00:07,000\nA: Fine.\n\n' +
        '4\n00:00:08,000 --> 00:00:09,000\nNo one in particular.\n\n',
    );
    expect(formatVtt(all)).toBe(
      'WEBVTT\n\n' +
        '00:00:01.000 --> 00:00:02.500\n<v A>Good morning.\n\n' +
        '00:00:03.000 --> 00:00:05.000\n<v B>Hello. How are you?\n\n' +
        '00:00:05.500 --> 00:00:07.000\n<v A>Fine.\n\n' +
        '00:00:08.000 --> 00:00:09.000\nNo one in particular.\n\n',
    );
  });

  it('a long part keeps its voice span on every vtt cue', () => {
    const long: Segment = { ...seg(0, 12, 'word '.repeat(40).trim()), speaker: 'C' };
    const cues = formatVtt([long]).split('\n\n').slice(1, -1);
    expect(cues.length).toBeGreaterThan(1);
    for (const cue of cues) expect(cue.split('\n')[1]).toMatch(/^<v C>word/);
  });

  it('json and jsonl carry the speaker and the turns, times rounded to the ms', () => {
    expect(formatJsonlLine({ ...changing, itemId: 'i' })).toBe(
      '{"start":3,"end":7,"text":"Hello. How are you? Fine.","session":1,"itemId":"i","speaker":"B","turns":[' +
        '{"speaker":"B","start":3.3,"end":4,"text":"Hello."},{"speaker":"B","start":4.1,"end":5,"text":"How are you?"},' +
        '{"speaker":"A","start":5.5,"end":6.5,"text":"Fine."}]}\n',
    );
  });

  it('the streaming formatters say the same as the whole-file ones', () => {
    expect(formatTranscript('txt', all, metadata)).toBe(formatTxt(all));
    expect(formatTranscript('srt', all, metadata)).toBe(formatSrt(all));
    expect(formatTranscript('vtt', all, metadata)).toBe(formatVtt(all));
    expect(formatTranscript('tsv', all, metadata)).toBe(formatTsv(all));
  });
});
