import { describe, expect, it } from 'vitest';
import { atLeast, rechunk } from '../../src/audio/rechunk.js';

async function* from(pieces: Buffer[]): AsyncGenerator<Buffer> {
  for (const piece of pieces) yield piece;
}

async function all(source: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of source) out.push(chunk);
  return out;
}

// Bytes 0, 1, 2, … so any reordering or loss shows.
const counting = (length: number, start = 0) => Buffer.from(Array.from({ length }, (_, i) => (start + i) & 0xff));

describe('rechunk', () => {
  it('cuts arbitrary pieces into exact chunks and keeps every byte in order', async () => {
    const input = counting(1000);
    const sizes = [1, 7, 100, 2, 300, 90, 500];
    const pieces: Buffer[] = [];
    let offset = 0;
    for (const size of sizes) {
      pieces.push(input.subarray(offset, offset + size));
      offset += size;
    }
    const chunks = await all(rechunk(from(pieces), 96));
    expect(chunks.slice(0, -1).every((c) => c.length === 96)).toBe(true);
    expect(chunks.at(-1)!.length).toBe(1000 % 96);
    expect(Buffer.concat(chunks).equals(input)).toBe(true);
  });

  it('hands out whole chunks inside a piece as views, without copying', async () => {
    const big = counting(960);
    const chunks = await all(rechunk(from([big]), 480));
    expect(chunks).toHaveLength(2);
    chunks.forEach((chunk, i) => {
      expect(chunk.buffer).toBe(big.buffer);
      expect(chunk.byteOffset).toBe(big.byteOffset + i * 480);
    });
  });

  it('assembles a chunk that straddles pieces into its own buffer', async () => {
    const a = counting(300);
    const b = counting(300, 300);
    const expected = Buffer.concat([a, b]).subarray(0, 480);
    const chunks = await all(rechunk(from([a, b]), 480));
    a.fill(0xee);
    b.fill(0xee);
    expect(chunks[0]!.equals(expected)).toBe(true);
    expect(chunks[1]!.length).toBe(120);
  });

  it('never reuses a chunk buffer: earlier chunks stay intact', async () => {
    const pieces = Array.from({ length: 20 }, (_, i) => counting(30, i * 30));
    const chunks = await all(rechunk(from(pieces), 64));
    expect(Buffer.concat(chunks).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('keeps the last chunk to whole samples', async () => {
    const chunks = await all(rechunk(from([counting(101)]), 64));
    expect(chunks.map((c) => c.length)).toEqual([64, 36]);
  });

  it('yields nothing for an empty source, and no empty chunk on an exact fit', async () => {
    expect(await all(rechunk(from([]), 64))).toEqual([]);
    expect((await all(rechunk(from([counting(128)]), 64))).map((c) => c.length)).toEqual([64, 64]);
  });

  it('rejects a chunk size that is not whole samples, at the call', () => {
    expect(() => rechunk(from([]), 63)).toThrow(
      'chunkBytes must be a positive even integer (whole PCM16 samples), got 63',
    );
    expect(() => rechunk(from([]), 0)).toThrow(RangeError);
  });
});

describe('atLeast', () => {
  it('passes pieces of a chunk or more through as they are, and joins smaller ones, every byte in order', async () => {
    const input = counting(2000);
    const sizes = [500, 10, 20, 100, 7, 1, 300, 62, 1000];
    const pieces: Buffer[] = [];
    let offset = 0;
    for (const size of sizes) {
      pieces.push(input.subarray(offset, offset + size));
      offset += size;
    }
    const out = await all(atLeast(from(pieces), 96));
    // 500 passes; 10+20+100 joined (130); 7+1+300 joined (308); 62+1000 joined (1062).
    expect(out.map((c) => c.length)).toEqual([500, 130, 308, 1062]);
    expect(out[0]).toBe(pieces[0]); // the same buffer, not a copy
    expect(Buffer.concat(out).equals(input)).toBe(true);
  });

  it('yields whole samples only: an odd byte waits for the next piece, a stray one at the end is dropped', async () => {
    const input = counting(301);
    const out = await all(atLeast(from([input.subarray(0, 99), input.subarray(99, 200), input.subarray(200)]), 64));
    expect(out.every((c) => c.length % 2 === 0)).toBe(true);
    expect(Buffer.concat(out).equals(input.subarray(0, 300))).toBe(true);
  });

  it('rejects a size that is not whole samples', () => {
    expect(() => atLeast(from([]), 3)).toThrow('minBytes must be a positive even integer (whole PCM16 samples), got 3');
  });
});
