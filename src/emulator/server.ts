// The emulator's HTTP side (HTTPS with `tls`): listens, answers or refuses upgrades as the service
// decides, and joins each accepted WebSocket to its session.
import { STATUS_CODES, createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { systemClock } from '../util/clock.js';
import type { Connection, ServerSocket } from './connection.js';
import { EmulatedService, pathOf, type Refusal } from './service.js';
import { resolveSettings } from './settings.js';
import { loopbackCertificate } from './tls-cert.js';
import { refusalBody, AZURE_PATH, OPENAI_PATH } from './upgrade.js';
import type { EmulatorOptions, RunningEmulator } from './types.js';

/** Starts a local emulator of the Realtime transcription service; see EmulatorOptions. */
export async function startEmulator(options?: EmulatorOptions): Promise<RunningEmulator> {
  const settings = resolveSettings(options);
  const service = new EmulatedService(settings, systemClock);

  const certificate = settings.tlsCertPath === undefined ? undefined : await loopbackCertificate(settings.tlsCertPath);

  // autoPong off: pings are answered only when the session says so, so a stall can silence them.
  const wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  const plainRequest: RequestListener = (req, res) => {
    const path = pathOf(req.url ?? '/');
    const realtime = path === AZURE_PATH || path === OPENAI_PATH;
    const body = refusalBody(
      realtime ? 426 : 404,
      realtime ? 'This endpoint takes WebSocket upgrades only.' : undefined,
    );
    res.writeHead(realtime ? 426 : 404, { 'content-type': 'application/json' }).end(body);
  };
  const server = certificate
    ? createTlsServer({ key: certificate.key, cert: certificate.cert }, plainRequest)
    : createServer(plainRequest);

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {}); // a client vanishing mid-handshake is not the emulator's problem
    const decision = service.admit(req.url ?? '/', req.headers);
    if (decision.kind === 'refuse') return writeRefusal(socket, decision);
    let opened = false;
    socket.once('close', () => {
      if (!opened) service.release();
    });
    wss.handleUpgrade(req, socket, head, (ws) => {
      opened = true;
      host(ws, service.open(wsSocket(ws), decision));
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(settings.port, settings.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await certificate?.remove();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const urlHost = settings.host.includes(':') ? `[${settings.host}]` : settings.host;
  const url = `${certificate ? 'https' : 'http'}://${urlHost}:${port}`;
  service.log(`listening on ${url} (seed ${settings.seed}, time scale ${settings.timeScale})`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    host: settings.host,
    key: settings.key,
    seed: settings.seed,
    ...(certificate && { tls: { certPath: certificate.certPath, certPem: certificate.cert } }),
    stats: () => service.stats.snapshot(),
    close: () =>
      (closing ??= (async () => {
        const ended = service.shutdown();
        wss.close();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await Promise.all([ended, stopped]);
        await certificate?.remove();
        service.log('stopped');
      })()),
  };
}

function writeRefusal(socket: Duplex, refusal: Refusal): void {
  const headers = {
    ...refusal.headers,
    'content-length': String(Buffer.byteLength(refusal.body)),
    connection: 'close',
  };
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n${lines.join('')}\r\n${refusal.body}`,
  );
}

function wsSocket(ws: WebSocket): ServerSocket {
  return {
    get isOpen() {
      return ws.readyState === WebSocket.OPEN;
    },
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
    destroy: () => ws.terminate(),
  };
}

function host(ws: WebSocket, connection: Connection): void {
  ws.on('message', (data: RawData) => connection.receive(rawText(data)));
  ws.on('ping', (data) => {
    if (connection.answersPings) ws.pong(data);
  });
  ws.on('error', (err) => connection.socketError(err.message));
  ws.on('close', (code) => connection.ended(code));
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
