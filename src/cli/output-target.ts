// Where a single run's transcript goes with -o: a file (its directories created, written
// atomically at the end, with a checkpoint beside it), or a character device or FIFO (/dev/null,
// /dev/stdout, a named pipe), which is written as it is, as a stream, since a device cannot be
// renamed over or given a sibling file.
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { outputFailed, outputFiles, type OutputFormat } from '../transcript/index.js';
import { defined } from '../util/must.js';

export type OutputTarget =
  | { kind: 'stdout' }
  | { kind: 'device'; path: string }
  /** `checkpointFile` is the first format's file: its checkpoint sits beside it. */
  | { kind: 'files'; path: string; checkpointFile: string };

function isDevice(path: string): boolean {
  try {
    const info = statSync(path);
    return info.isCharacterDevice() || info.isFIFO();
  } catch {
    return false;
  }
}

/** Decides the target, and creates the directories a file target needs (as a batch does). */
export function prepareOutput(outputPath: string | undefined, formats: readonly OutputFormat[]): OutputTarget {
  if (outputPath === undefined) return { kind: 'stdout' };
  // Several formats on one device are refused by the sink, which writes it.
  if (isDevice(outputPath)) return { kind: 'device', path: outputPath };
  const files = outputFiles(outputPath, formats);
  for (const file of files) {
    try {
      mkdirSync(dirname(file.path), { recursive: true });
    } catch (error) {
      // mkdir says EEXIST when part of the path is a file: the truth for the user is ENOTDIR.
      const code = (error as NodeJS.ErrnoException).code;
      throw outputFailed(
        file.path,
        code === 'EEXIST' ? Object.assign(new Error('ENOTDIR: not a directory'), { code: 'ENOTDIR' }) : error,
      );
    }
  }
  return { kind: 'files', path: outputPath, checkpointFile: defined(files[0], "the first format's file").path };
}
