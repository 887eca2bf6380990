import { describe, expect, it } from 'vitest';
import { fnv1a32, inShard, parseShard, shardOf } from '../../../src/cli/batch/shard.js';

const files = Array.from({ length: 200 }, (_, i) => `day-${Math.floor(i / 10)}/take ${i}.wav`);

describe('--shard K/N', () => {
  it('parses K/N and names the flag on anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['3/2', '0/2', '1/0', '1', 'a/b', '1/2/3', '-1/2', '1.5/2', '']) {
      expect(() => parseShard(bad, {})).toThrow(`--shard takes K/N with 1 ≤ K ≤ N (${bad})`);
    }
  });

  it('auto/N takes K from JOB_COMPLETION_INDEX, which counts from 0', () => {
    expect(parseShard('auto/4', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 4 });
    expect(parseShard(' auto / 4 ', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 4, count: 4 });
    // An explicit K/N wins over the environment.
    expect(parseShard('2/4', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 2, count: 4 });
    // Indexes 0…N−1 of a Job cover the N shards once each.
    const shares = [0, 1, 2].map((i) =>
      files.filter((f) => inShard(f, parseShard('auto/3', { JOB_COMPLETION_INDEX: String(i) }))),
    );
    expect(shares.flat().sort()).toEqual([...files].sort());
  });

  it('says what is wrong with auto/N and its variable', () => {
    expect(() => parseShard('auto/4', {})).toThrow('--shard auto/4 reads JOB_COMPLETION_INDEX, which is not set');
    expect(() => parseShard('auto/4', { JOB_COMPLETION_INDEX: '4' })).toThrow(
      '--shard auto/4: JOB_COMPLETION_INDEX must be a whole number from 0 to 3 (4)',
    );
    expect(() => parseShard('auto/4', { JOB_COMPLETION_INDEX: '-1' })).toThrow(
      'JOB_COMPLETION_INDEX must be a whole number from 0 to 3 (-1)',
    );
    expect(() => parseShard('auto/0', { JOB_COMPLETION_INDEX: '0' })).toThrow(
      '--shard auto/N takes N from 1 to 100000 (auto/0)',
    );
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '0' })).toThrow('--shard takes K/N with 1 ≤ K ≤ N (auto)');
  });

  it('hashes with FNV-1a (32 bits), the published test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('1/3 + 2/3 + 3/3 cover every file exactly once', () => {
    const shares = [1, 2, 3].map((index) => files.filter((f) => inShard(f, { index, count: 3 })));
    expect(shares.flat().sort()).toEqual([...files].sort());
    expect(new Set(shares.flat()).size).toBe(files.length);
    // Roughly even: no shard is empty or takes most of the work.
    for (const share of shares) expect(share.length).toBeGreaterThan(40);
  });

  it('adding files never moves the others to another shard', () => {
    const before = new Map(files.map((f) => [f, shardOf(f, 4)]));
    const more = [...files, 'new/a.wav', 'new/b.wav', 'day-3/late.wav'];
    for (const f of more) if (before.has(f)) expect(shardOf(f, 4)).toBe(before.get(f));
  });

  it('hashes Windows separators as slashes, so machines agree', () => {
    expect(shardOf('a\\b\\c.wav', 7)).toBe(shardOf('a/b/c.wav', 7));
  });
});
