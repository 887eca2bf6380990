// Every fault the service can throw at a run, on the virtual clock: the real session machinery,
// codec and pacing against the in-process emulator. Each scenario asserts the user's outcome:
// every tonecode sentence exactly once (or the honest failure), the counts the summary shows,
// and how long (in clock time) the run took, so no scenario can hang.
import { describe, expect, it } from 'vitest';
import { corpusTimings, formatCheckReport } from '../../src/tonecode/index.js';
import { isTranscribeError } from '../../src/index.js';
import { faultRun, type FaultRunResult } from '../helpers/fault-run.js';
import type { FaultOptions } from '../../src/emulator/index.js';

const MIN = 60_000;

function expectExact(result: FaultRunResult): void {
  expect(result.error, String(result.error)).toBeUndefined();
  expect(result.check.ok, formatCheckReport(result.check)).toBe(true);
}

describe('drops, expiry and stalls', () => {
  it('random drops (2–6 min), a 4-minute cap and a stall in one 20-minute run: exact, and the summary counts each', async () => {
    const result = await faultRun({
      corpus: { count: 500 },
      emulator: {
        seed: 11,
        faults: {
          drop: { betweenMs: [2 * MIN, 6 * MIN] },
          expireAfterMs: 4 * MIN,
          stall: { session: 3, afterMs: MIN },
        },
      },
    });
    expectExact(result);
    const { stats, summary } = result;
    expect(stats.drops).toBeGreaterThanOrEqual(2);
    expect(stats.expires).toBeGreaterThanOrEqual(1);
    expect(stats.stalls).toBe(1);
    expect(summary.endReasons.dropped ?? 0).toBe(stats.drops);
    expect(summary.endReasons.expired ?? 0).toBe(stats.expires);
    expect(summary.endReasons.stalled ?? 0).toBe(stats.stalls);
    expect(summary.resumes).toBe(stats.drops + stats.expires + stats.stalls);
  });

  it.each([
    ['a drop at a fixed time', { drop: { afterMs: 50_000 } }, 'dropped'],
    ['the session cap (session_expired, then 1001)', { expireAfterMs: 70_000 }, 'expired'],
    ['a stall (socket open, no events)', { stall: { session: 1, afterMs: 40_000 } }, 'stalled'],
    [
      'a half-open socket (a stall whose pings go unanswered)',
      { stall: { session: 2, afterMs: 30_000 }, stallPings: true, drop: { afterMs: 60_000 }, dropSessions: [1] },
      'stalled',
    ],
  ] as const)('recovers from %s', async (_name, faults, reason) => {
    const result = await faultRun({ corpus: { first: 2000, count: 80 }, emulator: { faults: faults as FaultOptions } });
    expectExact(result);
    expect(result.summary.endReasons[reason]).toBeGreaterThanOrEqual(1);
    expect(result.summary.resumes).toBeGreaterThanOrEqual(1);
  });

  it('re-sends at the bounded catch-up pace: a too-fast limit of 2.5× never fires', async () => {
    const result = await faultRun({
      corpus: { count: 60 },
      emulator: { faults: { drop: { afterMs: 40_000 }, dropSessions: [1, 2], tooFast: 2.5 } },
    });
    expectExact(result);
    expect(result.stats.tooFastDrops).toBe(0);
    expect(result.stats.drops).toBe(2);
  });

  it('audio far faster than the service allows is dropped, resumed, and nothing is lost', async () => {
    const result = await faultRun({
      corpus: { count: 20 },
      emulator: { faults: { tooFast: 3 } },
      transcribe: { speed: 10, maxAttempts: 50 },
    });
    expectExact(result);
    expect(result.stats.tooFastDrops).toBeGreaterThanOrEqual(1);
  });
});

