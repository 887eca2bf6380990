// Where a batch writes each transcript: the output directory mirrors the tree below each input
// directory, one file per format, so `recordings/a/b.wav -o transcripts` gives transcripts/a/b.txt.
import { join } from 'node:path';
import type { OutputFormat } from '../../transcript/index.js';
import { usageError } from '../flags.js';

export interface OutputTarget {
  format: OutputFormat;
  path: string;
}

/** `a/b.wav` → `OUT/a/b.<format>` for each format. */
export function outputTargets(outDir: string, relPath: string, formats: readonly OutputFormat[]): OutputTarget[] {
  const slash = relPath.lastIndexOf('/');
  const dot = relPath.lastIndexOf('.');
  // A leading dot (or none) is part of the name, not an extension.
  const stem = dot > slash + 1 ? relPath.slice(0, dot) : relPath;
  return formats.map((format) => ({ format, path: join(outDir, ...`${stem}.${format}`.split('/')) }));
}

// Where an incomplete transcript goes: beside the real one, under a name a re-run does not take
// for a finished transcript, so the file is transcribed again instead of skipped.
export function partialPath(path: string): string {
  return `${path}.partial`;
}

/**
 * Throws a usage error naming the first two inputs that would write the same file (`a.wav` and
 * `a.mp3` in one directory, or the same name below two input directories).
 */
export function assertDistinctOutputs(items: readonly { label: string; outputs: readonly OutputTarget[] }[]): void {
  const owner = new Map<string, string>();
  for (const item of items) {
    for (const output of item.outputs) {
      // Case-folded: on macOS and Windows A.txt and a.txt are one file.
      const key = output.path.toLowerCase();
      const first = owner.get(key);
      if (first !== undefined && first !== item.label) {
        throw usageError(
          `two inputs would write the same transcript (${output.path}): ${first} and ${item.label}`,
          'choose one of them with --pattern, or transcribe them into different -o directories',
        );
      }
      owner.set(key, item.label);
    }
  }
}
