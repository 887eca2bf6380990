// The transport against real servers on loopback: well-behaved, refusing, stalling, dropping and
// deaf to pings. Every server and client is closed after each test.
import { once } from 'node:events';
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketServer, type WebSocket, type ServerOptions } from 'ws';
import { appendEvent } from '../../src/realtime/codec.js';
import type { ServerEvent } from '../../src/realtime/events.js';
import { retryAfterFromHeaders } from '../../src/realtime/retry-after.js';
import { connectWebSocket } from '../../src/realtime/transport.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import {
  ConnectError,
  type CloseInfo,
  type ConnectRequest,
  type Transport,
} from '../../src/realtime/transport-types.js';

const KEY = 'test-key-0123456789';
const cleanups: Array<() => void | Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function request(url: string, overrides: Partial<ConnectRequest> = {}): ConnectRequest {
  return {
    url,
    headers: { 'api-key': KEY },
    handshakeTimeoutMs: 2000,
    pingIntervalMs: 0,
    pongTimeoutMs: 0,
    ...overrides,
  };
}

interface Server {
  url: string;
  /** The next connection, as the server sees it. */
  connection(): Promise<{ socket: WebSocket; req: IncomingMessage }>;
}

async function wsServer(options: ServerOptions = {}): Promise<Server> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, ...options });
  await once(wss, 'listening');
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  );
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/openai/v1/realtime?intent=transcription`,
    connection: () =>
      new Promise((resolve) =>
        wss.once('connection', (socket: WebSocket, req: IncomingMessage) => resolve({ socket, req })),
      ),
  };
}

// A plain HTTP server that answers the upgrade request with whatever `answer` writes.
async function rawServer(answer: (req: IncomingMessage, socket: net.Socket) => void): Promise<string> {
  const server = http.createServer();
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket) => answer(req, socket as net.Socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/openai/v1/realtime?intent=transcription`;
}

