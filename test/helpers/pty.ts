// Runs the built CLI in a pseudo-terminal (util-linux `script`), so stdout and stderr share one
// terminal as they do for a person, and gives the screen that terminal would show (test/helpers/
// screen.ts turns the bytes into lines). Input written to the pty arrives as keystrokes: `\x03`
// is a real Ctrl-C, delivered by the terminal to the whole foreground process group.
import { spawn, spawnSync } from 'node:child_process';
import { CLI_PATH, cleanEnv, REPO_ROOT } from './run-cli.js';
import { Screen } from './screen.js';

export const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

export interface PtyRun {
  /** The screen as it is now. */
  screen(): string[];
  /** Types into the terminal. */
  type(keys: string): void;
  /** Resolves once the screen satisfies `test`; rejects with the screen after `timeoutMs`. */
  waitFor(test: (lines: string[]) => boolean, timeoutMs?: number): Promise<string[]>;
  /** The exit code of the CLI (the shell in the pty passes it on). */
  exited: Promise<number | null>;
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

export function runInPty(
  args: string[],
  size: { columns: number; rows: number },
  options: { cwd?: string } = {},
): PtyRun {
  const command = `stty cols ${size.columns} rows ${size.rows}; exec ${quote(process.execPath)} ${quote(CLI_PATH)} ${args.map(quote).join(' ')}`;
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: options.cwd ?? REPO_ROOT,
    env: cleanEnv({ TERM: 'xterm-256color', COLUMNS: undefined, LINES: undefined }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let bytes = '';
  const waiters = new Set<() => void>();
  child.stdout.setEncoding('utf8').on('data', (data: string) => {
    bytes += data;
    for (const wake of waiters) wake();
  });
  child.stderr.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  void exited.then(() => {
    for (const wake of waiters) wake();
  });
  let done = false;
  void exited.then(() => (done = true));
  const screen = () => new Screen({ columns: size.columns }).write(bytes).lines;

  return {
    screen,
    type: (keys) => void child.stdin.write(keys),
    exited,
    waitFor(test, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const lines = screen();
          if (test(lines)) {
            cleanup();
            resolve(lines);
          } else if (done) {
            cleanup();
            reject(new Error(`the program ended before the screen showed what was awaited:\n${lines.join('\n')}`));
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          child.kill('SIGKILL');
          reject(new Error(`timed out waiting for the screen:\n${screen().join('\n')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
