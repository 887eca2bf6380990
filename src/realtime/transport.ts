// The one module that touches a WebSocket. It reports what happened (events, a close with its real
// code and cause) and decides nothing: reconnecting is the session manager's business.
import type { Agent, ClientRequest, IncomingMessage } from 'node:http';
import WebSocket from 'ws';
import { encodeClientEvent } from './codec.js';
import { TransportReports } from './transport-reports.js';
import type { ClientEvent, ServerEvent } from './events.js';
import { redact, secretsInHeaders } from '../util/redact.js';
import { ConnectError } from './transport-types.js';
import type { CloseCause, CloseInfo, Connect, ConnectRequest, Transport } from './transport-types.js';

// Enough of a refusal's body to show the service's own explanation.
const MAX_ERROR_BODY_BYTES = 2048;
// A refusal whose body trickles in is not worth waiting long for: the status says most.
const MAX_ERROR_BODY_WAIT_MS = 2000;
// After our close frame, how long the peer has to answer before the socket is cut (ws waits 30 s).
const CLOSE_GRACE_MS = 5000;

/** Opens a WebSocket with `ws`; resolves once open, rejects with ConnectError. */
export const connectWebSocket: Connect = async (request) => {
  // Loaded only behind a proxy: with its dependencies it would cost every start-up ~0.1 s.
  const agent =
    request.proxy === undefined
      ? undefined
      : new (await import('https-proxy-agent')).HttpsProxyAgent(request.proxy.url);
  return open(request, agent);
};

function open(request: ConnectRequest, agent: Agent | undefined): Promise<Transport> {
  return new Promise<Transport>((resolve, reject) => {
    const proxy = request.proxy;
    const secrets = [...secretsInHeaders(request.headers), ...(proxy?.secrets ?? [])];
    // The proxy's answer to CONNECT, when there is a proxy: a refusal it gives is replayed to ws
    // as if the service had refused the upgrade, and only this tells the two apart.
    let tunnel: { status: number; message: string } | undefined;
    let ws: WebSocket;
    try {
      // One agent per connection: nothing is pooled (a WebSocket holds its socket for good).
      agent?.once('proxyConnect', (res: { statusCode: number; statusText?: string }) => {
        tunnel = { status: res.statusCode, message: res.statusText ?? '' };
      });
      // Audio in base64 barely compresses, and deflate would cost CPU on every chunk.
      ws = new WebSocket(request.url, {
        headers: request.headers,
        perMessageDeflate: false,
        ...(agent === undefined ? {} : { agent }),
      });
    } catch (err) {
      reject(
        new ConnectError(`cannot open ${redact(request.url, secrets)}: ${(err as Error).message}`, undefined, '', {
          cause: err,
        }),
      );
      return;
    }

    let settled = false;
    const fail = (error: ConnectError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
      ws.terminate(); // the 'error' and 'close' this causes go to the listeners below, now inert
    };
    // Our own deadline rather than ws's handshakeTimeout: that one is an idle timeout on the
    // request socket, which a server trickling bytes never trips.
    const timer = setTimeout(
      () => fail(new ConnectError(`no answer to the WebSocket upgrade within ${request.handshakeTimeoutMs} ms`)),
      request.handshakeTimeoutMs,
    );

    let refused = false;
    const onError = (err: Error) => {
      // After a refusal, a reset while its body is read must not hide the status.
      if (refused) return;
      // Behind a proxy, a network error may be the proxy's (not listening, reset): say which way it went.
      const via = proxy === undefined || tunnel?.status === 200 ? '' : ` (through the proxy ${proxy.displayUrl})`;
      fail(new ConnectError(`connection failed${via}: ${redact(err.message, secrets)}`, undefined, '', { cause: err }));
    };
    const onUnexpectedResponse = (_req: ClientRequest, res: IncomingMessage) => {
      refused = true;
      clearTimeout(timer);
      const status = res.statusCode ?? 0;
      if (proxy !== undefined && tunnel !== undefined && tunnel.status !== 200) {
        res.resume();
        const answer = `${tunnel.status}${tunnel.message ? ` ${tunnel.message}` : ''}`;
        const target = new URL(request.url).host;
        return fail(
          new ConnectError(`the proxy refused to open a tunnel to ${target}: HTTP ${answer}`, tunnel.status, '', {
            headers: responseHeaders(res, secrets),
            proxy: { displayUrl: proxy.displayUrl, target, answer: redact(answer, secrets) },
          }),
        );
      }
      const message = `the server refused the WebSocket upgrade: HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`;
      const wait = Math.min(MAX_ERROR_BODY_WAIT_MS, request.handshakeTimeoutMs);
      const headers = responseHeaders(res, secrets);
      void readBody(res, MAX_ERROR_BODY_BYTES, wait).then((body) =>
        fail(new ConnectError(message, status, redact(body, secrets), { headers })),
      );
    };
    const onOpen = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const transport = new WsTransport(ws, request, secrets);
      ws.off('error', onError); // the transport has its own 'error' listener by now
      ws.off('unexpected-response', onUnexpectedResponse);
      resolve(transport);
    };

    ws.on('error', onError);
    ws.once('unexpected-response', onUnexpectedResponse);
    ws.once('open', onOpen);
  });
}