function refuse(status: string, body: string, extraHeaders = ''): (req: IncomingMessage, socket: net.Socket) => void {
  return (_req, socket) => {
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n${extraHeaders}\r\n${body}`,
    );
  };
}

async function connect(req: ConnectRequest): Promise<Transport> {
  const transport = await connectWebSocket(req);
  cleanups.push(() => transport.terminate());
  return transport;
}

async function connectFails(req: ConnectRequest): Promise<ConnectError> {
  const error = await connectWebSocket(req).then(
    (transport) => {
      transport.terminate();
      throw new Error('expected the connection to fail');
    },
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ConnectError);
  return error as ConnectError;
}

// Records what a transport reports, and resolves `closed` on its (single) close.
function record(transport: Transport) {
  const events: ServerEvent[] = [];
  const raws: string[] = [];
  const closes: CloseInfo[] = [];
  const order: string[] = [];
  transport.onEvent((event, raw) => {
    events.push(event);
    raws.push(raw);
    order.push('event');
  });
  const closed = new Promise<CloseInfo>((resolve) =>
    transport.onClose((info) => {
      closes.push(info);
      order.push('close');
      resolve(info);
    }),
  );
  return { events, raws, closes, order, closed };
}

const sessionCreated = JSON.stringify({ type: 'session.created', event_id: 'e1', session: { type: 'transcription' } });

describe('connectWebSocket: a good server', () => {
  it('sends the headers on the upgrade, without permessage-deflate, and exchanges events', async () => {
    const server = await wsServer();
    const accepted = server.connection();
    const transport = await connect(request(server.url, { headers: { 'api-key': KEY, 'User-Agent': 'rt-test' } }));
    const seen = record(transport);
    const { socket, req } = await accepted;

    expect(req.url).toBe('/openai/v1/realtime?intent=transcription');
    expect(req.headers['api-key']).toBe(KEY);
    expect(req.headers['user-agent']).toBe('rt-test');
    expect(req.headers['sec-websocket-extensions']).toBeUndefined();

    const received = new Promise<string>((resolve) => socket.once('message', (data) => resolve(String(data))));
    transport.send({ ...appendEvent(Buffer.from([1, 2, 3, 4])), event_id: 'evt_9' });
    expect(JSON.parse(await received)).toEqual({
      type: 'input_audio_buffer.append',
      event_id: 'evt_9',
      audio: 'AQIDBA==',
    });
    expect(transport.bufferedAmount()).toBe(0);

    socket.send(sessionCreated);
    socket.send('{"type":"transcription_session.updated","session":{}}');
    socket.send('{"type":"input_audio_buffer.speech_started","item_id":"x"}'); // audio_start_ms missing
    socket.send('not json');
    socket.send('{"type":"rate_limits.updated","rate_limits":[]}');
    socket.send(Buffer.from([0, 1, 2]), { binary: true });
    await vi.waitFor(() => expect(seen.events).toHaveLength(6));

    expect(seen.events[0]).toEqual(JSON.parse(sessionCreated));
    expect(seen.raws[0]).toBe(sessionCreated);
    expect(seen.events[1]).toEqual({ type: 'session.updated', session: {} });
    expect(seen.events[2]).toEqual({
      type: 'unknown',
      originalType: '<malformed>',
      raw: {
        text: '{"type":"input_audio_buffer.speech_started","item_id":"x"}',
        error: 'input_audio_buffer.speech_started: missing "audio_start_ms"',
      },
    });
    expect(seen.events[3]).toMatchObject({ type: 'unknown', originalType: '<malformed>', raw: { text: 'not json' } });
    expect(seen.events[4]).toEqual({
      type: 'unknown',
      originalType: 'rate_limits.updated',
      raw: { type: 'rate_limits.updated', rate_limits: [] },
    });
    expect(seen.events[5]).toEqual({ type: 'unknown', originalType: '<binary>', raw: { bytes: 3 } });
    expect(seen.closes).toEqual([]);
  });

  it('pings again only after each pong, and stays open while pongs come back', async () => {
    const server = await wsServer();
    const accepted = server.connection();
    const transport = await connect(request(server.url, { pingIntervalMs: 20, pongTimeoutMs: 2000 }));
    const seen = record(transport);
    const { socket } = await accepted;
    let pings = 0;
    socket.on('ping', () => pings++);
    // A ping waits for the pong of the one before: three pings mean two pongs arrived.
    await vi.waitFor(() => expect(pings).toBeGreaterThanOrEqual(3));
    expect(seen.closes).toEqual([]);
  });

  it('reports a normal close by the server with its code and reason', async () => {
    const server = await wsServer();
    const accepted = server.connection();
    const transport = await connect(request(server.url));
    const seen = record(transport);
    const { socket } = await accepted;
    socket.send(sessionCreated);
    socket.close(1001, 'going away');
    expect(await seen.closed).toEqual({ code: 1001, reason: 'going away', cause: 'remote' });
    expect(seen.order).toEqual(['event', 'close']);
  });

  it('reports 1005 for a close frame without a code', async () => {
    const server = await wsServer();
    const accepted = server.connection();
    const transport = await connect(request(server.url));
    const seen = record(transport);
    (await accepted).socket.close();
    expect(await seen.closed).toEqual({ code: 1005, reason: '', cause: 'remote' });
  });

  it('reports its own close as local, refuses to send afterwards, and closes exactly once', async () => {
    const server = await wsServer();
    const transport = await connect(request(server.url));
    const seen = record(transport);
    transport.close(1000, 'done');
    transport.close(1000, 'again');
    expect(await seen.closed).toEqual({ code: 1000, reason: 'done', cause: 'local' });
    expect(() => transport.send({ type: 'input_audio_buffer.commit' })).toThrow(
      'cannot send input_audio_buffer.commit: the WebSocket is closed',
    );
    // A listener added after the end still hears about it, once.
    const late = await new Promise<CloseInfo>((resolve) => transport.onClose(resolve));
    expect(late).toEqual({ code: 1000, reason: 'done', cause: 'local' });
    transport.terminate();
    transport.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.closes).toHaveLength(1);
  });

  it('cuts a graceful close short with terminate()', async () => {
    const server = await wsServer();
    const transport = await connect(request(server.url));
    const seen = record(transport);
    transport.close(1000, 'done');
    transport.terminate();
    expect(await seen.closed).toEqual({ code: 1006, reason: '', cause: 'local' });
  });

  it('leaves no timer behind once closed', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const server = await wsServer();
    const before = timers();
    const accepted = server.connection();
    const transport = await connect(request(server.url, { pingIntervalMs: 10, pongTimeoutMs: 5000 }));
    const seen = record(transport);
    const { socket } = await accepted;
    let pings = 0;
    socket.on('ping', () => pings++);
    await vi.waitFor(() => expect(pings).toBeGreaterThanOrEqual(2));
    transport.close();
    await seen.closed;
    // At most what there was before: a timer of an earlier test's socket (its close handshake) can
    // end meanwhile on a busy machine, but one of ours left behind would keep the count up.
    await vi.waitFor(() => expect(timers()).toBeLessThanOrEqual(before));
  });

  it('throws on send while closing', async () => {
    const server = await wsServer();
    const transport = await connect(request(server.url));
    transport.close();
    expect(() => transport.send({ type: 'input_audio_buffer.clear' })).toThrow(
      'cannot send input_audio_buffer.clear: the WebSocket is closing',
    );
  });
});

describe('connectWebSocket: a refused upgrade', () => {
  it('rejects a raw 401 with its status and body, masking the key the server echoed', async () => {
    const url = await rawServer((req, socket) =>
      refuse(
        '401 Unauthorized',
        JSON.stringify({ error: { code: '401', message: `Access denied for key ${String(req.headers['api-key'])}` } }),
      )(req, socket),
    );
    const error = await connectFails(request(url));
    expect(error.status).toBe(401);
    expect(error.message).toBe('the server refused the WebSocket upgrade: HTTP 401 Unauthorized');
    expect(error.body).toBe('{"error":{"code":"401","message":"Access denied for key ***"}}');
  });

  it('rejects a 404 and keeps at most 2 KB of a long body', async () => {
    const url = await rawServer(refuse('404 Not Found', 'x'.repeat(10_000)));
    const error = await connectFails(request(url));
    expect(error.status).toBe(404);
    expect(error.body).toBe('x'.repeat(2048));
  });

  it('rejects a 503', async () => {
    const url = await rawServer(refuse('503 Service Unavailable', 'busy', 'Retry-After: 1\r\n'));
    const error = await connectFails(request(url));
    expect(error.status).toBe(503);
    expect(error.body).toBe('busy');
  });

  it('carries the headers of a 429 with Retry-After, names lower-cased, a repeated one joined', async () => {
    const url = await rawServer(
      refuse(
        '429 Too Many Requests',
        '{"error":{"message":"slow down"}}',
        'Retry-After: 3\r\nX-Trace: a\r\nX-Trace: b\r\n',
      ),
    );
    const error = await connectFails(request(url));
    expect(error.status).toBe(429);
    expect(error.headers['retry-after']).toBe('3');
    expect(error.headers['x-trace']).toBe('a, b');
    expect(error.headers['content-type']).toBe('application/json');
    expect(retryAfterFromHeaders(error.headers, 0)).toBe(3000);
  });

  it('carries an HTTP-date Retry-After that retryAfterFromHeaders reads against a given now', async () => {
    const url = await rawServer(
      refuse('503 Service Unavailable', 'busy', 'Retry-After: Wed, 21 Oct 2026 07:28:10 GMT\r\n'),
    );
    const error = await connectFails(request(url));
    expect(error.headers['retry-after']).toBe('Wed, 21 Oct 2026 07:28:10 GMT');
    expect(retryAfterFromHeaders(error.headers, Date.UTC(2026, 9, 21, 7, 28, 0))).toBe(10_000);
  });

  it('masks a credential a refusal echoes in a header', async () => {
    const url = await rawServer(refuse('401 Unauthorized', '', `X-Echo: key=${KEY}\r\n`));
    const error = await connectFails(request(url));
    expect(error.headers['x-echo']).toBe('key=***');
  });

  it('keeps the status when the server resets the connection right after the status line', async () => {
    const url = await rawServer((_req, socket) => {
      socket.write('HTTP/1.1 429 Too Many Requests\r\nContent-Length: 100\r\n\r\npartial');
      setTimeout(() => socket.destroy(), 20);
    });
    const error = await connectFails(request(url));
    expect(error.status).toBe(429);
    expect(error.body).toBe('partial');
  });
});

describe('connectWebSocket: network failures', () => {
  it('gives up on a server that accepts TCP but never answers the upgrade', async () => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const socket of sockets) socket.destroy();
          server.close(() => resolve());
        }),
    );
    const started = performance.now();
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v1/realtime`;
    const error = await connectFails(request(url, { handshakeTimeoutMs: 150 }));
    expect(error.status).toBeUndefined();
    expect(error.message).toBe('no answer to the WebSocket upgrade within 150 ms');
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('rejects without a status when nothing listens on the port', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const error = await connectFails(request(`ws://127.0.0.1:${port}/v1/realtime`));
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/^connection failed: connect ECONNREFUSED 127\.0\.0\.1:\d+$/);
  });

  it('rejects a URL ws cannot use', async () => {
    const error = await connectFails(request('http://127.0.0.1:1/x'.replace('http', 'ftp')));
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/^cannot open ftp:\/\/127\.0\.0\.1:1\/x: /);
  });
});

