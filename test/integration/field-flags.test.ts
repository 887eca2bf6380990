// The flags of the service's newer fields and of the output layout, refused as a user meets them:
// the built CLI prints one line naming the flag (and the model, for a knob the model does not
// take) and a hint, and exits 2 before it connects to anything (nothing listens on the endpoint).
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/run-cli.js';

const DEMO = 'fixtures/tonecode-demo.wav';
// Port 9 (discard): nothing answers; a usage error must come before any connection is tried.
const SERVICE = ['--endpoint', 'http://127.0.0.1:9', '--api-key', 'k-12345678', '--deployment', 'd'];

function expectUsage(result: CliResult, line: string, hint: string): void {
  expect(result.stderr.split('\n').slice(0, 2), result.stderr).toEqual([`realtime-transcribe: ${line}`, `hint: ${hint}`]);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
}

describe('subtitle layout flags', () => {
  it('--max-line-width out of range', async () => {
    expectUsage(
      await runCli([DEMO, ...SERVICE, '-f', 'srt', '--max-line-width', '5']),
      '--max-line-width takes a whole number from 10 to 1000 (5)',
      'for example --max-line-width 32',
    );
  });

  it('--max-lines out of range', async () => {
    expectUsage(
      await runCli([DEMO, ...SERVICE, '-f', 'vtt', '--max-lines', '0']),
      '--max-lines takes a whole number from 1 to 10 (0)',
      'for example --max-lines 1',
    );
  });

  it('layout flags with no subtitle format', async () => {
    expectUsage(
      await runCli([DEMO, ...SERVICE, '-f', 'txt,tsv', '-o', '/tmp/never', '--max-lines', '1']),
      '--max-lines lay out subtitles, but --format is txt,tsv',
      'add srt or vtt to --format, e.g. --format srt',
    );
  });
});