describe('refusals at the upgrade', () => {
  it('503 for the first 3 attempts, then success; each backoff is an event', async () => {
    const result = await faultRun({
      corpus: { count: 10 },
      emulator: { faults: { refuse: { status: 503, count: 3 } } },
    });
    expectExact(result);
    const reconnects = result.events.filter((e) => e.type === 'reconnect');
    expect(reconnects.map((e) => e.type === 'reconnect' && e.attempt)).toEqual([1, 2, 3]);
    expect(result.stats.upgrades).toBe(4);
  });

  it('401 fails at once, with no retry', async () => {
    const result = await faultRun({ corpus: { count: 10 }, emulator: { faults: { refuse: { status: 401 } } } });
    expect(isTranscribeError(result.error) && result.error.code).toBe('AUTH_FAILED');
    expect(result.stats.upgrades).toBe(1);
  });
});

describe('rotation', () => {
  it('rotates a 12-minute monologue (150 ms pauses, no VAD boundary) without losing a sentence or cutting a word', async () => {
    const result = await faultRun({ corpus: { count: 480, pauseMs: 150 }, transcribe: { rotateAfterMs: 3 * MIN } });
    expectExact(result);
    expect(result.summary.rotations).toBeGreaterThanOrEqual(2);
    expect(result.summary.resumes).toBe(0);
  });

  it('rotates at utterance boundaries in ordinary speech, re-sending almost nothing', async () => {
    const result = await faultRun({
      corpus: { count: 200 },
      transcribe: { rotateAfterMs: 2 * MIN, skipSilence: 'off' },
    });
    expectExact(result);
    expect(result.summary.rotations).toBeGreaterThanOrEqual(3);
    expect(result.summary.resentSec).toBeLessThan(1);
  });
});

describe('turn detection off (the client commits)', () => {
  it('commits at pauses and survives drops: every sentence once, cues on time', async () => {
    const result = await faultRun({
      corpus: { count: 60 },
      emulator: { faults: { drop: { afterMs: 45_000 } } },
      transcribe: { turnDetection: null },
    });
    expectExact(result);
    expect(result.stats.drops).toBeGreaterThanOrEqual(2);
    // Each sentence's cue starts where its first tone does, though no VAD said so.
    const timings = corpusTimings({ count: 60 });
    const errors = result.segments.map((segment, i) => Math.abs(segment.start - timings[i]!.startSec));
    console.log(JSON.stringify(result.segments.map((segment, i) => [segment.start, timings[i]!.startSec])));
    expect(Math.max(...errors)).toBeLessThan(0.3);
  });

  it('rotates a monologue with manual commits and loses nothing', async () => {
    const result = await faultRun({
      corpus: { count: 200, pauseMs: 150 },
      transcribe: { turnDetection: null, rotateAfterMs: 2 * MIN },
    });
    expectExact(result);
    expect(result.summary.rotations).toBeGreaterThanOrEqual(1);
  });
});

