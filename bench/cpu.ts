// Client CPU beside the plain client at a pace where both wake once per chunk, as at 1× real time.
// At 100× a 40 ms chunk is due every 0.4 ms, below Node's 1 ms timer tick, and both send a tick's
// worth of chunks per wake-up: a pace nobody transcribes at. At 10× (4 ms a chunk) both pace chunk
// by chunk.
import { CLEAN, runWorker } from './compare.js';
import type { StartService } from './service.js';
import { formatTable } from './table.js';
import type { ClientKind, RunResult } from './worker.js';

export interface CpuOptions {
  hours: number;
  speed: number;
  runs: number;
  seed: number;
  startService: StartService;
  log: (line: string) => void;
}

export interface CpuRow extends RunResult {
  name: string;
  speed: number;
}

export async function runCpu(o: CpuOptions): Promise<CpuRow[]> {
  const rows: CpuRow[] = [];
  for (let run = 0; run < o.runs; run++) {
    for (const client of ['tool', 'plain'] as const satisfies readonly ClientKind[]) {
      o.log(`CPU at pace, ${client}: ${o.hours} h of audio at ${o.speed}× (run ${run + 1} of ${o.runs})`);
      const service = await o.startService({ timeScale: o.speed, seed: o.seed, faults: CLEAN });
      try {
        const result = await runWorker({
          client,
          url: service.url,
          key: service.key,
          ...(service.caPath === undefined ? {} : { caPath: service.caPath }),
          hours: o.hours,
          seed: o.seed,
          speed: o.speed,
        });
        rows.push({ ...result, name: client === 'tool' ? 'this tool' : 'plain client', speed: o.speed });
      } finally {
        await service.close();
      }
    }
  }
  return rows;
}

const perHour = (r: RunResult) => (r.cpuSec / Math.max(r.inputSec, 1)) * 3600;

/** This tool's CPU per audio hour over the plain client's, from the runs' totals. */
export function cpuRatio(rows: readonly CpuRow[]): number {
  const total = (client: ClientKind) =>
    rows
      .filter((r) => r.client === client)
      .reduce((sum, r) => ({ cpu: sum.cpu + r.cpuSec, sec: sum.sec + r.inputSec }), {
        cpu: 0,
        sec: 0,
      });
  const tool = total('tool');
  const plain = total('plain');
  return tool.cpu / Math.max(tool.sec, 1) / (plain.cpu / Math.max(plain.sec, 1));
}

export function cpuTable(rows: readonly CpuRow[]): string {
  return formatTable(
    ['run', 'speed', 'audio s', 'sent s', 'wall s', 'CPU s', 'CPU s/audio h', 'recovered'],
    rows.map((r) => [
      r.name,
      `${r.speed}×`,
      r.inputSec.toFixed(0),
      r.sentSec.toFixed(0),
      r.wallSec.toFixed(1),
      r.cpuSec.toFixed(2),
      perHour(r).toFixed(1),
      `${r.recovered}/${r.sentences}`,
    ]),
  );
}
