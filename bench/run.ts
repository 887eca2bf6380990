// `npm run bench`: the numbers behind the claims, measured on this machine. Prints tables and
// writes them as JSON; asserts nothing (the machine is shared and noisy: numbers go in notes,
// not in tests).
//
//   npm run bench                      this tool beside the plain client, 1 h, with and without drops
//   npm run bench -- memory            peak RSS on 1 h and 10 h of input (heavier: ~5 min)
//   npm run bench -- decode            ffmpeg's CPU per audio hour
//   npm run bench -- summary           the heap of a caller awaiting only the summary, 1 h and 3 h
//   npm run bench -- all --hours 2 --speed 50 --json out.json
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBenchArgs } from './args.js';
import { compareTable, journalTable, runCompare } from './compare.js';
import { cpuRatio, cpuTable, runCpu } from './cpu.js';
import { decodeTable, runDecode } from './decode.js';
import { memoryTable, runMemory } from './memory.js';
import { startEmulatorProcess } from './service.js';

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const results: Record<string, unknown> = {
    args,
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
  };
  const dir = await mkdtemp(join(tmpdir(), 'rt-bench-'));
  try {
    if (args.sections.includes('compare')) {
      const rows = await runCompare({ ...args, startService: startEmulatorProcess, log });
      process.stdout.write(
        `\nthis tool beside a plain client (${args.hours} h of varied-pause tonecode)\n${compareTable(rows)}`,
      );
      if (rows.some((r) => r.journal)) process.stdout.write(`\n${journalTable(rows)}`);
      results.compare = rows;
    }
    if (args.sections.includes('cpu')) {
      const rows = await runCpu({
        hours: args.cpuHours,
        speed: args.cpuSpeed,
        runs: args.cpuRuns,
        seed: args.seed,
        startService: startEmulatorProcess,
        log,
      });
      const ratio = cpuRatio(rows);
      process.stdout.write(
        `\nclient CPU at a chunk-by-chunk pace (${args.cpuHours} h at ${args.cpuSpeed}×, no faults)\n${cpuTable(rows)}` +
          `this tool / plain client, CPU per audio hour: ${ratio.toFixed(2)}×\n`,
      );
      results.cpu = { rows, ratio };
    }
    if (args.sections.includes('memory')) {
      const rows = await runMemory({
        hours: args.memoryHours,
        speed: args.memorySpeed,
        seed: args.seed,
        startService: startEmulatorProcess,
        log,
      });
      process.stdout.write(`\npeak RSS against input length (${args.memorySpeed}×)\n${memoryTable(rows)}`);
      results.memory = rows;
    }
    if (args.sections.includes('summary')) {
      // Each in a process of its own, with --expose-gc, so the heap sampled is live memory.
      const lines: string[] = [];
      for (const sentences of [1500, 4500]) {
        for (const mode of ['summary-only', 'collect-all']) {
          log(`summary memory: ${sentences} sentences, ${mode}`);
          lines.push(await summaryMemoryRun(sentences, mode));
        }
      }
      process.stdout.write(
        `\nheap of a run, by what its caller keeps (virtual clock, in-process emulator)\n${lines.join('\n')}\n`,
      );
      results.summary = lines;
    }
    if (args.sections.includes('decode')) {
      const rows = await runDecode(dir, args.decodeHours, args.seed, log);
      process.stdout.write(`\nffmpeg decoding\n${decodeTable(rows)}`);
      results.decode = rows;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await writeFile(args.json, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\nwritten: ${args.json}\n`);
}

function summaryMemoryRun(sentences: number, mode: string): Promise<string> {
  const script = fileURLToPath(new URL('./summary-memory.js', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', script, String(sentences), mode], (error, stdout) =>
      error ? reject(error) : resolve(stdout.trim()),
    );
  });
}

await main();
