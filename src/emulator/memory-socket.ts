// A WebSocket connection in memory: two ends, frames delivered in order and never inside the call
// that sent them, with the close handshake of RFC 6455 (a close frame is answered with one; an end
// that is destroyed sends none, and its peer sees 1006 after what was already on the way).
// Delivery waits on the injected clock (a zero-length sleep), so on a virtual clock no time passes
// while frames are in flight.
import type { Clock } from '../util/clock.js';

export type Frame =
  | { kind: 'text'; data: string }
  | { kind: 'ping' }
  | { kind: 'pong' }
  | { kind: 'close'; code: number; reason: string }
  | { kind: 'end' }; // the peer went away without a close frame

export interface EndHandlers {
  text(data: string): void;
  ping(): void;
  pong(): void;
  // Once. `code` and `reason` from the close frame, or 1006 and '' when there was none.
  closed(code: number, reason: string): void;
}

const IGNORE: EndHandlers = { text() {}, ping() {}, pong() {}, closed() {} };

export type EndState = 'open' | 'closing' | 'closed';

export class MemoryEnd {
  peer!: MemoryEnd;
  private handlers: EndHandlers = IGNORE;
  private currentState: EndState = 'open';
  private readonly inbox: Frame[] = [];
  private flushQueued = false;

  constructor(private readonly clock: Clock) {}

  get state(): EndState {
    return this.currentState;
  }

  // Frames that arrive before this is called wait in the inbox.
  attach(handlers: EndHandlers): void {
    this.handlers = handlers;
    this.queueFlush();
  }

  send(frame: { kind: 'text'; data: string } | { kind: 'ping' } | { kind: 'pong' }): void {
    if (this.currentState === 'open' || (this.currentState === 'closing' && frame.kind !== 'text'))
      this.peer.deliver(frame);
  }

  close(code: number, reason: string): void {
    if (this.currentState !== 'open') return;
    this.currentState = 'closing';
    this.peer.deliver({ kind: 'close', code, reason });
  }

  destroy(): void {
    if (this.currentState === 'closed') return;
    this.currentState = 'closed';
    this.inbox.length = 0; // what had not been read yet is lost with the socket
    // Our own side hears of it later too, as a socket reports its own close asynchronously (and
    // before the peer does, so a host has recorded the end by the time its client sees it).
    void this.clock.sleep(0).then(() => this.handlers.closed(1006, ''));
    this.peer.deliver({ kind: 'end' });
  }

  private deliver(frame: Frame): void {
    if (this.currentState === 'closed') return;
    this.inbox.push(frame);
    this.queueFlush();
  }

  private queueFlush(): void {
    if (this.flushQueued || this.handlers === IGNORE || this.inbox.length === 0) return;
    this.flushQueued = true;
    void this.clock.sleep(0).then(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    while (this.currentState !== 'closed') {
      const frame = this.inbox.shift();
      if (frame === undefined) break;
      this.read(frame);
    }
    this.inbox.length = 0;
  }

  private read(frame: Frame): void {
    switch (frame.kind) {
      case 'text':
        return this.handlers.text(frame.data);
      case 'ping':
        return this.handlers.ping();
      case 'pong':
        return this.handlers.pong();
      case 'close':
        // Our own close being answered, or the peer's to answer with the same code.
        if (this.currentState === 'open') this.peer.deliver({ kind: 'close', code: frame.code, reason: frame.reason });
        return this.finish(frame.code, frame.reason);
      case 'end':
        return this.finish(1006, '');
    }
  }

  private finish(code: number, reason: string): void {
    this.currentState = 'closed';
    this.handlers.closed(code, reason);
  }
}

// Two connected ends: [client, server].
export function memorySocketPair(clock: Clock): [MemoryEnd, MemoryEnd] {
  const client = new MemoryEnd(clock);
  const server = new MemoryEnd(clock);
  client.peer = server;
  server.peer = client;
  return [client, server];
}
