// A minimal Realtime client for the emulator tests: a real ws socket on loopback that records
// every event and how the connection ended.
import { WebSocket } from 'ws';
import { appendEvents, configureEvent } from '../helpers/client-events.js';

// Events as received: loose on purpose, the tests check the shapes.
export type Received = Record<string, any> & { type: string };

export interface Closed {
  code: number;
  reason: string;
}

export interface ConnectOptions {
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  key?: string; // sent as api-key (Azure path) or Bearer (OpenAI path) unless headers are given
  ca?: string; // a certificate to trust, for wss://
}

export class TestClient {
  readonly events: Received[] = [];
  readonly closed: Promise<Closed>;
  private waiters: { match: (e: Received) => boolean; resolve: (e: Received) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const event = JSON.parse(data.toString()) as Received;
      this.events.push(event);
      this.waiters = this.waiters.filter((w) => {
        if (!w.match(event)) return true;
        w.resolve(event);
        return false;
      });
    });
    ws.on('error', () => {}); // a dropped socket may report ECONNRESET; the close code tells
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
  }

  static connect(baseUrl: string, options: ConnectOptions = {}): Promise<TestClient> {
    const ws = new WebSocket(socketUrl(baseUrl, options), {
      headers: headersFor(options),
      ...(options.ca && { ca: options.ca }),
    });
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  // Resolves with the first event (already received or still to come) that matches.
  waitFor(match: string | ((e: Received) => boolean), timeoutMs = 5000): Promise<Received> {
    const test = typeof match === 'string' ? (e: Received) => e.type === match : match;
    const seen = this.events.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${String(match)}`)), timeoutMs);
      this.waiters.push({
        match: test,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }

  // Resolves once `n` events of this type have arrived.
  async waitForCount(type: string, n: number, timeoutMs = 10_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.of(type).length < n) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${n} ${type}, got ${this.of(type).length}`);
      await sleep(5);
    }
    return this.of(type);
  }

  of(type: string): Received[] {
    return this.events.filter((e) => e.type === type);
  }

  send(event: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(event));
  }

  // Appends PCM in chunks of `chunkMs`, as fast as the socket takes them.
  appendPcm(samples: Int16Array, chunkMs = 40): void {
    for (const event of appendEvents(samples, chunkMs)) this.send(event);
  }

  configure(turnDetection: Record<string, unknown> | null, model = 'emulator'): void {
    this.send(configureEvent(turnDetection, model));
  }

  close(): Promise<Closed> {
    this.ws.close(1000);
    return this.closed;
  }
}

// The HTTP status, headers and body of a refused upgrade.
export function refusal(
  baseUrl: string,
  options: ConnectOptions = {},
): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  const ws = new WebSocket(socketUrl(baseUrl, options), {
    headers: headersFor(options),
    ...(options.ca && { ca: options.ca }),
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('upgrade was accepted'));
    });
    ws.once('unexpected-response', (_req, res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), headers: { ...res.headers } }),
      );
    });
    ws.once('error', reject);
  });
}

export { base64 } from '../helpers/client-events.js';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function socketUrl(baseUrl: string, options: ConnectOptions): string {
  const path = options.path ?? '/openai/v1/realtime';
  const query = options.query ?? 'intent=transcription';
  return `${baseUrl.replace(/^http/, 'ws')}${path}${query ? `?${query}` : ''}`;
}

function headersFor(options: ConnectOptions): Record<string, string> {
  if (options.headers) return options.headers;
  if (options.key === undefined) return {};
  const azure = (options.path ?? '/openai/v1/realtime').startsWith('/openai/');
  return azure ? { 'api-key': options.key } : { authorization: `Bearer ${options.key}` };
}
