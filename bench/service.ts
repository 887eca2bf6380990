// The service a bench run talks to. Today: the emulator in a process of its own, over a real
// loopback WebSocket, so its CPU and its event loop stay out of the client's figures. The seam is
// `StartService`: an in-process emulator on a virtual clock (`startInProcessEmulator({ clock })`
// → { connect, url, key, stats, close }) fits by returning its `connect` here; the bench then
// passes that to the tool, and counts the emulator's CPU as the client's unless it subtracts it.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Connect } from '../src/realtime/transport-types.js';

export interface FaultProfile {
  name: string;
  /** Drop each session at a random service time in this range (ms). */
  dropBetweenMs?: [number, number];
}

export interface ServiceOptions {
  /** Every service clock runs this many times faster (match it to the client's speed). */
  timeScale: number;
  seed: number;
  faults: FaultProfile;
}

export interface BenchService {
  url: string;
  key: string;
  /** The certificate to trust for a TLS `url` (the emulator's, made for the run). */
  caPath?: string;
  /** An in-process service's own connect; undefined: a WebSocket to `url`. */
  connect?: Connect;
  /** Whether its CPU is spent in the client's process. */
  inProcess: boolean;
  /** Stops it; resolves to its counters, e.g. `{ drops: 3, sessions: 9 }`. */
  close(): Promise<Record<string, number>>;
}

export type StartService = (options: ServiceOptions) => Promise<BenchService>;

/**
 * The emulator as `realtime-transcribe emulate --tls` in a child process: over TLS, because the
 * SDK's client (the plain client) speaks wss:// only, and so that every client pays for TLS alike.
 */
export const startEmulatorProcess: StartService = async (o) => {
  const bin = fileURLToPath(new URL('../../bin/realtime-transcribe.js', import.meta.url));
  const args = ['emulate', '--tls', '--time-scale', String(o.timeScale), '--seed', String(o.seed)];
  if (o.faults.dropBetweenMs) args.push('--drop', `${o.faults.dropBetweenMs[0]}ms-${o.faults.dropBetweenMs[1]}ms`);
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (out += text));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await new Promise<{ url: string; key: string; caPath: string }>((resolve, reject) => {
    const check = () => {
      const url = /url: (\S+)/.exec(out)?.[1];
      const key = /key: (\S+)/.exec(out)?.[1];
      const caPath = /cert: (\S+)/.exec(out)?.[1];
      if (url && key && caPath) resolve({ url, key, caPath });
    };
    child.stdout.on('data', check);
    void exited.then(() => reject(new Error(`the emulator exited before it was ready: ${out}`)));
  });
  return {
    ...ready,
    inProcess: false,
    close: async () => {
      child.kill('SIGINT');
      await exited;
      return parseStats(/stats: (.*)/.exec(out)?.[1] ?? '');
    },
  };
};

// `upgrades 9; sessions 9 (max concurrent 2); items committed 1501, completed 1501; drops 3`
export function parseStats(line: string): Record<string, number> {
  const stats: Record<string, number> = {};
  const take = (name: string, pattern: RegExp) => {
    const match = pattern.exec(line);
    if (match) stats[name] = Number(match[1]);
  };
  take('upgrades', /upgrades (\d+)/);
  take('sessions', /sessions (\d+)/);
  take('maxConcurrent', /max concurrent (\d+)/);
  take('committed', /committed (\d+)/);
  take('completed', /completed (\d+)/);
  take('drops', /(?<!too-fast )drops (\d+)/);
  take('expires', /expires (\d+)/);
  return stats;
}
