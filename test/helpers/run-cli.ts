// Runs the built CLI as a subprocess, as users do: real process, real stdio, real exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI_PATH = fileURLToPath(new URL('../../bin/realtime-transcribe.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  env?: Record<string, string | undefined>;
  stdin?: Buffer | NodeJS.ReadableStream;
  timeoutMs?: number;
  cwd?: string;
  /** Called once the process has started, e.g. to send it a signal later. */
  onSpawn?: (child: import('node:child_process').ChildProcess) => void;
}

// Variables that would make a test talk to a real service (or through a real proxy) are removed.
const SCRUBBED = [
  'AZURE_OPENAI_ENDPOINT',
  'AZURE_OPENAI_API_KEY',
  'AZURE_OPENAI_DEPLOYMENT',
  'AZURE_OPENAI_AD_TOKEN',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'FORCE_COLOR',
  // A developer's own proxy would stand between the tests and their loopback emulators.
  ...['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY'].flatMap((name) => [name, name.toLowerCase()]),
];

export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of SCRUBBED) delete env[name];
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: cleanEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    options.onSpawn?.(child);
    const output = outputOf(child);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`CLI timed out after ${options.timeoutMs} ms\nargs: ${args.join(' ')}\nstderr: ${output.stderr()}`),
      );
    }, options.timeoutMs ?? 120_000);
    child.on('error', reject);
    void output.closed.then((result) => {
      clearTimeout(timer);
      resolve(result);
    });
    if (options.stdin === undefined) child.stdin.end();
    else if (Buffer.isBuffer(options.stdin)) child.stdin.end(options.stdin);
    else options.stdin.pipe(child.stdin);
    child.stdin.on('error', () => {}); // the CLI may exit before reading all of stdin
  });
}

/** A child's stdout and stderr as they come, and the whole result once it has closed. */
export function outputOf(child: ChildProcess): {
  stdout: () => string;
  stderr: () => string;
  closed: Promise<CliResult>;
} {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const closed = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { stdout: () => stdout, stderr: () => stderr, closed };
}

/**
 * Runs the CLI and sends it `signal` once `ready()` says the run has got far enough (polled every
 * `pollMs`, so nothing depends on how fast the machine is); rejects if it has not ended in 2 min.
 */
export function runCliUntil(
  args: string[],
  ready: () => boolean,
  { signal = 'SIGINT', pollMs = 50 }: { signal?: NodeJS.Signals; pollMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = outputOf(child);
    const poll = setInterval(() => {
      if (ready()) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, pollMs);
    const safety = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no ${signal} sent or no result in time\n${output.stderr()}`));
    }, 120_000);
    void output.closed.then((result) => {
      clearInterval(poll);
      clearTimeout(safety);
      resolve(result);
    });
  });
}
