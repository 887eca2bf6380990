// --help and --version of the built CLI: what a newcomer reads first.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../helpers/run-cli.js';

describe('--help', () => {
  let help: string;
  beforeAll(async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    help = result.stdout;
  });

  it('shows an example for each way to run it: a file, a pipe from arecord, a directory, and the emulator', () => {
    const examples = help.slice(help.indexOf('Examples:'));
    expect(examples).toMatch(/\$ realtime-transcribe \S+\.wav > \S+\.txt/);
    expect(examples).toMatch(/\$ arecord .*\| realtime-transcribe -(\s|$)/m);
    expect(examples).toMatch(/\$ realtime-transcribe \S+\/ .*-o \S+\//);
    expect(examples).toMatch(/\$ realtime-transcribe --local \S+/);
    expect(examples).toMatch(/\$ realtime-transcribe emulate /);
    expect(examples).toMatch(/\$ realtime-transcribe --dry-run /);
  });

  it('gives every option that takes a value its default, its environment variable, or when it is required', () => {
    const options = help.slice(help.indexOf('Options:'), help.indexOf('Commands:'));
    // An entry starts with a flag at column 2; its description may wrap onto indented lines.
    const entries = options.split(/\n(?= {2}-)/).slice(1);
    const withValue = entries.filter((entry) => /^ {2}(?:-\w, )?--[\w-]+ </.test(entry));
    expect(withValue.length).toBeGreaterThan(25);
    for (const entry of withValue) {
      const text = entry.replace(/\s+/g, ' ');
      expect(text, entry).toMatch(/\((?:[^()]*, )?default: |\(env: |\(required /);
    }
  });

  it('names the environment variables each credential option reads', () => {
    const text = help.replace(/\s+/g, ' ');
    expect(text).toContain('(env: AZURE_OPENAI_ENDPOINT)');
    expect(text).toContain('(env: AZURE_OPENAI_API_KEY, or OPENAI_API_KEY for OpenAI)');
    expect(text).toContain('(env: AZURE_OPENAI_DEPLOYMENT)');
    expect(text).toContain('(env: AZURE_OPENAI_AD_TOKEN)');
    expect(text).toContain('(env: FFMPEG_PATH)');
    expect(text).toContain('(env: NO_COLOR;');
  });

  it('lists the exit codes', () => {
    expect(help).toContain(
      'Exit codes: 0 ok, 1 failed, 2 usage error, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).',
    );
  });
});

describe('--version', () => {
  it('prints the package version and nothing else', async () => {
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${pkg.version}\n`);
      expect(result.stderr).toBe('');
    }
  });
});
