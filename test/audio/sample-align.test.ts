import { describe, expect, it } from 'vitest';
import { alignToSamples, type AlignStats } from '../../src/audio/sample-align.js';

async function* from(pieces: Buffer[]): AsyncGenerator<Buffer> {
  for (const piece of pieces) yield piece;
}

async function run(pieces: Buffer[]): Promise<{ out: Buffer[]; stats: AlignStats }> {
  const stats: AlignStats = { bytes: 0, strayByte: false };
  const out: Buffer[] = [];
  for await (const piece of alignToSamples(from(pieces), stats)) out.push(piece);
  return { out, stats };
}

describe('alignToSamples', () => {
  it('passes even pieces through untouched', async () => {
    const a = Buffer.from([1, 2, 3, 4]);
    const { out, stats } = await run([a]);
    expect(out[0]).toBe(a);
    expect(stats).toEqual({ bytes: 4, strayByte: false });
  });

  it('re-joins a sample split across odd reads, in order', async () => {
    const input = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const { out, stats } = await run([
      input.subarray(0, 3),
      input.subarray(3, 4),
      input.subarray(4, 9),
      input.subarray(9),
    ]);
    expect(out.every((p) => p.length % 2 === 0 && p.length > 0)).toBe(true);
    expect(Buffer.concat(out).equals(input)).toBe(true);
    expect(stats).toEqual({ bytes: 10, strayByte: false });
  });

  it('drops and reports a final stray byte', async () => {
    const { out, stats } = await run([Buffer.from([1, 2, 3])]);
    expect(Buffer.concat(out)).toEqual(Buffer.from([1, 2]));
    expect(stats).toEqual({ bytes: 2, strayByte: true });
  });

  it('ignores empty reads', async () => {
    const { out } = await run([Buffer.from([1]), Buffer.alloc(0), Buffer.from([2])]);
    expect(Buffer.concat(out)).toEqual(Buffer.from([1, 2]));
  });
});
