// A slow service is not a dead one (issue 18): transcripts that come late are waited for, a
// session replaced while late still has its transcripts used (once), and a service that never
// transcribes still fails within docs/design.md's bound. All on the virtual clock, against the
// in-process emulator with a fixed transcription latency.
import { describe, expect, it } from 'vitest';
import { formatCheckReport } from '../../src/tonecode/index.js';
import { isTranscribeError } from '../../src/index.js';
import { faultRun, type FaultRunResult } from '../helpers/fault-run.js';

const MIN = 60_000;

function expectExact(result: FaultRunResult): void {
  expect(result.error, String(result.error)).toBeUndefined();
  expect(result.check.ok, formatCheckReport(result.check)).toBe(true);
}

const warnings = (r: FaultRunResult) => r.events.flatMap((e) => (e.type === 'warning' ? [e.message] : []));

describe('a service whose transcripts come late', () => {
  it.each([
    [25_000, 1],
    [35_000, 1],
    [35_000, 4],
  ])(
    '%i ms after each commit (at --speed %i): exact, nothing answered is re-sent, done within one latency of the audio',
    async (latency, speed) => {
      const result = await faultRun({
        corpus: { count: 40 },
        emulator: { latencyMs: [latency, latency], timeScale: speed },
        transcribe: { speed },
      });
      expectExact(result);
      expect(result.summary.utterances).toBe(40);
      // The service's time: the emulator's clock runs `speed` times faster than the run's.
      const serviceMs = result.virtualMs * speed;
      expect(serviceMs).toBeLessThanOrEqual(result.summary.audioSec * 1000 + latency + 10_000);
      // Over the drain timeout (30 s) the first commit is judged late before any transcript came:
      // one replacement, sent again only what nothing had answered (from the offset, up to the stall).
      const reconnects = result.events.flatMap((e, i) =>
        e.type === 'reconnect' ? [{ e, at: result.eventTimes[i]! }] : [],
      );
      expect(reconnects).toHaveLength(latency > 30_000 ? 1 : 0);
      for (const { e, at } of reconnects) {
        expect(e.cause).toBe('session 1 stalled: no transcript within 30 s of a commit');
        // (the pacer sends a chunk or two ahead of the clock)
        expect(result.summary.resentSec).toBeLessThanOrEqual((at * speed) / 1000 - e.fromSec + 0.1);
      }
      if (latency < 30_000) expect(result.summary.resentSec).toBe(0);
      // Said once, with the latency seen and the deadline it now sets.
      expect(warnings(result)).toEqual([
        `the service is slow: a transcript came ${(latency / 1000).toFixed(1)} s after its commit; each commit now waits up to ${((3 * latency) / 1000).toFixed(1)} s for its transcript (3× the slowest recent one)`,
      ]);
    },
  );

  it('the late session keeps draining: its transcripts are used where they come first, the replacement’s are passed over', async () => {
    const result = await faultRun({ corpus: { count: 40 }, emulator: { latencyMs: [35_000, 35_000] } });
    expectExact(result);
    const bySession = new Map<number, number>();
    for (const s of result.segments) bySession.set(s.session, (bySession.get(s.session) ?? 0) + 1);
    // Session 1 was replaced at 30 s, yet what it had heard is transcribed by it, not twice.
    expect(bySession.get(1)).toBeGreaterThan(5);
    expect((bySession.get(1) ?? 0) + (bySession.get(2) ?? 0)).toBe(40);
    expect(result.summary.endReasons).toEqual({ stalled: 1, finished: 1 });
    // On the one timeline: the same cues as a run against a prompt service.
    const prompt = await faultRun({ corpus: { count: 40 } });
    const times = (r: FaultRunResult) => r.segments.map(({ start, end, text }) => ({ start, end, text }));
    expect(times(result)).toEqual(times(prompt));
  });

  it('--drain-timeout 1s against ordinary latency (200–900 ms): exact, nobody replaced', async () => {
    const result = await faultRun({ corpus: { first: 2000, count: 80 }, transcribe: { drainTimeoutMs: 1_000 } });
    expectExact(result);
    expect(result.summary.resumes).toBe(0);
  });
});

describe('a service that never transcribes', () => {
  it('still fails within the documented bound ((max-attempts + 1) × (drain timeout + 5 s) + backoffs: 7 min), exit 1, nothing invented', async () => {
    const result = await faultRun({ corpus: { count: 40 }, emulator: { faults: { withholdTranscripts: {} } } });
    expect(isTranscribeError(result.error) && result.error.code).toBe('RETRIES_EXHAUSTED');
    expect((result.error as Error).message).toBe(
      'gave up after 9 failed attempts in a row (last: session 9 stalled: no transcript within 30 s of a commit)',
    );
    expect(result.segments).toEqual([]);
    expect(result.summary.acknowledgedSec).toBe(0);
    expect(result.summary.endReasons).toEqual({ stalled: 9 });
    expect(result.virtualMs).toBeLessThan(7 * MIN);
    expect(warnings(result)).toEqual([]);
  });
});
