// This tool beside the plain client, on the same input under the same fault profiles, each run in
// its own process against its own emulator (same seed: the same drop plan per session number).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ClientKind, RunResult, RunSpec } from './worker.js';
import type { FaultProfile, StartService } from './service.js';
import { formatTable } from './table.js';

export interface CompareOptions {
  hours: number;
  speed: number;
  /** Parallel spans go slower: at 100× their runs would last a second or two. */
  spansSpeed: number;
  parallel: number;
  clients?: string[] | undefined;
  seed: number;
  startService: StartService;
  log: (line: string) => void;
}

export interface CompareRow extends RunResult {
  name: string;
  speed: number;
  faults: string;
  service: Record<string, number>;
}

export const CLEAN: FaultProfile = { name: 'no faults' };
// Drops every 2–6 minutes of audio: the service's clock runs at the client's speed.
export const DROPS: FaultProfile = { name: 'drops 2–6 min', dropBetweenMs: [120_000, 360_000] };

const PLAN: { name: string; client: ClientKind; faults: FaultProfile }[] = [
  { name: 'this tool', client: 'tool', faults: CLEAN },
  { name: 'plain client', client: 'plain', faults: CLEAN },
  { name: 'this tool', client: 'tool', faults: DROPS },
  { name: 'plain client', client: 'plain', faults: DROPS },
  { name: 'plain, one session', client: 'plain-once', faults: DROPS },
  { name: 'skip + parallel spans', client: 'spans', faults: CLEAN },
  { name: 'skip + parallel spans', client: 'spans', faults: DROPS },
];

export async function runCompare(o: CompareOptions): Promise<CompareRow[]> {
  const rows: CompareRow[] = [];
  for (const step of PLAN.filter((s) => !o.clients || o.clients.includes(s.client))) {
    const speed = step.client === 'spans' ? o.spansSpeed : o.speed;
    o.log(`${step.name}, ${step.faults.name}: ${o.hours} h of audio at ${speed}×`);
    const service = await o.startService({ timeScale: speed, seed: o.seed, faults: step.faults });
    const spec = {
      client: step.client,
      url: service.url,
      key: service.key,
      ...(service.caPath === undefined ? {} : { caPath: service.caPath }),
      hours: o.hours,
      seed: o.seed,
      speed,
      parallel: o.parallel,
      journal: step.client === 'tool',
    };
    const outcome = await runWorker(spec).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    const stats = await service.close();
    if (!('result' in outcome)) throw outcome.error;
    const result = outcome.result;
    rows.push({
      ...result,
      name: step.client === 'spans' ? `${step.name}, ${result.spans}×` : step.name,
      faults: step.faults.name,
      speed,
      service: stats,
    });
  }
  return rows;
}

export function runWorker(spec: RunSpec): Promise<RunResult> {
  const worker = fileURLToPath(new URL('./worker.js', import.meta.url));
  const flags = spec.heapEveryMs ? ['--expose-gc'] : [];
  // NODE_EXTRA_CA_CERTS is read when a process starts: the worker's clients, the tool's and the
  // SDK's alike, trust the emulator's certificate from their first connection.
  const env = spec.caPath === undefined ? process.env : { ...process.env, NODE_EXTRA_CA_CERTS: spec.caPath };
  const child = spawn(process.execPath, [...flags, worker, JSON.stringify(spec)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env,
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (out += text));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(last) as RunResult);
      } catch {
        reject(new Error(`bench worker exited with ${code}: ${out}`));
      }
    });
  });
}

// The journal figures of the tool's runs, per audio hour.
export function journalTable(rows: readonly CompareRow[]): string {
  const perHour = (n: number, r: CompareRow) =>
    ((n / r.inputSec) * 3600).toFixed(r === undefined ? 0 : n < 100 ? 1 : 0);
  const out: string[][] = [];
  for (const r of rows) {
    if (!r.journal) continue;
    for (const [when, f] of [
      ['before', r.journal.before],
      ['after', r.journal.after],
    ] as const) {
      out.push([`${r.faults}, ${when}`, perHour(f.writes, r), perHour(f.fsyncs, r), perHour(f.blockedMs, r)]);
    }
  }
  return formatTable(['checkpoint journal', 'writes/audio h', 'fsyncs/audio h', 'ms on the event loop/audio h'], out);
}

export function compareTable(rows: readonly CompareRow[]): string {
  const header = [
    'run',
    'faults',
    'speed',
    'audio s',
    'speech s',
    'sent s',
    'wall s',
    'limit s',
    'RTF',
    'CPU s/audio h',
    'peak RSS MB',
    'jitter p50/p99 ms',
    'up B/audio s',
    'recovered',
    'exact',
    'sessions',
    'drops',
  ];
  return formatTable(
    header,
    rows.map((r) => [
      r.name,
      r.faults,
      `${r.speed}×`,
      r.audioSec.toFixed(0),
      r.speechSec.toFixed(0),
      r.sentSec.toFixed(0),
      r.wallSec.toFixed(1),
      // What real-time pacing allows: the audio sent, shared by the sessions, at the speed.
      (r.sentSec / (r.spans ?? 1) / r.speed).toFixed(1),
      `${(r.inputSec / r.wallSec).toFixed(1)}×`,
      ((r.cpuSec / Math.max(r.inputSec, 1)) * 3600).toFixed(1),
      r.peakRssMb.toFixed(0),
      `${r.jitterP50Ms.toFixed(2)}/${r.jitterP99Ms.toFixed(2)}`,
      (r.upBytes / Math.max(r.inputSec, 1)).toFixed(0),
      `${r.recovered}/${r.sentences} (${((100 * r.recovered) / r.sentences).toFixed(1)}%)`,
      r.exact ? 'yes' : 'no',
      String(r.sessions),
      String(r.service.drops ?? 0),
    ]),
  );
}
