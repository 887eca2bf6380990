import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/errors.js';
import type { CommandResult, RunCommand } from '../../src/auth/run-command.js';
import { parseTokenOutput, tokenCommandSource } from '../../src/auth/token-command.js';

describe('parseTokenOutput', () => {
  it.each<[string, ReturnType<typeof parseTokenOutput>]>([
    ['eyJ0eXAi.abc.def\n', { token: 'eyJ0eXAi.abc.def' }],
    ['  tok-1  \nsecond line\n', { token: 'tok-1' }],
    ['Bearer tok-2\n', { token: 'tok-2' }],
    ['{"access_token":"tok-3","expires_on":1764579600}', { token: 'tok-3', expiresAtMs: 1_764_579_600_000 }],
    // What `az account get-access-token` prints: expires_on as digits, expiresOn local and zone-less.
    [
      '{"accessToken":"tok-4","expiresOn":"2026-12-01 10:00:00.000000","expires_on":"1764583200","tokenType":"Bearer"}',
      { token: 'tok-4', expiresAtMs: 1_764_583_200_000 },
    ],
    ['{"accessToken":"tok-5","expiresOn":"2026-12-01 10:00:00.000000"}', { token: 'tok-5', expiresAtMs: undefined }],
    [
      '{"accessToken":"tok-6","expiresOn":"2026-12-01T10:00:00Z"}',
      { token: 'tok-6', expiresAtMs: Date.UTC(2026, 11, 1, 10) },
    ],
    ['', { error: 'printed no token' }],
    ['\n\n', { error: 'printed no token' }],
    ['{"token_type":"Bearer"}', { error: 'printed JSON without an access_token or accessToken field' }],
    ['{not json', { error: 'printed something that starts like JSON but is not JSON' }],
  ])('%j', (stdout, parsed) => {
    expect(parseTokenOutput(stdout)).toEqual(parsed);
  });
});

// A runner that answers from a script, counting its runs.
function fakeRunner(answers: Partial<CommandResult>[]): RunCommand & { runs: number } {
  const run = (async () => {
    const answer = answers[Math.min(run.runs, answers.length - 1)]!;
    run.runs++;
    return { status: 0, signal: null, stdout: '', stderr: '', timedOut: false, ...answer };
  }) as unknown as RunCommand & { runs: number };
  run.runs = 0;
  return run;
}

describe('tokenCommandSource: when the command runs', () => {
  it('reuses a token until it is older than the bound, by the injected clock', async () => {
    let now = 1_000_000;
    const run = fakeRunner([{ stdout: 't1\n' }, { stdout: 't2\n' }]);
    const source = tokenCommandSource({ command: 'x', maxAgeMs: 60_000, now: () => now, run });
    expect(await source.token()).toBe('t1');
    now += 59_999;
    expect(await source.token()).toBe('t1');
    now += 1;
    expect(await source.token()).toBe('t2');
    expect(run.runs).toBe(2);
  });

  it('runs again a minute before a stated expiry, even when younger than the bound', async () => {
    let now = Date.UTC(2026, 11, 1, 9, 0, 0);
    const expires = Math.floor(now / 1000) + 300; // in 5 minutes
    const run = fakeRunner([{ stdout: JSON.stringify({ access_token: 'j1', expires_on: expires }) }, { stdout: 'j2' }]);
    const source = tokenCommandSource({ command: 'x', maxAgeMs: 3_600_000, now: () => now, run });
    expect(await source.token()).toBe('j1');
    now += 239_999;
    expect(await source.token()).toBe('j1');
    now += 1;
    expect(await source.token()).toBe('j2');
  });

  it('runs again after invalidate() (a 401), and once for callers that ask together', async () => {
    const run = fakeRunner([{ stdout: 'a' }, { stdout: 'b' }]);
    const source = tokenCommandSource({ command: 'x', now: () => 0, run });
    const [one, two] = await Promise.all([source.token(), source.token()]);
    expect([one, two, run.runs]).toEqual(['a', 'a', 1]);
    source.invalidate();
    expect(await source.token()).toBe('b');
  });
});

