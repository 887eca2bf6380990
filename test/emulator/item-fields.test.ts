// The service's per-item fields end to end, in process on a virtual clock: the library asks for
// them (include logprobs; a diarizing deployment), the emulator answers in the SDK's shapes with
// values fixed by the tonecode (see src/emulator/item-extras.ts), and every segment carries them.
import { describe, expect, it } from 'vitest';
import { corpusTimings, sentenceSymbols, sentenceText } from '../../src/tonecode/index.js';
import { roundMs } from '../../src/transcript/json.js';
import { formatJsonlLine } from '../../src/transcript/jsonl.js';
import { faultRun } from '../helpers/fault-run.js';
import { formatTxt } from '../helpers/transcripts.js';

// The pieces the emulator's deltas carry for sentence i: a capital, spaces before, a full stop.
function pieces(i: number): string[] {
  const words = sentenceText(i).split(' ');
  return words.map((w, j) => {
    const word = j === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w;
    return `${j === 0 ? '' : ' '}${word}${j === words.length - 1 ? '.' : ''}`;
  });
}
const logprobOf = (symbol: number) => -(symbol % 4) / 4 || 0;
const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1e6) / 1e6;

describe('confidence: logprobs', () => {
  it('with logprobs, each segment carries its mean log probability and every token', async () => {
    const { segments, error, events } = await faultRun({ corpus: { count: 6 }, transcribe: { logprobs: true } });
    expect(error).toBeUndefined();
    expect(segments).toHaveLength(6);
    for (const [i, segment] of segments.entries()) {
      const symbols = sentenceSymbols(i);
      expect(segment.tokens).toEqual(pieces(i).map((token, j) => ({ token, logprob: logprobOf(symbols[j]!) })));
      expect(segment.logprob).toBe(mean(symbols.map(logprobOf)));
    }
    // Sentence 0 is symbols 0 0 0 7 36: the mean of 0, 0, 0, -0.75, 0.
    expect(segments[0]!.logprob).toBe(-0.15);
    expect(formatJsonlLine({ ...segments[0]!, itemId: 'item_1' })).toBe(
      '{"start":0,"end":0.92,"text":"Alpha alpha alpha hotel lotus.","session":1,"itemId":"item_1",' +
        '"logprob":-0.15,"tokens":[{"token":"Alpha","logprob":0},{"token":" alpha","logprob":0},' +
        '{"token":" alpha","logprob":0},{"token":" hotel","logprob":-0.75},{"token":" lotus.","logprob":0}]}\n',
    );
    expect(events.some((e) => e.type === 'warning')).toBe(false);
  });

  it('without it, no segment has any', async () => {
    const { segments } = await faultRun({ corpus: { count: 2 } });
    expect(segments.map((s) => [s.logprob, s.tokens])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});

describe('speakers: a diarizing model', () => {
  it('each sentence gets the speaker of its number (even A, odd B), through rotations, exactly', async () => {
    const { segments, error, summary, check } = await faultRun({
      corpus: { count: 60 },
      transcribe: { deployment: 'gpt-4o-transcribe-diarize', rotateAfterMs: 40_000 },
    });
    expect(error).toBeUndefined();
    expect(check.ok).toBe(true);
    expect(summary.rotations).toBeGreaterThanOrEqual(2);
    expect(segments.map((s) => s.speaker).join('')).toBe('AB'.repeat(30));
    for (const s of segments) {
      expect(s.turns).toHaveLength(1);
      const [turn] = s.turns!;
      expect(turn!.speaker).toBe(s.speaker);
      expect(turn!.text).toBe(s.text);
    }
    // Each turn is timed by the service from its item's audio, and lands on the sentence's words.
    const timings = corpusTimings({ count: 60 });
    expect(segments.map((s) => [roundMs(s.turns![0]!.start), roundMs(s.turns![0]!.end)])).toEqual(
      timings.map((t) => [t.startSec, t.endSec]),
    );
    expect(new Set(segments.map((s) => s.session)).size).toBeGreaterThanOrEqual(3);
  });

  it('and through drops and resumes (re-sent audio is labelled by the same rule)', async () => {
    const { segments, error, summary, check } = await faultRun({
      corpus: { count: 40 },
      emulator: { faults: { drop: { afterMs: 25_000 } } },
      transcribe: { deployment: 'gpt-4o-transcribe-diarize' },
    });
    expect(error).toBeUndefined();
    expect(check.ok).toBe(true);
    expect(summary.resumes).toBeGreaterThanOrEqual(2);
    expect(segments.map((s) => s.speaker).join('')).toBe('AB'.repeat(20));
  });

  it('an item of several sentences is cut by speaker in the text formats', async () => {
    // Pauses of 300 ms are shorter than the VAD's 500 ms of silence: one item holds many sentences.
    const { segments, error, check } = await faultRun({
      corpus: { count: 8, pauseMs: 300 },
      transcribe: { deployment: 'gpt-4o-transcribe-diarize' },
    });
    expect(error).toBeUndefined();
    expect(check.ok).toBe(true);
    expect(segments.length).toBeLessThan(8);
    const turns = segments.flatMap((s) => s.turns ?? []);
    expect(turns.map((t) => t.speaker).join('')).toBe('ABABABAB');
    const lines = formatTxt(segments).trim().split('\n');
    expect(lines.map((l) => l.slice(0, 3))).toEqual(['A: ', 'B: ', 'A: ', 'B: ', 'A: ', 'B: ', 'A: ', 'B: ']);
    expect(lines.map((l) => l.slice(3).toLowerCase().replace(/\.$/, ''))).toEqual(
      Array.from({ length: 8 }, (_, i) => sentenceText(i)),
    );
  });
});

describe('detected languages', () => {
  it('gpt-transcribe says which language it heard: each segment carries it, and json writes it', async () => {
    const { segments, error } = await faultRun({
      corpus: { count: 3 },
      transcribe: { deployment: 'gpt-transcribe', languages: ['fr', 'en'], keywords: ['alpha'] },
    });
    expect(error).toBeUndefined();
    expect(segments.map((s) => s.languages)).toEqual([['fr'], ['fr'], ['fr']]);
    expect(formatJsonlLine({ ...segments[0]!, itemId: 'i' })).toBe(
      '{"start":0,"end":0.92,"text":"Alpha alpha alpha hotel lotus.","session":1,"itemId":"i","languages":["fr"]}\n',
    );
  });

  it('a model that does not say leaves the field out', async () => {
    const { segments } = await faultRun({ corpus: { count: 1 } });
    expect(segments[0]!.languages).toBeUndefined();
  });
});
