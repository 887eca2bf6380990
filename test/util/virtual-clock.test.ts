import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/util/virtual-clock.js';

describe('VirtualClock', () => {
  it('fires timers in order of due time, whatever order they were set in', async () => {
    const clock = new VirtualClock();
    const fired: string[] = [];
    const at = (ms: number, name: string) => clock.sleep(ms).then(() => fired.push(`${name}@${clock.now()}`));
    await Promise.all([at(300, 'c'), at(100, 'a'), at(200, 'b'), at(0, 'now')]);
    expect(fired).toEqual(['now@0', 'a@100', 'b@200', 'c@300']);
    expect(clock.now()).toBe(300);
  });

  it('keeps the order of request for timers due at the same time', async () => {
    const clock = new VirtualClock({ startMs: 1000 });
    const fired: number[] = [];
    await Promise.all([1, 2, 3, 4, 5].map((n) => clock.sleep(50).then(() => fired.push(n))));
    expect(fired).toEqual([1, 2, 3, 4, 5]);
    expect(clock.now()).toBe(1050);
  });

  it('nested sleeps count from the time their outer sleep ended', async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const chain = async () => {
      await clock.sleep(100);
      seen.push(clock.now());
      await clock.sleep(100);
      seen.push(clock.now());
    };
    const other = clock.sleep(150).then(() => seen.push(clock.now()));
    await Promise.all([chain(), other]);
    expect(seen).toEqual([100, 150, 200]);
  });

  it('does not move time while work set off by a timer is still running', async () => {
    const clock = new VirtualClock();
    const seen: string[] = [];
    const late = clock.sleep(10).then(() => seen.push(`late@${clock.now()}`));
    await clock.sleep(0);
    // A chain of microtasks and an immediate, all at time 0.
    await Promise.resolve();
    await new Promise((resolve) => setImmediate(resolve));
    seen.push(`work@${clock.now()}`);
    await late;
    expect(seen).toEqual(['work@0', 'late@10']);
  });

  it('rejects with the signal reason on abort, and an aborted timer does not move time', async () => {
    const clock = new VirtualClock();
    const controller = new AbortController();
    const aborted = clock.sleep(1_000_000, controller.signal);
    expect(clock.pending).toBe(1);
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(clock.pending).toBe(0);
    await clock.sleep(5);
    expect(clock.now()).toBe(5);
    const already = new AbortController();
    already.abort('gone');
    await expect(clock.sleep(1, already.signal)).rejects.toBe('gone');
    expect(clock.pending).toBe(0);
  });

  it('runs a simulated hour of 40 ms steps', async () => {
    const clock = new VirtualClock();
    let steps = 0;
    while (clock.now() < 3_600_000) {
      await clock.sleep(40);
      steps++;
    }
    expect(steps).toBe(90_000);
  });

  it('treats NaN as 0 and never fires Infinity; dispose stops everything', async () => {
    const clock = new VirtualClock();
    await clock.sleep(Number.NaN);
    expect(clock.now()).toBe(0);
    let fired = false;
    void clock.sleep(Infinity).then(() => (fired = true));
    await clock.sleep(10);
    expect([fired, clock.now(), clock.pending]).toEqual([false, 10, 1]);
    void clock.sleep(5).then(() => (fired = true));
    clock.dispose();
    expect(clock.pending).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect([fired, clock.now()]).toEqual([false, 10]);
  });

  it('stops at limitMs: later timers stay pending and limitReached says when', async () => {
    const clock = new VirtualClock({ limitMs: 1000 });
    let late = false;
    void clock.sleep(1500).then(() => (late = true));
    await clock.sleep(999);
    expect(await clock.limitReached).toBe(999);
    expect([late, clock.pending]).toEqual([false, 1]);
    await clock.sleep(1); // due at the limit: still fires
    expect(clock.now()).toBe(1000);
    clock.dispose();
  });
});