describe('tokenCommandSource: failures name the exit status and stderr, never the token', () => {
  const fails = async (
    answer: Partial<CommandResult>,
    command: string | string[] = 'az account get-access-token --query accessToken',
  ) => {
    const source = tokenCommandSource({ command, now: () => 0, run: fakeRunner([answer]) });
    const error = await source.token().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TranscribeError);
    return error as TranscribeError;
  };

  it('a non-zero exit', async () => {
    const error = await fails({ status: 1, stderr: "\nERROR: Please run 'az login' to setup account.\nmore" });
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toBe(
      "`tokenCommand` (az) exited with status 1: ERROR: Please run 'az login' to setup account.",
    );
    expect(error.hint).toBe('run the command yourself to see what it needs (for az: az login)');
  });

  it('masks what the command printed on stdout if stderr repeats it', async () => {
    const error = await fails({ status: 2, stdout: 'secret-token-xyz\n', stderr: 'rejected secret-token-xyz' });
    expect(error.message).toBe('`tokenCommand` (az) exited with status 2: rejected ***');
  });

  it('a signal, a timeout, no output, a token with spaces', async () => {
    expect((await fails({ status: null, signal: 'SIGTERM' })).message).toBe(
      '`tokenCommand` (az) was stopped by SIGTERM',
    );
    expect((await fails({ status: null, signal: 'SIGKILL', timedOut: true })).message).toBe(
      '`tokenCommand` (az) did not finish in time and was stopped',
    );
    expect((await fails({ stdout: '' })).message).toBe('`tokenCommand` (az) printed no token');
    expect((await fails({ stdout: 'two words\n' }, ['/usr/bin/get-token', '--x'])).message).toBe(
      '`tokenCommand` (/usr/bin/get-token) printed a token with spaces or non-ASCII characters',
    );
  });
});

describe('tokenCommandSource: a real command', () => {
  let dir: string;
  let counter: string;
  let script: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'token command '));
    counter = join(dir, 'count');
    script = join(dir, 'print-token.mjs');
    await writeFile(
      script,
      [
        "import { readFileSync, writeFileSync } from 'node:fs';",
        'const [file, mode] = process.argv.slice(2);',
        "let n = 0; try { n = Number(readFileSync(file, 'utf8')); } catch {}",
        'n += 1; writeFileSync(file, String(n));',
        "if (mode === 'fail') { process.stderr.write('no credentials here\\n'); process.exit(3); }",
        'process.stdout.write(`token-${n}\\n`);',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the string through the shell, exactly as given (quoted paths with spaces)', async () => {
    let now = 0;
    const source = tokenCommandSource({
      command: `"${process.execPath}" "${script}" "${counter}"`,
      maxAgeMs: 1000,
      now: () => now,
    });
    expect(await source.token()).toBe('token-1');
    expect(await source.token()).toBe('token-1');
    now = 1000;
    expect(await source.token()).toBe('token-2');
    source.invalidate();
    expect(await source.token()).toBe('token-3');
  }, 60_000);

  it('runs an argv array without a shell', async () => {
    const source = tokenCommandSource({ command: [process.execPath, script, counter], now: () => 0 });
    expect(await source.token()).toMatch(/^token-\d+$/);
  }, 60_000);

  it('reports the exit status and stderr of a failing command', async () => {
    const source = tokenCommandSource({ command: [process.execPath, script, counter, 'fail'], now: () => 0 });
    await expect(source.token()).rejects.toThrow(
      `\`tokenCommand\` (${process.execPath}) exited with status 3: no credentials here`,
    );
  }, 60_000);

  it('reports a program that does not exist', async () => {
    const source = tokenCommandSource({ command: [join(dir, 'missing-program')], now: () => 0 });
    await expect(source.token()).rejects.toThrow(
      /^`tokenCommand` \(.*missing-program\) exited with status 127: spawn .*ENOENT$/,
    );
  }, 60_000);
});
