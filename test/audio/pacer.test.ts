import { describe, expect, it } from 'vitest';
import { initialPacerState, markReleased, nextRelease, Pacer, type PacerState } from '../../src/audio/pacer.js';
import type { Clock } from '../../src/util/clock.js';
import { measureSchedule } from '../helpers/schedule.js';

// A clock that only moves when slept on (or told to), with lateness injected into every sleep.
class FakeClock implements Clock {
  t = 1_000;
  lateness: (requestedMs: number) => number = () => 0;
  now(): number {
    return this.t;
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.t += Math.max(0, ms) + this.lateness(ms);
  }
}

// Deterministic randomness, so a failure can be replayed.
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHUNK_MS = 40;
const TEN_MINUTES = 10 * 60 * 1000;
const EPS = 1e-6;

describe('nextRelease (pure core)', () => {
  const opts = { maxLagMs: 1000 };

  it('releases the first chunk at once and the next ones one interval apart', () => {
    let state: PacerState = initialPacerState;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const d = nextRelease(state, 500, CHUNK_MS, 2, opts);
      times.push(d.releaseAtMs);
      state = d.state;
    }
    expect(times).toEqual([500, 520, 540, 560, 580]);
  });

  it('never releases before the ideal time, even when asked early', () => {
    const first = nextRelease(initialPacerState, 0, CHUNK_MS, 1, opts);
    const second = nextRelease(first.state, 5, CHUNK_MS, 1, opts);
    expect(second.releaseAtMs).toBe(40);
    expect(second.lagMs).toBe(0);
  });

  it('catches up from behind with half-interval gaps, not a burst', () => {
    let state = nextRelease(initialPacerState, 0, CHUNK_MS, 1, opts).state;
    // 200 ms late: chunks 1..5 are all due, but go out 20 ms apart.
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      const d = nextRelease(state, 200, CHUNK_MS, 1, opts);
      times.push(d.releaseAtMs);
      state = d.state;
    }
    expect(times).toEqual([200, 220, 240, 260, 280, 300, 320, 340]);
    // …and the tenth chunk is back on the original schedule.
    const caughtUp = nextRelease(state, 340, CHUNK_MS, 1, opts);
    expect(caughtUp.releaseAtMs).toBe(360);
    expect(caughtUp.lagMs).toBe(0);
  });

  it('above about 20× lets the chunks that are due go together: a gap under a timer tick cannot be kept', () => {
    // 100×: a 40 ms chunk every 0.4 ms. Woken at 1 ms, chunks 1 and 2 are due and go at once;
    // chunk 3 is not due yet and waits for its time.
    let state = nextRelease(initialPacerState, 0, CHUNK_MS, 100, opts).state;
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const d = nextRelease(state, 1, CHUNK_MS, 100, opts);
      times.push(d.releaseAtMs);
      state = d.state;
    }
    expect(times).toEqual([1, 1, 1.2]);
    // At 20× half an interval is a whole tick (1 ms): kept.
    let slow = nextRelease(initialPacerState, 0, CHUNK_MS, 20, opts).state;
    const slowTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      const d = nextRelease(slow, 10, CHUNK_MS, 20, opts);
      slowTimes.push(d.releaseAtMs);
      slow = d.state;
    }
    expect(slowTimes).toEqual([10, 11, 12]);
  });

  it('re-anchors at now when behind by more than maxLagMs', () => {
    const first = nextRelease(initialPacerState, 0, CHUNK_MS, 1, opts);
    const late = nextRelease(first.state, 5_000, CHUNK_MS, 1, opts);
    expect(late.reanchored).toBe(true);
    expect(late.releaseAtMs).toBe(5_000);
    expect(nextRelease(late.state, 5_000, CHUNK_MS, 1, opts).releaseAtMs).toBe(5_040);
  });

  it('a rate change takes effect from the end of the audio already sent', () => {
    let state = nextRelease(initialPacerState, 0, CHUNK_MS, 1, opts).state; // chunk 0 at 0, plays 40 ms
    const atDouble = nextRelease(state, 0, CHUNK_MS, 2, opts);
    expect(atDouble.releaseAtMs).toBe(40);
    state = atDouble.state;
    expect(nextRelease(state, 0, CHUNK_MS, 2, opts).releaseAtMs).toBe(60);
  });

  it('markReleased moves the spacing reference, not the schedule', () => {
    const first = nextRelease(initialPacerState, 0, CHUNK_MS, 1, opts);
    // The sleep for chunk 0 overshot by 30 ms: chunk 1 still aims at 40, but keeps 20 ms apart.
    const state = markReleased(first.state, 30);
    const second = nextRelease(state, 30, CHUNK_MS, 1, opts);
    expect(second.releaseAtMs).toBe(50);
    expect(nextRelease(second.state, 50, CHUNK_MS, 1, opts).releaseAtMs).toBe(80);
  });

  it('rejects nonsense with the value in the message', () => {
    expect(() => nextRelease(initialPacerState, 0, 0, 1, opts)).toThrow(
      'chunkDurationMs must be a positive number, got 0',
    );
    expect(() => nextRelease(initialPacerState, 0, 40, -2, opts)).toThrow('rate must be a positive number, got -2');
    expect(() => nextRelease(initialPacerState, 0, 40, Number.NaN, opts)).toThrow(
      'rate must be a positive number, got NaN',
    );
  });
});