// A refusal's headers (Retry-After above all), names lower-cased, repeated ones joined, values
// redacted: a proxy may echo the credential back.
function responseHeaders(res: IncomingMessage, secrets: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = redact(Array.isArray(value) ? value.join(', ') : value, secrets);
  }
  return out;
}

// Resolves with at most `max` bytes of the body, after its end, an error, or `waitMs`.
function readBody(res: IncomingMessage, max: number, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      clearTimeout(deadline);
      res.off('data', onData);
      res.off('end', done);
      res.off('close', done);
      res.off('error', done);
      resolve(Buffer.concat(chunks).subarray(0, max).toString('utf8'));
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= max) done();
    };
    const deadline = setTimeout(done, waitMs);
    res.on('data', onData);
    res.once('end', done);
    res.once('close', done);
    res.once('error', done);
  });
}

class WsTransport implements Transport {
  readonly #ws: WebSocket;
  readonly #pongTimeoutMs: number;
  readonly #secrets: string[];
  readonly #reports = new TransportReports();
  // After terminate() (ours or the ping watchdog's) the socket is dead to us: frames ws still had
  // buffered are not delivered. A graceful close() keeps delivering until the close completes, so
  // transcripts still in flight can arrive.
  #muted = false;
  // Set by whoever ends the connection first; the close event itself cannot tell who did.
  #cause: CloseCause | undefined;
  #error: Error | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #pongTimer: NodeJS.Timeout | undefined;
  #closeTimer: NodeJS.Timeout | undefined;
  #pingSentAt: number | undefined;

  constructor(ws: WebSocket, request: ConnectRequest, secrets: string[]) {
    this.#ws = ws;
    this.#pongTimeoutMs = request.pongTimeoutMs;
    this.#secrets = secrets;
    ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    ws.on('pong', () => this.#onPong());
    // Errors on an open socket (an invalid frame, a reset) are followed by 'close'; keep the first
    // so the close can say why. Without this listener ws would throw them.
    ws.on('error', (err) => {
      this.#error ??= err;
    });
    ws.once('close', (code, reason) => this.#onClose(code, reason.toString('utf8')));
    if (request.pingIntervalMs > 0) {
      this.#pingTimer = setInterval(() => this.#ping(), request.pingIntervalMs);
    }
  }

  send(event: ClientEvent): void {
    if (this.#reports.closed !== undefined || this.#ws.readyState !== WebSocket.OPEN) {
      throw new Error(`cannot send ${event.type}: the WebSocket is ${this.#reports.closed ? 'closed' : 'closing'}`);
    }
    this.#ws.send(encodeClientEvent(event));
  }

  bufferedAmount(): number {
    return this.#ws.bufferedAmount;
  }

  close(code = 1000, reason = ''): void {
    if (this.#reports.closed !== undefined) return;
    // Only a close we start is ours; answering the peer's close frame leaves the cause 'remote'.
    const ours = this.#ws.readyState === WebSocket.OPEN;
    this.#ws.close(code, reason); // throws on a code that may not be sent (e.g. 1006): nothing changed
    if (ours) this.#cause ??= 'local';
    this.#closeTimer ??= setTimeout(() => this.#ws.terminate(), CLOSE_GRACE_MS);
  }

  terminate(): void {
    if (this.#reports.closed !== undefined) return;
    this.#cause ??= 'local';
    this.#muted = true;
    this.#ws.terminate();
  }

  onEvent(listener: (event: ServerEvent, raw: string) => void): void {
    this.#reports.onEvent(listener);
  }

  onClose(listener: (info: CloseInfo) => void): void {
    this.#reports.onClose(listener);
  }

  #onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    // ws may still flush frames it had buffered while the socket was going down.
    if (this.#reports.closed !== undefined || this.#muted) return;
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (isBinary) {
      // The protocol is JSON text only; report rather than guess.
      const event: ServerEvent = { type: 'unknown', originalType: '<binary>', raw: { bytes: bytes.length } };
      return this.#reports.event(event, '', () => !this.#muted);
    }
    this.#reports.text(bytes.toString('utf8'), () => !this.#muted);
  }

  #ping(): void {
    // One ping in flight at a time: its pong timer is already running.
    if (this.#pingSentAt !== undefined || this.#ws.readyState !== WebSocket.OPEN) return;
    this.#pingSentAt = performance.now();
    this.#ws.ping();
    if (this.#pongTimeoutMs > 0) {
      this.#pongTimer = setTimeout(() => {
        this.#cause ??= 'ping-timeout';
        this.#muted = true;
        this.#ws.terminate();
      }, this.#pongTimeoutMs);
    }
  }

  #onPong(): void {
    if (this.#pingSentAt === undefined) return; // unsolicited: a heartbeat from the peer
    this.#pingSentAt = undefined;
    clearTimeout(this.#pongTimer);
    this.#pongTimer = undefined;
  }

  #onClose(code: number, reason: string): void {
    if (this.#reports.closed !== undefined) return;
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
    clearTimeout(this.#closeTimer);
    const cause = this.#cause ?? (this.#error ? 'error' : 'remote');
    const info: CloseInfo = {
      // A dead peer sends no close frame; terminate() makes ws report 1006, and so do we.
      code: cause === 'ping-timeout' ? 1006 : code,
      reason: cause === 'error' && reason === '' && this.#error ? redact(this.#error.message, this.#secrets) : reason,
      cause,
    };
    this.#reports.close(info);
  }
}
