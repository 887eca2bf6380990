// The package as users get it: packed, installed into an empty project from the tarball, its
// binary and its three entry points used from there.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, REPO_ROOT } from '../helpers/run-cli.js';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-package-'));
  // dist/ was built by `npm test`; packing again needs no build.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], { cwd: REPO_ROOT });
  const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module' }));
  await run('npm', ['install', '--no-audit', '--no-fund', join(dir, filename!)], { cwd: dir, env: cleanEnv() });
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the installed package', () => {
  it('its binary transcribes the demo with the built-in emulator', async () => {
    const bin = join(dir, 'node_modules', '.bin', 'realtime-transcribe');
    const { stdout } = await run(bin, ['--local', '--speed', '20', join(REPO_ROOT, 'fixtures', 'tonecode-demo.wav')], { cwd: dir, env: cleanEnv() });
    const expected = await readFile(join(REPO_ROOT, 'fixtures', 'tonecode-demo.txt'), 'utf8');
    const normalize = (text: string) => text.toLowerCase().replace(/[^a-z\n ]/g, '').trim();
    expect(normalize(stdout)).toBe(normalize(expected));
  }, 60_000);

  it('tonecode --help points to its spec, shipped in the package', async () => {
    const bin = join(dir, 'node_modules', '.bin', 'realtime-transcribe');
    const { stdout } = await run(bin, ['tonecode', '--help'], { cwd: dir, env: cleanEnv() });
    const spec = /The spec: (\S+)/.exec(stdout)?.[1];
    expect(spec).toBe(join(await realpath(join(dir, 'node_modules', 'realtime-transcribe')), 'docs', 'tonecode.md'));
    expect(await readFile(spec!, 'utf8')).toContain('# Tonecode');
  }, 60_000);

  it('exports the library, the emulator and tonecode with their types', async () => {
    const script = [
      "const lib = await import('realtime-transcribe');",
      "const emu = await import('realtime-transcribe/emulator');",
      "const tone = await import('realtime-transcribe/tonecode');",
      "console.log(typeof lib.transcribe, typeof emu.startEmulator, tone.sentenceText(0));",
    ].join(' ');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env: cleanEnv() });
    expect(stdout.trim()).toBe('function function alpha alpha alpha hotel lotus');
    const types = await readFile(join(dir, 'node_modules', 'realtime-transcribe', 'dist', 'index.d.ts'), 'utf8');
    expect(types).toContain('export declare function transcribe(');
  }, 60_000);
});
