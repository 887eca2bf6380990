// Runs the command's main() in this process, with stdout and stderr of its own and a clean
// environment: for what needs no process of its own, such as a usage or configuration error that is
// decided before anything is read or sent (the lines written and the exit code main() returns, which
// bin/realtime-transcribe.js makes the process's). What needs a process (signals, stdio, ffmpeg, a
// socket, the exit code as the shell sees it) goes through run-cli.ts.
import { Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import { cleanEnv, type CliResult } from './run-cli.js';

function capture(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  // A pipe, as a test's subprocess has: no TTY, so no colors and no bar.
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

export async function runMain(
  args: string[],
  { env = {} }: { env?: Record<string, string | undefined> } = {},
): Promise<CliResult> {
  const stdout = capture();
  const stderr = capture();
  const code = await main(args, { stdout: stdout.stream, stderr: stderr.stream, env: cleanEnv(env) });
  return { code, signal: null, stdout: stdout.text(), stderr: stderr.text() };
}
