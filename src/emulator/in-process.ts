// The emulator without a socket: a `Connect` that admits upgrades as the server does and joins the
// client's Transport to the same protocol session and fault plan through an in-memory connection,
// all on one injected clock. On a VirtualClock (util/virtual-clock.ts) an hour of a session,
// with its drops, caps and stalls, runs in seconds.
import { STATUS_CODES } from 'node:http';
import { ConnectError, type Connect, type ConnectRequest, type Transport } from '../realtime/transport-types.js';
import { systemClock, type Clock } from '../util/clock.js';
import type { ServerSocket } from './connection.js';
import { InProcessTransport } from './in-process-transport.js';
import { memorySocketPair, type MemoryEnd } from './memory-socket.js';
import { EmulatedService, type Admission } from './service.js';
import { resolveSettings } from './settings.js';
import type { EmulatorOptions, EmulatorStats } from './types.js';

/** An emulator reached through a `Connect` instead of a socket. */
export interface InProcessEmulator {
  /** Opens a session as `connectWebSocket` would (same upgrade checks, same events, same closes). */
  connect: Connect;
  /** The endpoint to give the client: `connect` accepts only URLs on this host and port. */
  url: string;
  key: string;
  /** The seed in use (given or drawn), to repeat a run. */
  seed: number;
  stats(): EmulatorStats;
  /** Ends every session (the clients see 1006) and refuses further connections. */
  close(): Promise<void>;
}

/** Starts an emulator in this process; its timers run on `clock` (default: the system clock). */
export function startInProcessEmulator(options: EmulatorOptions & { clock?: Clock } = {}): InProcessEmulator {
  const { clock = systemClock, ...rest } = options;
  const settings = resolveSettings(rest);
  const service = new EmulatedService(settings, clock);
  // Never listened on: a port no emulator socket uses, so a mix-up with a real one fails loudly.
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port || 1}`;
  const origin = new URL(url);
  let closing: Promise<void> | undefined;

  const connect: Connect = async (request: ConnectRequest): Promise<Transport> => {
    await clock.sleep(0); // as a socket would: never within the call
    const target = parseTarget(request.url);
    if (closing || target === undefined || target.host !== origin.host) {
      const where = target?.host ?? request.url;
      throw new ConnectError(`connection failed: connect ECONNREFUSED ${where}`);
    }
    const decision = service.admit(target.pathAndQuery, lowerCaseNames(request.headers));
    if (decision.kind === 'refuse') {
      const message =
        `the server refused the WebSocket upgrade: HTTP ${decision.status} ${STATUS_CODES[decision.status] ?? ''}`.trimEnd();
      throw new ConnectError(message, decision.status, decision.body, { headers: decision.headers });
    }
    const [clientEnd, serverEnd] = memorySocketPair(clock);
    const transport = new InProcessTransport(clientEnd, request, clock);
    host(service, serverEnd, decision);
    return transport;
  };

  return {
    connect,
    url,
    key: settings.key,
    seed: settings.seed,
    stats: () => service.stats.snapshot(),
    close: () =>
      (closing ??= (async () => {
        await service.shutdown();
        service.log('stopped');
      })()),
  };
}

function host(service: EmulatedService, end: MemoryEnd, admission: Admission): void {
  const socket: ServerSocket = {
    get isOpen() {
      return end.state === 'open';
    },
    send: (text) => end.send({ kind: 'text', data: text }),
    close: (code, reason) => end.close(code, reason),
    destroy: () => end.destroy(),
  };
  const connection = service.open(socket, admission);
  end.attach({
    text: (data) => connection.receive(data),
    ping: () => {
      if (connection.answersPings) end.send({ kind: 'pong' });
    },
    pong: () => {},
    closed: (code) => connection.ended(code),
  });
}

function parseTarget(raw: string): { host: string; pathAndQuery: string } | undefined {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return undefined;
    // The host as the emulator's own URL spells it (http: and ws: share default ports).
    return { host: url.host, pathAndQuery: `${url.pathname}${url.search}` };
  } catch {
    return undefined;
  }
}

function lowerCaseNames(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
