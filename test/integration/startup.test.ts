// Start-up loads only what the command needs: the certificate stack (`selfsigned` and what it
// pulls in) is for `emulate --tls` alone, and the proxy agent for a run behind a proxy, so
// `--help` and `--version` load neither.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_PATH, cleanEnv } from '../helpers/run-cli.js';

const run = promisify(execFile);
let dir: string;
let hook: string;

// Preloaded into the CLI's process: on exit, prints the CommonJS packages it loaded (selfsigned is CommonJS, so an ESM
// import of it lands in require.cache too).
const HOOK = `process.on('exit', () => {
  const names = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file);
    if (m) names.add(m[1].replace(/\\\\/g, '/'));
  }
  process.stderr.write('loaded: ' + [...names].sort().join(' ') + '\\n');
});`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-startup-'));
  hook = join(dir, 'hook.cjs');
  await writeFile(hook, HOOK);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loaded(args: string[]): Promise<string[]> {
  const { stderr } = await run(process.execPath, ['--require', hook, CLI_PATH, ...args], {
    env: cleanEnv(),
    timeout: 60_000,
  });
  const line = stderr.split('\n').find((l) => l.startsWith('loaded: '));
  expect(line).toBeDefined();
  return line!.slice('loaded: '.length).split(' ');
}

describe('start-up', () => {
  it('--help and --version load neither the TLS certificate stack nor the proxy agent', async () => {
    for (const args of [['--help'], ['--version']]) {
      const packages = await loaded(args);
      expect(packages).not.toContain('selfsigned');
      // https-proxy-agent is ESM (unseen in require.cache); `debug` is its CommonJS dependency.
      expect(packages).not.toContain('debug');
    }
  }, 60_000);

  it('emulate --help does not load it; emulate --tls does (so the check above would see it)', async () => {
    expect(await loaded(['emulate', '--help'])).not.toContain('selfsigned');
    const child = spawn(process.execPath, ['--require', hook, CLI_PATH, 'emulate', '--tls'], { env: cleanEnv() });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    // Stopped once it serves (its banner names the certificate), not after some time.
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (!child.killed && /^cert: /m.test(stdout)) child.kill('SIGINT'); // once: a second one ends it at once
    });
    await closed;
    expect(stderr).toMatch(/^loaded: .*\bselfsigned\b/m);
  }, 60_000);
});
