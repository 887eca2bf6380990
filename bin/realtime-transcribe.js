#!/usr/bin/env node
// Runs the built CLI (dist/ is built on install by the `prepare` script).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
