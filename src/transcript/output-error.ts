// The one error for output that could not be written: which file, the system's code and what it
// means, and what to do about it.

import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { TranscribeError } from '../errors.js';

const DESCRIPTIONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  EPIPE: 'broken pipe',
};

/** `target` is the file the user asked for (never the temporary file), or `stdout`. */
export function outputFailed(target: string, cause: unknown): TranscribeError {
  const code = errorCode(cause);
  const detail =
    code === undefined
      ? cause instanceof Error
        ? cause.message
        : String(cause)
      : `${code} ${DESCRIPTIONS[code] ?? describe(cause, code)}`;
  return new TranscribeError('OUTPUT_FAILED', `cannot write output (${target}): ${detail}`, {
    hint: hintFor(target, code),
    cause,
  });
}

function hintFor(target: string, code: string | undefined): string {
  const dir = dirname(target);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `make ${dir} writable, or choose another output path with -o`;
    case 'ENOENT':
      // A directory that exists and still says ENOENT is a file system that makes no new files
      // (/proc, /sys): creating it "first" would not help.
      return existsSync(dir)
        ? `${dir} does not take new files (a virtual file system such as /proc or /sys); choose another output path with -o`
        : `create the directory ${dir} first, or choose another output path with -o`;
    case 'ENOTDIR':
      // Some part of the path is a file: "create the directory" would send the user astray.
      return `${dir} is not a directory (part of it is a file); choose another output path with -o`;
    case 'EISDIR':
      return `${target} is a directory: give a file name to -o`;
    case 'ENOSPC':
    case 'EDQUOT':
      return 'free some space on that device, or choose another output path with -o';
    case 'EPIPE':
      return 'the program reading stdout stopped early; write to a file with -o instead';
    default:
      return 'choose another output path with -o';
  }
}

function errorCode(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

// Node's messages read `EACCES: permission denied, open '/tmp/.x.tmp'`; keep the middle part,
// which names no temporary file.
function describe(cause: unknown, code: string): string {
  const message = cause instanceof Error ? cause.message : '';
  const match = new RegExp(`^${code}: ([^,]+)`).exec(message);
  return match?.[1] ?? 'error';
}