describe('connectWebSocket: a connection that dies', () => {
  it('reports 1006 cause remote when the server destroys the socket without a close frame', async () => {
    const server = await wsServer();
    const accepted = server.connection();
    const transport = await connect(request(server.url, { pingIntervalMs: 1000, pongTimeoutMs: 1000 }));
    const seen = record(transport);
    const { socket } = await accepted;
    socket.send(sessionCreated, () => (socket as unknown as { _socket: net.Socket })._socket.destroy());
    expect(await seen.closed).toEqual({ code: 1006, reason: '', cause: 'remote' });
    expect(seen.order).toEqual(['event', 'close']);
  });

  it('reports ping-timeout 1006 when the server stops answering pings', async () => {
    const server = await wsServer({ autoPong: false });
    const accepted = server.connection();
    const transport = await connect(request(server.url, { pingIntervalMs: 30, pongTimeoutMs: 60 }));
    const seen = record(transport);
    const { socket } = await accepted;
    const started = performance.now();
    // The server keeps talking: only the missing pongs give it away.
    const chatter = setInterval(() => socket.readyState === socket.OPEN && socket.send(sessionCreated), 10);
    cleanups.push(() => clearInterval(chatter));
    expect(await seen.closed).toEqual({ code: 1006, reason: '', cause: 'ping-timeout' });
    expect(performance.now() - started).toBeLessThan(1000);
    const count = seen.events.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.events).toHaveLength(count);
  });

  it('reports cause error with the reason when the server sends an invalid frame', async () => {
    const server = await wsServer();
    const accepted = server.connection();
    const transport = await connect(request(server.url));
    const seen = record(transport);
    const { socket } = await accepted;
    // A final frame with the reserved opcode 0x3.
    (socket as unknown as { _socket: net.Socket })._socket.write(Buffer.from([0x83, 0x00]));
    // ws stops reading after a protocol error, so no close frame is seen: 1006, as ws reports it.
    expect(await seen.closed).toEqual({
      code: 1006,
      reason: 'Invalid WebSocket frame: invalid opcode 3',
      cause: 'error',
    });
  });

  it('delivers nothing after terminate(), even what the socket had already received', async () => {
    const server = await wsServer();
    const accepted = server.connection();
    const transport = await connect(request(server.url));
    const seen = record(transport);
    transport.onEvent(() => transport.terminate());
    const { socket } = await accepted;
    for (let i = 0; i < 50; i++) socket.send(sessionCreated);
    const info = await seen.closed;
    expect(info).toEqual({ code: 1006, reason: '', cause: 'local' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen.events).toHaveLength(1);
    expect(seen.order).toEqual(['event', 'close']);
  });
});

