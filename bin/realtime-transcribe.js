#!/usr/bin/env node
// Runs the built CLI (dist/ is built on install by the `prepare` script).
import { main } from '../dist/cli/main.js';

// The reader of stdout went away (`| head`): there is no one left to transcribe for.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
