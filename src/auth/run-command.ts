// Runs the user's token command. A string runs through the platform shell exactly as given, the
// way git runs a `!` credential helper: it is the user's own command line, as trusted as what
// they type at their prompt, and pipelines (`az … | jq -r .accessToken`) are what people need.
// Nothing is ever added to or interpolated into it. An argv array (library use) runs without a
// shell, for callers who build the command from values of their own.
import { spawn } from 'node:child_process';

export interface CommandResult {
  /** Exit status, or null when a signal ended it. */
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export type RunCommand = (
  command: string | readonly string[],
  options: { timeoutMs: number; env?: NodeJS.ProcessEnv },
) => Promise<CommandResult>;

// A token is a few KB; more is not a token, and must not fill memory.
const MAX_STDOUT_BYTES = 256 * 1024;
const MAX_STDERR_BYTES = 16 * 1024;

export const runCommand: RunCommand = (command, options) =>
  new Promise((resolve) => {
    const [file, args, shell] =
      typeof command === 'string' ? [command, [], true] : [command[0] ?? '', command.slice(1), false];
    const child = spawn(file, args, {
      shell,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? process.env,
      windowsHide: true,
    });
    const out = collect(child.stdout, MAX_STDOUT_BYTES);
    const err = collect(child.stderr, MAX_STDERR_BYTES);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    let settled = false;
    const finish = (result: CommandResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    // A program that could not be started (argv form: not found, not executable) never closes.
    child.once('error', (error) => finish({ status: 127, signal: null, stdout: '', stderr: error.message, timedOut }));
    child.once('close', (status, signal) => finish({ status, signal, stdout: out(), stderr: err(), timedOut }));
  });

function collect(stream: NodeJS.ReadableStream, max: number): () => string {
  const chunks: Buffer[] = [];
  let size = 0;
  stream.on('data', (chunk: Buffer) => {
    if (size >= max) return;
    chunks.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
