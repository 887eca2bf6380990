// A fresh clone, linked the way the README says, gives a working command on PATH. `npm link`
// runs the clone's prepare step before anything is installed there: it must install and build,
// not fail with "tsc: not found". (It clones the committed HEAD of this repository.)
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, REPO_ROOT } from '../helpers/run-cli.js';

const run = promisify(execFile);
const hasGit = existsSync(join(REPO_ROOT, '.git'));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-link-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!hasGit)('a fresh clone', () => {
  it('npm link, with nothing installed first, puts a working realtime-transcribe on PATH', async () => {
    const clone = join(dir, 'clone');
    const prefix = join(dir, 'prefix');
    await run('git', ['clone', '--quiet', REPO_ROOT, clone]);
    expect(existsSync(join(clone, 'node_modules'))).toBe(false);
    // A private global prefix: the link goes there, not into the machine's own.
    await run('npm', ['link', '--no-audit', '--no-fund'], {
      cwd: clone,
      env: cleanEnv({ NPM_CONFIG_PREFIX: prefix }),
      maxBuffer: 1 << 24,
    });
    const bin = join(prefix, 'bin', 'realtime-transcribe');
    const { stdout } = await run(bin, ['--version'], { env: cleanEnv() });
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const demo = await run(bin, ['--local', '--speed', '20', '-q', join(clone, 'fixtures', 'tonecode-demo.wav')], {
      env: cleanEnv(),
    });
    expect(demo.stdout.split('\n')[0]).toBe('Alpha alpha alpha hotel lotus.');
  }, 300_000);
});
