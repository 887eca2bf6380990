import { describe, expect, it } from 'vitest';
import {
  aimdStep,
  createAimdGate,
  initialAimdState,
  nextGrowthAt,
  type AimdParams,
  type AimdSignal,
  type AimdState,
} from '../../../src/transcriber/gate/aimd-gate.js';
import type { Clock } from '../../../src/util/clock.js';

const params: AimdParams = { max: 8, coolDownMs: 5_000, calmMs: 15_000, strikes: 2 };

// Feeds signals at given times; returns the limit after each and every change with its reason.
// The optional third item is when the oldest held slot was taken.
function play(events: [number, AimdSignal, number?][], p: AimdParams = params) {
  let state: AimdState = initialAimdState(p.max, 0);
  const changes: string[] = [];
  const limits: number[] = [];
  for (const [at, signal, oldestSlotAt] of events) {
    const step = aimdStep(state, signal, at, p, oldestSlotAt);
    state = step.state;
    if (step.change) changes.push(`${at}: ${step.change.limit} (${step.change.why})`);
    limits.push(state.limit);
  }
  return { state, changes, limits };
}

describe('aimdStep (pure arithmetic)', () => {
  it('starts at max', () => {
    expect(initialAimdState(5, 0).limit).toBe(5);
  });

  it('halves on the second refusal in a row, not on the first', () => {
    const { limits, changes } = play([
      [1_000, 'refused'],
      [1_200, 'refused'],
    ]);
    expect(limits).toEqual([8, 4]);
    expect(changes).toEqual(['1200: 4 (429/503 refusals)']);
  });

  it('forgets a lone bad report once calmMs has passed without another', () => {
    const { limits } = play([
      [1_000, 'dropped'],
      [1_000 + 15_000, 'dropped'],
      [1_000 + 30_001, 'dropped'],
    ]);
    // 15 000 apart is not "within" calmMs, so each lone drop starts a new count.
    expect(limits).toEqual([8, 8, 8]);
  });

  it('decreases at most once per cool-down: a burst of refusals is one signal', () => {
    const { limits, changes } = play([
      [0, 'refused'],
      [10, 'refused'], // → 4
      [20, 'refused'],
      [30, 'refused'],
      [5_009, 'refused'], // still cooling down (since 10): ignored
      [5_010, 'refused'], // a fresh strike after the cool-down
      [5_100, 'refused'], // → 2
    ]);
    expect(limits).toEqual([8, 4, 4, 4, 4, 4, 2]);
    expect(changes).toEqual(['10: 4 (429/503 refusals)', '5100: 2 (429/503 refusals)']);
  });

  it('never goes below 1, and rounds halves down', () => {
    const p = { ...params, max: 3 };
    const { limits } = play(
      [
        [0, 'refused'],
        [1, 'refused'], // 3 → 1
        [6_000, 'refused'],
        [6_001, 'refused'], // stays 1
      ],
      p,
    );
    expect(limits).toEqual([3, 1, 1, 1]);
  });

  it('says "dropped sessions" when only drops made the decrease', () => {
    const { changes } = play([
      [0, 'dropped'],
      [100, 'dropped'],
    ]);
    expect(changes).toEqual(['100: 4 (dropped sessions)']);
  });

  it('grows by one after a calm period with successful opens, up to max', () => {
    const { limits, changes } = play([
      [0, 'refused'],
      [0, 'refused'], // → 4 at t=0
      [10_000, 'opened'], // opened, but not calm long enough yet
      [15_000, 'tick'], // calm since 0 and unchanged since 0: → 5
      [20_000, 'tick'], // only 5 s since the last change
      [30_000, 'tick'], // calm, but nothing opened since the change and nothing running
      [30_001, 'opened'], // → 6
      [45_000, 'tick', 40_000], // a slot held only 5 s: not yet evidence
      [45_001, 'tick', 30_001], // a session running through the calm period counts as success → 7
      [60_001, 'tick', 30_001], // → 8
      [75_001, 'tick', 30_001], // max
    ]);
    expect(limits).toEqual([8, 4, 4, 5, 5, 5, 6, 6, 7, 8, 8]);
    expect(changes.slice(1)).toEqual(['15000: 5 (calm)', '30001: 6 (calm)', '45001: 7 (calm)', '60001: 8 (calm)']);
  });

  it('a bad report restarts the calm period', () => {
    const { limits } = play([
      [0, 'refused'],
      [0, 'refused'], // → 4
      [10_000, 'dropped'], // one drop: no decrease, but no calm either
      [15_000, 'tick', 0],
      [25_000, 'tick', 0], // calm since 10 000
    ]);
    expect(limits).toEqual([8, 4, 4, 4, 5]);
  });

  it('nextGrowthAt is the end of the calm period, none at max or without any success', () => {
    const { state } = play([
      [0, 'refused'],
      [3, 'refused'],
      [7, 'dropped'],
    ]);
    expect(nextGrowthAt(state, params, 0)).toBe(7 + 15_000);
    expect(nextGrowthAt(state, params, 20_000)).toBe(20_000 + 15_000); // that slot must prove itself first
    expect(nextGrowthAt(state, params)).toBeUndefined(); // nothing opened, nothing held: a report must come
    const opened = aimdStep(state, 'opened', 9, params).state;
    expect(nextGrowthAt(opened, params)).toBe(7 + 15_000);
    expect(nextGrowthAt(initialAimdState(8, 0), params, 0)).toBeUndefined();
  });
});

