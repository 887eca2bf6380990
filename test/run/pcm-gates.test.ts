// The PCM gate: skips what a checkpoint covers, and lets the next piece through only while the
// caller has room for more events (backpressure), waiting for room only when it is full.
import { describe, expect, it } from 'vitest';
import { gatePcm, skipSamples, type RoomGate } from '../../src/run/pcm-gates.js';

async function* from(pieces: Buffer[]): AsyncGenerator<Buffer> {
  for (const piece of pieces) yield piece;
}

const samples = (count: number, first: number) => {
  const out = Buffer.alloc(count * 2);
  for (let i = 0; i < count; i++) out.writeInt16LE(first + i, i * 2);
  return out;
};

describe('gatePcm', () => {
  it('skips whole pieces and the start of the one the offset falls in', async () => {
    const out: Buffer[] = [];
    for await (const piece of skipSamples(from([samples(10, 0), samples(10, 10), samples(10, 20)]), 15))
      out.push(piece);
    expect(Buffer.concat(out).equals(samples(15, 15))).toBe(true);
  });

  it('holds the next piece while the gate is full, and releases it when there is room', async () => {
    let open: () => void = () => {};
    const gate: RoomGate & { full: boolean } = {
      full: false,
      room: () => new Promise<void>((resolve) => (open = resolve)),
    };
    const iterator = gatePcm(from([samples(4, 0), samples(4, 4)]), { gate })[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual(samples(4, 0));
    gate.full = true;
    let second: Buffer | undefined;
    const pending = iterator.next().then((r) => (second = r.value as Buffer));
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBeUndefined(); // held back
    gate.full = false;
    open();
    await pending;
    expect(second).toEqual(samples(4, 4));
    expect((await iterator.next()).done).toBe(true);
  });
});