// Sends `count` chunks through a Pacer; `before(i)` may move the clock (work, stalls, arrivals).
async function drive(
  pacer: Pacer,
  count: number,
  rateOf: (i: number) => number,
  before: (i: number) => void = () => {},
): Promise<number[]> {
  const releases: number[] = [];
  for (let i = 0; i < count; i++) {
    before(i);
    releases.push(await pacer.wait(CHUNK_MS, rateOf(i)));
  }
  return releases;
}

describe('Pacer over ten minutes of audio', () => {
  it('at speed 20 on a punctual clock: no drift, even gaps', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ clock });
    const count = TEN_MINUTES / CHUNK_MS;
    const releases = await drive(pacer, count, () => 20);
    const stats = measureSchedule(releases, CHUNK_MS / 20);
    expect(stats.count).toBe(15_000);
    expect(stats.maxDriftMs).toBeLessThan(EPS);
    expect(stats.minGapMs).toBeCloseTo(2, 9);
    expect(stats.meanGapMs).toBeCloseTo(2, 9);
  });

  it('at speed 20 with timer overshoot and 500 ms stalls: drift does not accumulate', async () => {
    // At 20× a chunk interval is 2 ms. Catching up runs at one chunk per 1 ms, so it recovers
    // 1 ms per chunk minus the mean overshoot: overshoot here is up to 30 ms on 2 % of sleeps
    // (0.3 ms on average), plus a 500 ms stall every 2 minutes of audio. Overshoot stops for
    // the last 10 s so the end state shows what, if anything, accumulated.
    const random = prng(42);
    const clock = new FakeClock();
    const pacer = new Pacer({ clock });
    const count = TEN_MINUTES / CHUNK_MS;
    const quietFrom = count - 250;
    let chunk = 0;
    clock.lateness = () => (chunk < quietFrom && random() < 0.02 ? random() * 30 : 0);
    const releases = await drive(
      pacer,
      count,
      () => 20,
      (i) => {
        chunk = i;
        if (i > 0 && i % 3_000 === 0) clock.t += 500;
      },
    );

    const interval = CHUNK_MS / 20;
    const stats = measureSchedule(releases, interval);
    const drifts = releases.map((r, i) => r - (releases[0]! + i * interval));
    console.log(
      `speed 20, overshoot + stalls: max drift ${stats.maxDriftMs.toFixed(1)} ms, final drift ${stats.finalDriftMs.toFixed(3)} ms, ` +
        `min gap ${stats.minGapMs.toFixed(2)} ms, mean gap ${stats.meanGapMs.toFixed(4)} ms over ${stats.count} chunks`,
    );
    expect(Math.min(...drifts)).toBeGreaterThanOrEqual(-EPS); // never early
    expect(stats.minGapMs).toBeGreaterThanOrEqual(interval / 2 - EPS); // never a burst
    expect(stats.maxDriftMs).toBeLessThan(500 + 30 + interval); // one stall's worth, not a sum
    expect(Math.max(...drifts.slice(-100))).toBeLessThan(interval); // back on schedule
    expect(stats.finalDriftMs).toBeLessThan(interval);
  });

  it('at speed 1 when every sleep overshoots by up to 30 ms: bounded lateness, no drift', async () => {
    const random = prng(7);
    const clock = new FakeClock();
    clock.lateness = () => random() * 30;
    const pacer = new Pacer({ clock });
    const count = TEN_MINUTES / CHUNK_MS;
    const releases = await drive(pacer, count, () => 1);
    const stats = measureSchedule(releases, CHUNK_MS);
    const drifts = releases.map((r, i) => r - (releases[0]! + i * CHUNK_MS));
    const meanDrift = drifts.reduce((a, b) => a + b, 0) / drifts.length;
    console.log(
      `speed 1, overshoot U(0,30): max drift ${stats.maxDriftMs.toFixed(1)} ms, mean ${meanDrift.toFixed(1)} ms, ` +
        `min gap ${stats.minGapMs.toFixed(1)} ms, final drift ${stats.finalDriftMs.toFixed(1)} ms over ${count} chunks`,
    );
    expect(Math.min(...drifts)).toBeGreaterThanOrEqual(-EPS);
    expect(stats.minGapMs).toBeGreaterThanOrEqual(CHUNK_MS / 2 - EPS);
    // Adding up sleeps would have drifted by ~15 ms a chunk, 225 s in all; anchored, each
    // chunk is late by about one overshoot.
    expect(meanDrift).toBeLessThan(CHUNK_MS / 2);
    expect(stats.maxDriftMs).toBeLessThan(3 * CHUNK_MS);
    expect(stats.meanGapMs).toBeCloseTo(CHUNK_MS, 1);
  });
});

