// What the built CLI says for mistakes a newcomer makes first: exact lines and exit codes.
import { existsSync } from 'node:fs';
import { mulberry32 } from '../../src/util/random.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

describe('headerless input flags', () => {
  it('--input-format without --sample-rate names the missing flag', async () => {
    const result = await runCli(['-', '--input-format', 's16le']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'realtime-transcribe: --input-format s16le needs --sample-rate (none given)\n' +
        'hint: add the rate the audio was recorded at, e.g. --input-format s16le --sample-rate 16000\n',
    );
  });

  it('raw PCM on stdin with no flags: the hint names the flags to add', async () => {
    // Noise from a fixed seed: random bytes from a new seed each run were, now and then, taken by
    // ffmpeg's probe for a video stream ("a video without a sound track"), another message.
    const random = mulberry32(7);
    const noise = Buffer.from(Array.from({ length: 48_000 }, () => Math.floor(random() * 256)));
    const result = await runCli(['--local', '-'], { stdin: noise });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'hint: if stdin carries raw PCM (e.g. arecord -t raw), describe it: --input-format s16le|f32le|mulaw --sample-rate HZ (and --channels N if not 1)\n',
    );
  }, 60_000);
});

describe('--jobs', () => {
  it('0 is refused for one file as for a directory', async () => {
    const result = await runCli(['--jobs', '0', 'fixtures/tonecode-demo.wav']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'realtime-transcribe: --jobs takes a whole number from 1 to 64 (0)\nhint: see realtime-transcribe --help\n',
    );
  });
});

describe('tonecode', () => {
  it('is among the commands in --help', async () => {
    const result = await runCli(['--help']);
    const commands = result.stdout.slice(result.stdout.indexOf('Commands:'), result.stdout.indexOf('Examples:'));
    expect(commands).toMatch(/^ {2}tonecode +write a tonecode test signal/m);
  });

  it('--help points to its spec, a file that exists in the package', async () => {
    const result = await runCli(['tonecode', '--help']);
    expect(result.code).toBe(0);
    const spec = /The spec: (\S+)/.exec(result.stdout)?.[1];
    expect(spec, result.stdout).toMatch(/docs\/tonecode\.md$/);
    expect(existsSync(spec!)).toBe(true);
  });
});
