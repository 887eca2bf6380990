#!/usr/bin/env node
// Runs the built CLI (dist/ is built on install by the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
// A clone linked with its install scripts skipped has no dist/: say what to run, not a stack trace.
if (!existsSync(entry)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    `realtime-transcribe: the command is not built (no ${fileURLToPath(entry)})\nhint: run npm ci in ${root} (it installs and builds), then try again\n`,
  );
  process.exit(1);
}
const { main } = await import(entry.href);

// The reader of stdout went away (`| head`): there is no one left to transcribe for.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
