// The client's Transport over an in-memory connection, with the semantics of the WebSocket one
// (realtime/transport.ts): the same codec both ways, events in order and only while open, one
// close report with its code and cause, and a ping watchdog, all on the injected clock.
import { encodeClientEvent } from '../realtime/codec.js';
import { TransportReports } from '../realtime/transport-reports.js';
import type { ClientEvent, ServerEvent } from '../realtime/events.js';
import type { CloseCause, CloseInfo, ConnectRequest, Transport } from '../realtime/transport-types.js';
import type { Clock } from '../util/clock.js';
import type { MemoryEnd } from './memory-socket.js';

export class InProcessTransport implements Transport {
  readonly #end: MemoryEnd;
  readonly #clock: Clock;
  readonly #pongTimeoutMs: number;
  readonly #reports = new TransportReports();
  // After terminate() (ours or the watchdog's) nothing more is delivered; after close() events
  // still arrive until the close completes, as on a socket.
  #muted = false;
  #cause: CloseCause | undefined;
  readonly #stopTimers = new AbortController();
  #pong: AbortController | undefined;
  #pingSentAt: number | undefined;

  constructor(end: MemoryEnd, request: ConnectRequest, clock: Clock) {
    this.#end = end;
    this.#clock = clock;
    this.#pongTimeoutMs = request.pongTimeoutMs;
    end.attach({
      text: (data) => this.#onText(data),
      ping: () => end.send({ kind: 'pong' }), // as ws does for a client
      pong: () => this.#onPong(),
      closed: (code, reason) => this.#onClose(code, reason),
    });
    if (request.pingIntervalMs > 0) this.#pingEvery(request.pingIntervalMs);
  }

  send(event: ClientEvent): void {
    if (this.#reports.closed !== undefined || this.#end.state !== 'open') {
      throw new Error(`cannot send ${event.type}: the WebSocket is ${this.#reports.closed ? 'closed' : 'closing'}`);
    }
    this.#end.send({ kind: 'text', data: encodeClientEvent(event) });
  }

  bufferedAmount(): number {
    return 0;
  }

  close(code = 1000, reason = ''): void {
    if (this.#reports.closed !== undefined) return;
    // The codes ws refuses to send (1005, 1006, …) throw there too: nothing changed.
    if (!sendableCloseCode(code)) throw new TypeError('First argument must be a valid error code number');
    // Only a close we start is ours; answering the peer's close frame leaves the cause 'remote'.
    if (this.#end.state === 'open') this.#cause ??= 'local';
    this.#end.close(code, reason);
  }

  terminate(): void {
    if (this.#reports.closed !== undefined) return;
    this.#cause ??= 'local';
    this.#muted = true;
    this.#end.destroy();
  }

  onEvent(listener: (event: ServerEvent, raw: string) => void): void {
    this.#reports.onEvent(listener);
  }

  onClose(listener: (info: CloseInfo) => void): void {
    this.#reports.onClose(listener);
  }

  #onText(text: string): void {
    if (!this.#muted) this.#reports.text(text, () => !this.#muted);
  }

  #pingEvery(intervalMs: number): void {
    const tick = () =>
      this.#clock.sleep(intervalMs, this.#stopTimers.signal).then(
        () => {
          this.#ping();
          tick();
        },
        () => {},
      );
    void tick();
  }

  #ping(): void {
    // One ping in flight at a time: its pong timer is already running.
    if (this.#pingSentAt !== undefined || this.#end.state !== 'open') return;
    this.#pingSentAt = this.#clock.now();
    this.#end.send({ kind: 'ping' });
    if (this.#pongTimeoutMs <= 0) return;
    const pong = new AbortController();
    this.#pong = pong;
    this.#clock.sleep(this.#pongTimeoutMs, pong.signal).then(
      () => {
        if (this.#reports.closed !== undefined) return;
        this.#cause ??= 'ping-timeout';
        this.#muted = true;
        this.#end.destroy();
      },
      () => {},
    );
  }

  #onPong(): void {
    if (this.#pingSentAt === undefined) return; // unsolicited
    this.#pingSentAt = undefined;
    this.#pong?.abort();
    this.#pong = undefined;
  }

  #onClose(code: number, reason: string): void {
    if (this.#reports.closed !== undefined) return;
    this.#stopTimers.abort();
    this.#pong?.abort();
    const cause = this.#cause ?? 'remote';
    const info: CloseInfo = { code: cause === 'ping-timeout' ? 1006 : code, reason, cause };
    this.#reports.close(info);
  }
}

// What a WebSocket endpoint may put in a close frame (RFC 6455 7.4; as ws checks it).
function sendableCloseCode(code: number): boolean {
  return (
    (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999)
  );
}
