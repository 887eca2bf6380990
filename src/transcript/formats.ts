// The transcript formats the tool writes, and the parsing of the --format value.

import { TranscribeError } from '../errors.js';

export type OutputFormat = 'txt' | 'json' | 'srt' | 'vtt' | 'jsonl' | 'tsv';

/** Every format, in the order `all` expands to. */
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['txt', 'json', 'srt', 'vtt', 'jsonl', 'tsv'];

export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

/**
 * Parses a comma-separated list of formats (`srt,vtt`) or `all`, case-insensitive, without
 * duplicates, in the order given. Throws a USAGE error naming the first unknown value.
 */
export function parseFormats(value: string): OutputFormat[] {
  const names = value
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (names.length === 0) throw unknownFormat(value.trim());
  const formats: OutputFormat[] = [];
  for (const name of names) {
    if (name === 'all') return [...OUTPUT_FORMATS];
    if (!isOutputFormat(name)) throw unknownFormat(name);
    if (!formats.includes(name)) formats.push(name);
  }
  return formats;
}

function unknownFormat(name: string): TranscribeError {
  return new TranscribeError(
    'USAGE',
    `unknown output format (${name}): choose ${OUTPUT_FORMATS.slice(0, -1).join(', ')}, ${OUTPUT_FORMATS.at(-1)} or all`,
    { hint: 'give one format or a comma-separated list, e.g. --format srt,vtt' },
  );
}