describe('sessions that answer but no longer transcribe', () => {
  it.each([
    ['server_error', { error: 'server_error' as const }, true],
    ['server_error, a commit leaves the open speech open', { error: 'server_error' as const }, false],
    ['rate_limit_exceeded', { error: 'rate_limit_exceeded' as const, retryInSec: 20 }, true],
  ])('deaf after an error (%s): replaced, every sentence once', async (_name, deaf, commitClosesSpeech) => {
    const result = await faultRun({
      corpus: { count: 60 },
      emulator: {
        faults: { deafAfterError: { betweenMs: [40_000, 90_000], sessions: [1], ...deaf }, commitClosesSpeech },
      },
    });
    expectExact(result);
    expect(result.summary.resumes).toBe(1);
    // Bounded: the run takes its audio's length plus one detection and the re-sent audio.
    expect(result.virtualMs).toBeLessThan(result.summary.audioSec * 1000 + 2 * MIN);
  });

  it('waits at least as long as a rate limit asks before the next session', async () => {
    const result = await faultRun({
      corpus: { count: 30 },
      emulator: {
        faults: { deafAfterError: { afterMs: 20_000, sessions: [1], error: 'rate_limit_exceeded', retryInSec: 20 } },
      },
    });
    expectExact(result);
    const waits = result.events.flatMap((e) => (e.type === 'reconnect' ? [e.delayMs] : []));
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(20_000);
  });

  it('speech events, commits, but never a transcript: stalled on the deadline from the commit, then exact', async () => {
    const result = await faultRun({
      corpus: { count: 40 },
      emulator: { faults: { withholdTranscripts: { sessions: [1] } } },
    });
    expectExact(result);
    expect(result.summary.endReasons.stalled).toBe(1);
    // The first commit is owed a transcript within the drain timeout (30 s), not at the next rotation.
    const stall = result.events.find((e) => e.type === 'reconnect');
    expect(stall?.type === 'reconnect' && stall.cause).toBe('session 1 stalled: no transcript within 30 s of a commit');
    expect(result.virtualMs).toBeLessThan(result.summary.audioSec * 1000 + MIN);
  });

  it("a monologue whose commits leave the service's open speech item open does not hang", async () => {
    const result = await faultRun({
      corpus: { count: 200, pauseMs: 150 },
      emulator: { faults: { commitClosesSpeech: false } },
      transcribe: { rotateAfterMs: 2 * MIN },
    });
    expectExact(result);
    expect(result.summary.resumes).toBe(0);
    expect(result.virtualMs).toBeLessThan(result.summary.audioSec * 1000 + 10_000);
  });
});

describe('an item the service fails', () => {
  it('once: its audio is sent again in a fresh session, and the transcript is exact', async () => {
    const result = await faultRun({
      corpus: { count: 30 },
      emulator: { faults: { failItem: { sentence: 12, times: 1 } } },
    });
    expectExact(result);
    expect(result.summary.resumes).toBe(1);
    expect(result.summary.endReasons['item-failed']).toBe(1);
    expect(result.summary.notTranscribed).toEqual([]);
  });

  it("twice: the run ends incomplete, naming the span and the service's words, with nothing invented", async () => {
    const result = await faultRun({
      corpus: { count: 30 },
      emulator: { faults: { failItem: { sentence: 12, times: 2 } } },
    });
    expect(result.check.missing).toEqual([12]);
    expect({ ...result.check, missing: [], ok: true }).toMatchObject({
      duplicated: [],
      outOfOrder: [],
      damaged: [],
      extra: [],
    });
    expect(result.check.found).toEqual([...Array(30).keys()].filter((n) => n !== 12));
    const [lost] = result.summary.notTranscribed;
    expect(result.summary.notTranscribed).toHaveLength(1);
    expect(lost!.reason).toMatch(/^Input transcription failed for item /);
    expect(isTranscribeError(result.error) && result.error.code).toBe('INCOMPLETE');
    expect((result.error as Error).message).toBe(
      `the service could not transcribe ${lost!.startSec.toFixed(1)}–${lost!.endSec.toFixed(1)} s of the input, twice (${lost!.reason})`,
    );
    expect(result.events.filter((e) => e.type === 'not-transcribed')).toHaveLength(1);
  });
});

describe('stopping a live stream', () => {
  it('Ctrl-C commits the speech in progress and waits for it, though the producer keeps stdin open', async () => {
    // Stop 4 words into sentence 6: its index words are out, the rest is not.
    const stopAtMs = Math.round(corpusTimings({ count: 20 })[6]!.startSec * 1000) + 750;
    const result = await faultRun({ corpus: { count: 20 }, live: { keepOpen: true }, abortAtMs: stopAtMs });
    expect(result.error).toBeUndefined();
    expect(result.check.found).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Sentence 6 is transcribed as far as it was spoken: nothing of it is lost, nothing invented.
    expect(result.check.damaged).toEqual([
      { index: 6, got: expect.stringMatching(/^alpha alpha golf \w+$/), want: expect.any(String) },
    ]);
    expect(result.summary.acknowledgedSec).toBe(result.summary.audioSec); // all audio read before the stop is done
    expect(result.summary.audioSec).toBeGreaterThan(stopAtMs / 1000 - 0.05);
    // Bounded by the drain timeout from the stop (30 s); here it takes the padding and one latency.
    expect(result.virtualMs).toBeLessThan(stopAtMs + 5_000);
  });

  it('a second Ctrl-C stops waiting at once', async () => {
    const stopAtMs = Math.round(corpusTimings({ count: 20 })[6]!.startSec * 1000) + 750;
    const result = await faultRun({
      corpus: { count: 20 },
      live: { keepOpen: true },
      abortAtMs: stopAtMs,
      stopNowAtMs: stopAtMs + 1,
    });
    expect(result.error).toBeUndefined();
    expect(result.check.found).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.virtualMs).toBeLessThan(stopAtMs + 100);
  });
});

