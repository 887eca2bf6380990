// An event log that cannot be written does not vanish in silence: one warning line, and the
// transcript is still written in full.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

describe('--log-events into a directory that does not exist', () => {
  it('warns once, and transcribes anyway', async () => {
    const result = await runCli([
      '--local',
      '--speed',
      '20',
      '--no-progress',
      '--log-events',
      '/no/dir/x',
      'fixtures/tonecode-demo.wav',
    ]);
    expect(result.code).toBe(0);
    const warnings = result.stderr.split('\n').filter((line) => line.startsWith('warning:'));
    expect(warnings).toEqual([
      "warning: the event log cannot be written (ENOENT: no such file or directory, open '/no/dir/x'); the run goes on without it",
    ]);
    const expected = await readFile(join(REPO_ROOT, 'fixtures', 'tonecode-demo.txt'), 'utf8');
    const words = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^a-z\n ]/g, '')
        .trim();
    expect(words(result.stdout)).toBe(words(expected));
  }, 60_000);
});
