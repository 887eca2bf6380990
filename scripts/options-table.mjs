#!/usr/bin/env node
// `npm run docs:options`: writes the options table generated from src/run/option-table.ts into
// docs/cli.md, between its markers (test/cli/option-table.test.ts checks they agree). Reads the
// built dist/, so run it after `npm run build` (the npm script does both).
import { readFileSync, writeFileSync } from 'node:fs';

const DOC = new URL('../docs/cli.md', import.meta.url);
const { OPTIONS_TABLE_END, OPTIONS_TABLE_START, renderOptionsBlock } = await import('../dist/cli/option-docs.js');
const doc = readFileSync(DOC, 'utf8');
const start = doc.indexOf(OPTIONS_TABLE_START);
const end = doc.indexOf(OPTIONS_TABLE_END);
if (start < 0 || end < start) throw new Error(`docs/cli.md has no ${OPTIONS_TABLE_START} … ${OPTIONS_TABLE_END} block`);
writeFileSync(DOC, doc.slice(0, start) + renderOptionsBlock() + doc.slice(end + OPTIONS_TABLE_END.length));
