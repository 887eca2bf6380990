// The emulator's HTTP side: listens, answers or refuses upgrades (refuse fault, path, key,
// concurrent cap), and hands each accepted socket to a Connection.
import { STATUS_CODES, createServer, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { Connection } from './connection.js';
import { planSessionFaults } from './faults.js';
import { idMaker, randomStream, uniform } from './random.js';
import { resolveSettings, type Settings } from './settings.js';
import { StatsRecorder } from './stats.js';
import { ServiceTime } from './time.js';
import { judgeUpgrade, refusalBody, AZURE_PATH, OPENAI_PATH } from './upgrade.js';
import type { EmulatorOptions, RunningEmulator, SessionRecord } from './types.js';
import type { Opening } from './session.js';

/** Starts a local emulator of the Realtime transcription service; see EmulatorOptions. */
export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  return startServer(resolveSettings(options));
}

async function startServer(settings: Settings): Promise<RunningEmulator> {
  const time = new ServiceTime(settings.timeScale);
  const stats = new StatsRecorder();
  const connections = new Map<Connection, Promise<void>>();
  const log = (line: string) => settings.log(`${(time.now() / 1000).toFixed(3)}s ${line}`);
  let sessionCount = 0;
  let refusedByFault = 0;

  // autoPong off: connection.ts answers pings itself, so a stall can silence them.
  const wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://emulator.invalid').pathname;
    const realtime = path === AZURE_PATH || path === OPENAI_PATH;
    const body = refusalBody(realtime ? 426 : 404, realtime ? 'This endpoint takes WebSocket upgrades only.' : undefined);
    res.writeHead(realtime ? 426 : 404, { 'content-type': 'application/json' }).end(body);
  });

  function refuse(socket: Duplex, req: IncomingMessage, status: number, message: string | undefined, why: string): void {
    stats.refuse(status);
    log(`upgrade ${pathOf(req)} refused ${status}: ${why}`);
    const body = refusalBody(status, message);
    const retry = status === 429 || status === 503 ? 'Retry-After: 1\r\n' : '';
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n${retry}\r\n${body}`,
    );
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {}); // a client vanishing mid-handshake is not the emulator's problem
    stats.upgrade();
    const fault = settings.faults.refuse;
    if (fault && (fault.count === undefined || refusedByFault < fault.count)) {
      refusedByFault++;
      return refuse(socket, req, fault.status, undefined, `refuse fault (${refusedByFault}/${fault.count ?? '∞'})`);
    }
    const decision = judgeUpgrade(req.url ?? '/', req.headers, settings.key);
    if (decision.kind === 'refuse') return refuse(socket, req, decision.status, decision.message, decision.message);
    const max = settings.faults.maxSessions;
    if (max !== undefined && stats.current >= max) {
      return refuse(socket, req, 429, `At most ${max} concurrent session${max === 1 ? '' : 's'} allowed.`, `maxSessions ${max} reached`);
    }
    // Counted from now, so concurrent upgrades cannot slip past maxSessions.
    stats.reserve();
    let opened = false;
    socket.once('close', () => {
      if (!opened) stats.release();
    });
    wss.handleUpgrade(req, socket, head, (ws) => {
      opened = true;
      open(ws, decision.path, decision.opening);
    });
  });

  function open(ws: import('ws').WebSocket, path: string, opening: Opening): void {
    const number = ++sessionCount;
    const plan = planSessionFaults(settings.faults, number, settings.seed);
    const record: SessionRecord = { number, path, openedAtMs: time.now(), audioMs: 0, items: 0 };
    if (plan.dropAtMs !== undefined) record.dropAtMs = plan.dropAtMs;
    stats.open(record);
    const planned = [
      plan.dropAtMs !== undefined && `drop at ${plan.dropAtMs} ms`,
      plan.stallAtMs !== undefined && `stall at ${plan.stallAtMs} ms`,
      `cap ${plan.expireAtMs} ms`,
    ].filter(Boolean);
    log(`session ${number}: opened on ${path} (${planned.join(', ')})`);
    const latency = randomStream(settings.seed, 'latency', number);
    const [low, high] = settings.latencyMs;
    let resolveClosed!: () => void;
    const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
    const connection: Connection = new Connection(ws, {
      record,
      opening,
      plan,
      time,
      stats,
      log,
      sessionOptions: {
        newId: idMaker(randomStream(settings.seed, 'ids', number)),
        latencyMs: () => uniform(latency, low, high),
        deltas: settings.deltas,
        deployments: settings.deployments,
      },
      onEnd: () => {
        connections.delete(connection);
        stats.release();
        resolveClosed();
      },
    });
    connections.set(connection, closed);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const urlHost = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  log(`listening on http://${urlHost}:${port} (seed ${settings.seed}, time scale ${settings.timeScale})`);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    host: settings.host,
    key: settings.key,
    seed: settings.seed,
    stats: () => stats.snapshot(),
    close: () =>
      (closing ??= (async () => {
        const ends = [...connections.values()];
        for (const connection of connections.keys()) connection.shutdown();
        wss.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await Promise.all([...ends, stopped]);
        log('stopped');
      })()),
  };
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://emulator.invalid').pathname;
}