describe('Pacer rate changes', () => {
  it('switching speed mid-way keeps gaps at the current rate, with no burst at the switch', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ clock });
    // A replay at 2× the live speed, then live audio at 1×, then a test run at 40×.
    const rateOf = (i: number) => (i < 1_000 ? 2 : i < 2_000 ? 1 : 40);
    const releases = await drive(pacer, 3_000, rateOf);
    for (let i = 1; i < releases.length; i++) {
      const gap = releases[i]! - releases[i - 1]!;
      // The gap before chunk i is the time chunk i−1 takes to play at its own rate.
      expect(gap).toBeCloseTo(CHUNK_MS / rateOf(i - 1), 9);
    }
    // Total time is the sum of each part's duration at its rate: nothing lost at the seams.
    expect(releases[2_999]! - releases[0]!).toBeCloseTo(1_000 * 20 + 1_000 * 40 + 999 * 1, 6);
  });

  it('changing rate while behind still catches up at half-interval gaps', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ clock });
    const rateOf = (i: number) => (i < 10 ? 1 : 4);
    const releases = await drive(pacer, 200, rateOf, (i) => {
      if (i === 5) clock.t += 600; // behind by 600 ms, under maxLagMs
    });
    for (let i = 1; i < releases.length; i++) {
      expect(releases[i]! - releases[i - 1]!).toBeGreaterThanOrEqual(CHUNK_MS / rateOf(i) / 2 - EPS);
    }
    // Caught up by the end: the last chunk is where the unstalled schedule puts it.
    const ideal = releases[0]! + 10 * CHUNK_MS + 189 * (CHUNK_MS / 4);
    expect(releases[199]!).toBeCloseTo(ideal, 6);
  });
});

describe('Pacer after a long stall', () => {
  it('re-anchors instead of sending the backlog', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ clock, maxLagMs: 1000 });
    const releases = await drive(
      pacer,
      200,
      () => 1,
      (i) => {
        if (i === 100) clock.t += 5_000; // a reconnect that took 5 s
      },
    );
    const stallEnd = releases[99]! + 5_000;
    expect(releases[100]!).toBeCloseTo(stallEnd, 9); // sent at once when the stall ends
    for (let i = 101; i < 200; i++) expect(releases[i]! - releases[i - 1]!).toBeCloseTo(CHUNK_MS, 9);
  });

  it('reanchor() drops the schedule on request', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ clock });
    await pacer.wait(CHUNK_MS, 1);
    await pacer.wait(CHUNK_MS, 1);
    clock.t += 300; // behind, but under maxLagMs: would catch up at 20 ms gaps
    pacer.reanchor();
    const t = await pacer.wait(CHUNK_MS, 1);
    expect(t).toBe(clock.t);
    expect((await pacer.wait(CHUNK_MS, 1)) - t).toBe(CHUNK_MS);
  });
});

