// What a Transport reports, the same whatever carries it (a WebSocket, or the emulator's
// in-memory connection): each server event to every listener, in order, only while the
// connection is live; and its end exactly once, also to a listener added after it.
import { decodeServerEvent } from './codec.js';
import type { ServerEvent } from './events.js';
import type { CloseInfo } from './transport-types.js';

type EventListener = (event: ServerEvent, raw: string) => void;
type CloseListener = (info: CloseInfo) => void;

export class TransportReports {
  #eventListeners: EventListener[] = [];
  #closeListeners: CloseListener[] = [];
  #closed: CloseInfo | undefined;

  /** How the connection ended, once it has. */
  get closed(): CloseInfo | undefined {
    return this.#closed;
  }

  onEvent(listener: EventListener): void {
    if (this.#closed === undefined) this.#eventListeners.push(listener);
  }

  onClose(listener: CloseListener): void {
    const closed = this.#closed;
    // A listener added after the end still hears about it, once, as it would have.
    if (closed !== undefined) queueMicrotask(() => listener(closed));
    else this.#closeListeners.push(listener);
  }

  /** A text message: decoded (a malformed one reported as such), delivered while `live()` holds. */
  text(text: string, live: () => boolean): void {
    const decoded = decodeServerEvent(text);
    const event: ServerEvent = decoded.ok
      ? decoded.event
      : { type: 'unknown', originalType: '<malformed>', raw: { text, error: decoded.error } };
    this.event(event, text, live);
  }

  /** One event, to each listener, for as long as the connection stays live and open. */
  event(event: ServerEvent, raw: string, live: () => boolean): void {
    for (const listener of [...this.#eventListeners]) {
      if (this.#closed !== undefined || !live()) return;
      listener(event, raw);
    }
  }

  /** The connection ended: said once; later events and listeners are dropped. */
  close(info: CloseInfo): void {
    if (this.#closed !== undefined) return;
    this.#closed = info;
    const listeners = this.#closeListeners;
    this.#closeListeners = [];
    this.#eventListeners = [];
    for (const listener of listeners) listener(info);
  }
}