describe('connectWebSocket: through an HTTP proxy', () => {
  it('tunnels with CONNECT, sending the credential to the proxy only', async () => {
    const proxy = await startConnectProxy({ credential: 'alice:s3cret-pw' });
    cleanups.push(() => proxy.close());
    const server = await wsServer();
    const accepted = server.connection();
    const displayUrl = proxy.url.replace('http://', 'http://***@');
    const url = proxy.url.replace('http://', 'http://alice:s3cret-pw@');
    const transport = await connectWebSocket(request(server.url, { proxy: { url, displayUrl } }));
    cleanups.push(() => transport.terminate());
    const { req } = await accepted;
    expect(proxy.connects).toEqual([
      { target: new URL(server.url).host, authorization: `Basic ${Buffer.from('alice:s3cret-pw').toString('base64')}` },
    ]);
    expect(req.headers['proxy-authorization']).toBeUndefined();
    expect(req.headers['api-key']).toBe(KEY);
  });

  it("rejects a proxy's refusal as the proxy's, not the service's, with its status", async () => {
    const proxy = await startConnectProxy({ refuse: 403 });
    cleanups.push(() => proxy.close());
    const server = await wsServer();
    const target = new URL(server.url).host;
    const error = await connectFails(request(server.url, { proxy: { url: proxy.url, displayUrl: proxy.url } }));
    expect(error.status).toBe(403);
    expect(error.message).toBe(`the proxy refused to open a tunnel to ${target}: HTTP 403 Forbidden`);
    expect(error.proxy).toEqual({ displayUrl: proxy.url, target, answer: '403 Forbidden' });
  });

  it('a proxy that is not there: a network error that says it went through the proxy', async () => {
    const server = await wsServer();
    const closed = net.createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dead = `http://127.0.0.1:${port}`;
    const error = await connectFails(request(server.url, { proxy: { url: dead, displayUrl: dead } }));
    expect(error.status).toBeUndefined();
    expect(error.proxy).toBeUndefined();
    expect(error.message).toBe(`connection failed (through the proxy ${dead}): connect ECONNREFUSED 127.0.0.1:${port}`);
  });
});