describe('Pacer with a live source', () => {
  it('sends each chunk as it arrives, never early, never bunched, re-anchoring after a pause', async () => {
    const random = prng(3);
    const clock = new FakeClock();
    const pacer = new Pacer({ clock, maxLagMs: 1000 });
    const start = clock.t;
    const PAUSE_AT = 500;
    // Chunk i is captured by i·40 ms, and reaches us up to 120 ms later (pipes and scheduling
    // deliver in clumps). At chunk 500 the source stalls for 3 s, then delivers in real time.
    const arrival = (i: number) => start + (i + 1) * CHUNK_MS + random() * 120 + (i >= PAUSE_AT ? 3_000 : 0);
    const arrivals: number[] = [];
    const releases = await drive(
      pacer,
      1_000,
      () => 1,
      (i) => {
        arrivals.push(Math.max(arrival(i), arrivals[i - 1] ?? 0));
        clock.t = Math.max(clock.t, arrivals[i]!);
      },
    );

    for (let i = 0; i < releases.length; i++) expect(releases[i]!).toBeGreaterThanOrEqual(arrivals[i]!);
    for (let i = 1; i < releases.length; i++)
      expect(releases[i]! - releases[i - 1]!).toBeGreaterThanOrEqual(CHUNK_MS / 2 - EPS);
    // Sent as it arrives: the wait after arrival stays within a few chunk intervals.
    const waits = releases.map((r, i) => r - arrivals[i]!);
    expect(Math.max(...waits)).toBeLessThan(3 * CHUNK_MS);
    // After the pause the schedule re-anchored: no 3 s backlog sent at double pace.
    const afterPause = releases.slice(PAUSE_AT);
    expect(afterPause[0]! - releases[PAUSE_AT - 1]!).toBeGreaterThan(2_900);
    expect(Math.max(...waits.slice(PAUSE_AT))).toBeLessThan(3 * CHUNK_MS);
  });
});

describe('Pacer.wait', () => {
  it('rejects on abort and does not count the chunk', async () => {
    const clock: Clock = {
      now: () => 0,
      sleep: (_ms, signal) =>
        new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason), { once: true })),
    };
    const pacer = new Pacer({ clock, record: true });
    await pacer.wait(CHUNK_MS, 1);
    const controller = new AbortController();
    const waiting = pacer.wait(CHUNK_MS, 1, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(pacer.releases).toEqual([0]);
  });

  it('refuses a second concurrent wait', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ clock });
    await pacer.wait(CHUNK_MS, 1);
    const first = pacer.wait(CHUNK_MS, 1);
    await expect(pacer.wait(CHUNK_MS, 1)).rejects.toThrow('Pacer.wait called while another wait is pending');
    await first;
  });

  it('runs on the real clock too', async () => {
    const { systemClock } = await import('../../src/util/clock.js');
    const pacer = new Pacer({ clock: systemClock, record: true });
    for (let i = 0; i < 10; i++) await pacer.wait(20, 1);
    const stats = measureSchedule(pacer.releases!, 20);
    expect(stats.minGapMs).toBeGreaterThanOrEqual(10);
    expect(pacer.releases![9]! - pacer.releases![0]!).toBeGreaterThanOrEqual(180);
  });
});

describe('measureSchedule', () => {
  it('reports drift against the first release, gaps, and count', () => {
    expect(measureSchedule([100, 110, 125, 130], 10)).toEqual({
      maxDriftMs: 5,
      finalDriftMs: 0,
      minGapMs: 5,
      meanGapMs: 10,
      count: 4,
    });
    expect(measureSchedule([], 10).count).toBe(0);
  });
});
