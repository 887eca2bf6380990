// The errors table of docs/cli.md has a row for each message a newcomer meets first.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';

let rows: string[];
beforeAll(async () => {
  const cli = await readFile(join(REPO_ROOT, 'docs', 'cli.md'), 'utf8');
  const table = cli.slice(
    cli.indexOf('| Message (after `realtime-transcribe: `)'),
    cli.indexOf('A reader of stdout that goes away'),
  );
  rows = table.split('\n').filter((line) => line.startsWith('| `'));
});

describe('the errors table of docs/cli.md', () => {
  it.each([
    'cannot decode input (PATH): ffmpeg says "…"',
    'cannot write output (PATH): ENOENT no such file or directory',
    'cannot write output (PATH): ENOSPC no space left on device',
    '--input-format FMT needs --sample-rate (none given)',
    'not an audio file (stdin): ffmpeg says "Invalid data found when processing input"',
    'several formats cannot share one device (PATH): …',
    '--keywords is taken only by gpt-transcribe and gpt-live-transcribe, not by MODEL',
    '--max-lines lays out subtitles, but --format is txt',
  ])('has %s', (message) => {
    expect(rows.some((row) => row.startsWith(`| \`${message}\``))).toBe(true);
  });

  it('names the corrupt-file case ("Could not seek") and says it is not a missing directory for /proc', () => {
    expect(rows.find((row) => row.includes('cannot decode input'))).toContain('Could not seek to 6023.');
    expect(rows.find((row) => row.includes('ENOENT'))).toContain('/proc');
  });
});
