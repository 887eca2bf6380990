// Peak RSS against input length: the same run on 1 hour and on 10 hours of input generated on the
// fly (never stored). Bounded memory means the two peaks are about equal.
import { runWorker } from './compare.js';
import type { RunResult } from './worker.js';
import type { StartService } from './service.js';
import { CLEAN } from './compare.js';
import { formatTable } from './table.js';

export interface MemoryOptions {
  hours: readonly number[];
  speed: number;
  seed: number;
  startService: StartService;
  log: (line: string) => void;
}

export interface MemoryRow extends RunResult {
  hours: number;
}

export async function runMemory(o: MemoryOptions): Promise<MemoryRow[]> {
  const rows: MemoryRow[] = [];
  for (const hours of o.hours) {
    o.log(`memory: this tool, ${hours} h of audio at ${o.speed}×`);
    const service = await o.startService({ timeScale: o.speed, seed: o.seed, faults: CLEAN });
    try {
      // 100 ms appends (the most the tool takes): at 40 ms the pacer's timers, not the machine,
      // cap a run near 35× (see the compare table), and ten hours would take twenty minutes.
      // Memory does not depend on the append size.
      // The live heap after a full GC, every 5 s: peak RSS alone moves ±20 MB with when V8 chose
      // to collect; the live heap says whether anything is kept that grows with the input.
      const spec = {
        client: 'tool' as const,
        url: service.url,
        key: service.key,
        ...(service.caPath === undefined ? {} : { caPath: service.caPath }),
        hours,
        seed: o.seed,
        speed: o.speed,
        chunkMs: 100,
        heapEveryMs: 5000,
      };
      rows.push({ ...(await runWorker(spec)), hours });
    } finally {
      await service.close();
    }
  }
  return rows;
}

function heapLine(mb: readonly number[]): string {
  if (mb.length === 0) return '-';
  return [mb[0], mb[Math.floor(mb.length / 2)], mb.at(-1)].map((m) => (m ?? NaN).toFixed(1)).join(', ');
}

export function memoryTable(rows: readonly MemoryRow[]): string {
  return formatTable(
    [
      'input',
      'audio s',
      'wall s',
      'peak RSS MB',
      'live heap MB: first, middle, last',
      'CPU s/audio h',
      'recovered',
      'exact',
    ],
    rows.map((r) => [
      `${r.hours} h`,
      r.audioSec.toFixed(0),
      r.wallSec.toFixed(1),
      r.peakRssMb.toFixed(1),
      heapLine(r.liveHeapMb ?? []),
      ((r.cpuSec / r.inputSec) * 3600).toFixed(1),
      `${r.recovered}/${r.sentences}`,
      r.exact ? 'yes' : 'no',
    ]),
  );
}
