// --shard K/N: the share of a batch one of N machines takes. A file belongs to the shard its path
// hashes to, not to a position in a list, so adding a file never moves the others between shards
// and machines that mount the directory at different places still agree (the path hashed is the
// one below the input directory).
import { usageError } from './flags.js';

export interface Shard {
  /** 1-based: shard K of N. */
  index: number;
  count: number;
}

export const MAX_SHARDS = 100_000;

export function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    throw usageError(`--shard takes K/N with 1 ≤ K ≤ N (${value})`, 'for example --shard 2/4 on the second of four machines');
  }
  return { index, count };
}

/** FNV-1a, 32 bits, over the UTF-8 bytes: tiny, stable across platforms and Node versions. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The shard (1-based) of a path below its input directory; `\` counts as `/` so Windows agrees. */
export function shardOf(relPath: string, count: number): number {
  return (fnv1a32(relPath.replaceAll('\\', '/')) % count) + 1;
}

export function inShard(relPath: string, shard: Shard): boolean {
  return shardOf(relPath, shard.count) === shard.index;
}
