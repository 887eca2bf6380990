// The bound on events a run holds: counted in events retained, never in time.
import { describe, expect, it } from 'vitest';
import { EventChannel } from '../../src/run/event-channel.js';

type Ev = { type: 'segment'; n: number } | { type: 'progress'; n: number } | { type: 'partial'; n: number };

const channel = (limit = 8) =>
  new EventChannel<Ev>({ limit, coalesceKey: (e) => (e.type === 'segment' ? undefined : e.type) });

// A producer that honours backpressure, as the run does: it waits for room before each segment.
async function produce(c: EventChannel<Ev>, segments: number, progressPerSegment = 3): Promise<void> {
  for (let n = 0; n < segments; n++) {
    await c.room();
    for (let p = 0; p < progressPerSegment; p++) c.push({ type: 'progress', n: n * progressPerSegment + p });
    c.push({ type: 'segment', n });
  }
  c.end();
}

describe('EventChannel', () => {
  it('keeps nothing while nobody iterates: a summary-only run holds no events', async () => {
    const c = channel(8);
    await produce(c, 10_000);
    expect(c.peakRetained).toBe(0);
    expect(c.retained).toBe(0);
  });

  it('holds at most the limit plus one coalesced progress for a reader that lags, and delivers every segment in order', async () => {
    const c = channel(8);
    const iterator = c.attach();
    const producing = produce(c, 10_000);
    const segments: number[] = [];
    let tick = 0;
    for (;;) {
      // The reader is slow: it lets the producer run between its reads.
      if (tick++ % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
      const next = await iterator.next();
      if (next.done) break;
      if (next.value.type === 'segment') segments.push(next.value.n);
    }
    await producing;
    expect(segments).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(c.peakRetained).toBeLessThanOrEqual(8 + 1);
    expect(c.peakRetained).toBeGreaterThanOrEqual(8); // the bound was reached, so it was what held
  });

  it('replaces an unread progress or partial by the newer one, and keeps every segment', async () => {
    const c = channel(100);
    const iterator = c.attach();
    c.push({ type: 'progress', n: 1 });
    c.push({ type: 'partial', n: 1 });
    c.push({ type: 'segment', n: 1 });
    c.push({ type: 'progress', n: 2 });
    c.push({ type: 'partial', n: 2 });
    c.push({ type: 'segment', n: 2 });
    c.end();
    const seen: Ev[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) seen.push(next.value);
    expect(seen).toEqual([
      { type: 'segment', n: 1 },
      { type: 'progress', n: 2 },
      { type: 'partial', n: 2 },
      { type: 'segment', n: 2 },
    ]);
  });

  it('asks the producer to wait once the reader is `limit` behind, and lets it go when the reader reads', async () => {
    const c = channel(2);
    const iterator = c.attach();
    c.push({ type: 'segment', n: 0 });
    expect(c.full).toBe(false);
    c.push({ type: 'segment', n: 1 });
    expect(c.full).toBe(true);
    let released = false;
    const waiting = c.room().then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    await iterator.next();
    await waiting;
    expect(released).toBe(true);
  });

  it('a reader that leaves (break) lets go of what it did not read and of the producer', async () => {
    const c = channel(2);
    const iterator = c.attach();
    c.push({ type: 'segment', n: 0 });
    c.push({ type: 'segment', n: 1 });
    expect(c.full).toBe(true);
    await iterator.return?.();
    expect(c.retained).toBe(0);
    expect(c.full).toBe(false);
    c.push({ type: 'segment', n: 2 });
    expect(c.retained).toBe(0);
  });

  it('ends with the error after everything pushed before it', async () => {
    const c = channel(8);
    const iterator = c.attach();
    c.push({ type: 'segment', n: 0 });
    c.end(new Error('boom'));
    expect(await iterator.next()).toEqual({ value: { type: 'segment', n: 0 }, done: false });
    await expect(iterator.next()).rejects.toThrow('boom');
  });

  it('is iterated by one loop at a time', () => {
    const c = channel(8);
    c.attach();
    expect(() => c.attach()).toThrow('a run can be iterated by one loop at a time');
  });
});
