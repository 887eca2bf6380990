// One timeline (issue 18, requirement 5): a resumed or continued run puts every utterance at the
// same start and end, to the sample, as an uninterrupted run, so its SRT and VTT are the same
// bytes. On the virtual clock against the in-process emulator.
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusTimings, formatCheckReport } from '../../src/tonecode/index.js';
import type { FaultOptions } from '../../src/emulator/index.js';
import type { Segment } from '../../src/index.js';
import { faultRun, type FaultRunResult } from '../helpers/fault-run.js';

const corpus = { count: 40 };
const times = (segments: Segment[]) => segments.map(({ start, end, text }) => ({ start, end, text }));
let uninterrupted: FaultRunResult;

beforeAll(async () => {
  uninterrupted = await faultRun({ corpus });
  expect(uninterrupted.check.ok, formatCheckReport(uninterrupted.check)).toBe(true);
});

describe('cue times after a resume', () => {
  it.each([
    ['a drop', { drop: { afterMs: 50_000 }, dropSessions: [1] }],
    ['random drops every 10–30 s', { drop: { betweenMs: [10_000, 30_000] } }],
    ['the session cap', { expireAfterMs: 40_000 }],
    ['a stall', { stall: { session: 1, afterMs: 40_000 } }],
  ] as const)('%s: every segment starts and ends where the uninterrupted run has it', async (_name, faults) => {
    const result = await faultRun({ corpus, emulator: { faults: faults as FaultOptions } });
    expect(result.error, String(result.error)).toBeUndefined();
    expect(result.summary.resumes).toBeGreaterThanOrEqual(1);
    expect(times(result.segments)).toEqual(times(uninterrupted.segments));
  });

  it.each([
    ['silence skipping off', { skipSilence: 'off' as const }],
    ['turn detection off (the client commits)', { turnDetection: null }],
  ])('%s, with drops: the same times too', async (_name, transcribe) => {
    const reference = await faultRun({ corpus, transcribe });
    const result = await faultRun({
      corpus,
      transcribe,
      emulator: { faults: { drop: { betweenMs: [10_000, 30_000] } } },
    });
    expect(result.check.ok, formatCheckReport(result.check)).toBe(true);
    expect(result.summary.resumes).toBeGreaterThanOrEqual(2);
    expect(times(result.segments)).toEqual(times(reference.segments));
  });

  it('the first words after a resume start where the sound does, not where the session did', async () => {
    // Sentence onsets from the corpus itself: a start is the sentence's, within the 10 ms the
    // audio is searched in, whichever session heard it.
    const onsets = corpusTimings(corpus).map((t) => t.startSec);
    const result = await faultRun({ corpus, emulator: { faults: { drop: { betweenMs: [10_000, 30_000] } } } });
    result.segments.forEach((segment, i) => expect(Math.abs(segment.start - onsets[i]!)).toBeLessThanOrEqual(0.01));
  });
});

describe('cue times of a continued run', () => {
  it('continued from each checkpoint the uninterrupted run wrote: the same segments from there on', async () => {
    // Every acknowledged offset is a checkpoint a crashed run can continue from (kill -9, rerun).
    const checkpoints = uninterrupted.events.flatMap((e) => (e.type === 'acknowledged' ? [e.sec] : []));
    const picked = [checkpoints[3]!, checkpoints[10]!, checkpoints[17]!, checkpoints[24]!];
    for (const sec of picked) {
      const continued = await faultRun({ corpus, transcribe: { startAtSec: sec } });
      expect(continued.error, String(continued.error)).toBeUndefined();
      const expected = uninterrupted.segments.filter((s) => s.start >= sec);
      expect(times(continued.segments), `continued from ${sec} s`).toEqual(times(expected));
    }
  });
});