describe('bounded replay', () => {
  it('an outage longer than the replay limit on a live stream stops with REPLAY_LIMIT, the transcript exact up to the acknowledged offset', async () => {
    const result = await faultRun({
      corpus: { count: 40 },
      live: {},
      outageAtMs: 40_000,
      transcribe: { replayLimitMs: 30_000 },
    });
    expect(isTranscribeError(result.error) && result.error.code).toBe('REPLAY_LIMIT');
    const acknowledged = result.summary.acknowledgedSec;
    expect(acknowledged).toBeGreaterThan(30);
    expect(acknowledged).toBeLessThan(45);
    expect(result.check.found).toEqual([...Array(result.check.found.length).keys()]);
    expect(result.check.damaged).toEqual([]);
  });
});

describe('silence skipping', () => {
  const corpus = { count: 120, pauses: 'varied' as const, seed: 5 };
  const timings = corpusTimings(corpus);
  const speechSec = timings.reduce((sum, t) => sum + t.endSec - t.startSec, 0);

  it('sends only what turn detection needs of each long pause; every sentence once, times on the input clock', async () => {
    const result = await faultRun({ corpus });
    expectExact(result);
    const { summary } = result;
    // Of each pause, 0.58 s is sent (0.38 s after the sentence, 0.2 s before the next), and the
    // 10 ms frames round each edge: within 0.6 s a sentence, end padding included.
    expect(summary.sentSec).toBeLessThanOrEqual(speechSec + 0.6 * corpus.count);
    expect(summary.skippedSec + summary.sentSec).toBeCloseTo(summary.audioSec, 1);
    const errors = result.segments.map((segment, i) => Math.abs(segment.start - timings[i]!.startSec));
    expect(Math.max(...errors)).toBeLessThan(0.3);
    // Paced at 1× of what is sent: the run takes the audio sent, not the input's length.
    expect(result.virtualMs).toBeLessThan(summary.sentSec * 1000 + 5_000);
  });

  it('through drops and rotations: still exactly once, and rotations cut at skipped silence', async () => {
    const result = await faultRun({
      corpus,
      emulator: { seed: 3, faults: { drop: { betweenMs: [40_000, 80_000] } } },
      transcribe: { rotateAfterMs: MIN },
    });
    expectExact(result);
    expect(result.stats.drops).toBeGreaterThanOrEqual(2);
    expect(result.summary.rotations).toBeGreaterThanOrEqual(1);
    expect(result.summary.utterances).toBe(corpus.count); // no sentence split by a cut
  });

  it('is off for a live stream unless asked for, and exact either way', async () => {
    const off = await faultRun({ corpus: { count: 20, pauses: 'varied', seed: 5 }, live: {} });
    expect(off.check.ok, formatCheckReport(off.check)).toBe(true);
    expect(off.summary.skippedSec).toBe(0);
    const on = await faultRun({
      corpus: { count: 20, pauses: 'varied', seed: 5 },
      live: {},
      transcribe: { skipSilence: 'on' },
    });
    expect(on.check.ok, formatCheckReport(on.check)).toBe(true);
    expect(on.summary.skippedSec).toBeGreaterThan(5);
  });
});
