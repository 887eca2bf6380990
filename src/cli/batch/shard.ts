// --shard K/N: the share of a batch one of N machines takes. A file belongs to the shard its path
// hashes to, not to a position in a list, so adding a file never moves the others between shards
// and machines that mount the directory at different places still agree (the path hashed is the
// one below the input directory). --shard auto/N takes K from a Kubernetes Indexed Job's
// JOB_COMPLETION_INDEX, which counts from 0 where K counts from 1.
import { usageError } from '../flags.js';

export interface Shard {
  /** 1-based: shard K of N. */
  index: number;
  count: number;
}

const MAX_SHARDS = 100_000;

const INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';

/** K/N (1-based), or auto/N: K is JOB_COMPLETION_INDEX + 1. */
export function parseShard(value: string, env: NodeJS.ProcessEnv = process.env): Shard {
  const auto = /^\s*auto\s*\/\s*(\d+)\s*$/.exec(value);
  if (auto) return shardFromIndex(Number(auto[1]), env, value);
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    throw usageError(
      `--shard takes K/N with 1 ≤ K ≤ N (${value})`,
      'for example --shard 2/4 on the second of four machines, or --shard auto/4 in a Kubernetes Indexed Job',
    );
  }
  return { index, count };
}

function shardFromIndex(count: number, env: NodeJS.ProcessEnv, value: string): Shard {
  if (count < 1 || count > MAX_SHARDS)
    throw usageError(
      `--shard auto/N takes N from 1 to ${MAX_SHARDS} (${value})`,
      "N is the Job's completions, e.g. --shard auto/4",
    );
  const raw = env[INDEX_VARIABLE];
  if (raw === undefined || raw.trim() === '') {
    throw usageError(
      `--shard ${value.trim()} reads ${INDEX_VARIABLE}, which is not set`,
      `run it in a Kubernetes Indexed Job (completionMode: Indexed), or give the shard as K/N`,
    );
  }
  const zeroBased = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!(zeroBased >= 0 && zeroBased < count)) {
    throw usageError(
      `--shard ${value.trim()}: ${INDEX_VARIABLE} must be a whole number from 0 to ${count - 1} (${raw})`,
      `keep the Job's completions and N equal`,
    );
  }
  return { index: zeroBased + 1, count };
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