// A clock that moves only when the test says so; sleeps resolve as it passes their end.
class ManualClock implements Clock {
  t = 0;
  private sleepers: { until: number; resolve: () => void }[] = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const sleeper = { until: this.t + ms, resolve };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(signal.reason);
      });
    });
  }
  get pendingSleeps(): number {
    return this.sleepers.length;
  }
  async advance(ms: number): Promise<void> {
    this.t += ms;
    const due = this.sleepers.filter((s) => s.until <= this.t);
    this.sleepers = this.sleepers.filter((s) => s.until > this.t);
    for (const s of due) s.resolve();
    await flush();
  }
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createAimdGate', () => {
  const setup = (max: number) => {
    const clock = new ManualClock();
    const changes: string[] = [];
    const gate = createAimdGate({ max, clock, onChange: (limit, why) => changes.push(`${limit} ${why}`) });
    return { clock, changes, gate };
  };

  it('lets max sessions in at once and queues the rest, first in first served', async () => {
    const { gate } = setup(2);
    const a = await gate.acquire();
    const b = await gate.acquire();
    const order: string[] = [];
    const c = gate.acquire().then((release) => (order.push('c'), release));
    const d = gate.acquire().then((release) => (order.push('d'), release));
    await flush();
    expect(order).toEqual([]);
    expect(gate.inUse).toBe(2);
    expect(gate.waiting).toBe(2);
    b();
    b(); // a second release of one slot is ignored
    await flush();
    expect(order).toEqual(['c']);
    a();
    await flush();
    expect(order).toEqual(['c', 'd']);
    (await c)();
    (await d)();
    expect(gate.inUse).toBe(0);
  });

  it('halves under refusals, holds back waiters, and grows back on calm (timer-driven)', async () => {
    const { gate, clock, changes } = setup(4);
    const held = [await gate.acquire(), await gate.acquire(), await gate.acquire()];
    gate.report('refused');
    gate.report('refused');
    expect(gate.limit).toBe(2);
    expect(changes).toEqual(['2 429/503 refusals']);
    held.pop()!(); // 2 in use, limit 2: a newcomer waits
    let got = false;
    const next = gate.acquire().then((release) => ((got = true), release));
    await flush();
    expect(got).toBe(false);
    // No report comes (e.g. a rotation waits beside its own session): the gate's timer notices
    // the calm period and lets the waiter in.
    await clock.advance(14_999);
    expect(got).toBe(false);
    await clock.advance(1);
    expect(got).toBe(true);
    expect(gate.limit).toBe(3);
    expect(changes).toEqual(['2 429/503 refusals', '3 calm']);
    (await next)();
    for (const release of held) release();
    expect(clock.pendingSleeps).toBe(0); // nobody waits: no timer left behind
  });

  it('waits for a fresh slot to prove itself, with one timer, not a busy loop', async () => {
    const { gate, clock } = setup(2);
    const a = await gate.acquire();
    const b = await gate.acquire();
    gate.report('refused');
    gate.report('refused'); // limit 1 at t=0
    a();
    b();
    await clock.advance(1_000);
    const d = await gate.acquire(); // taken at t=1000, not yet opened
    let served = false;
    const e = gate.acquire().then((release) => ((served = true), release));
    await clock.advance(14_000); // t=15000: calm since the decrease, but the slot is young
    expect(served).toBe(false);
    expect(clock.pendingSleeps).toBe(1);
    await clock.advance(1_000); // t=16000: held through a calm period → limit 2
    expect(served).toBe(true);
    d();
    (await e)();
  });

  it('rejects a waiter whose signal aborts and serves the next one', async () => {
    const { gate } = setup(1);
    const first = await gate.acquire();
    const controller = new AbortController();
    const aborted = gate.acquire(controller.signal);
    const after = gate.acquire();
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    first();
    (await after)();
    expect(gate.inUse).toBe(0);
    await expect(gate.acquire(controller.signal)).rejects.toThrow('stop');
  });

  it('names the bad option', () => {
    expect(() => createAimdGate({ max: 0 })).toThrow(
      'createAimdGate: max must be a whole number of sessions, 1 or more (0)',
    );
  });
});
