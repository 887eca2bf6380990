// The seam between the session manager (policy) and the socket (I/O). The transport reports what
// happened; it never decides to reconnect. Tests inject their own `Connect`.
import type { ClientEvent, ServerEvent } from './events.js';

/** What a Connect opens: the URL, the upgrade's headers, and the timeouts it must keep. */
export interface ConnectRequest {
  url: string;
  /** Sent on the upgrade request. May contain secrets: never log them (see redact.ts). */
  headers: Record<string, string>;
  /** Give up on an upgrade that has not completed after this long. */
  handshakeTimeoutMs: number;
  /** WebSocket ping interval; 0 disables pings. */
  pingIntervalMs: number;
  /** No pong within this long after a ping: the connection is dead (terminated, reported as 1006). */
  pongTimeoutMs: number;
  /**
   * An HTTP proxy to tunnel through with CONNECT. `url` may carry a credential: print
   * `displayUrl`; `secrets` are the credential's forms, masked in everything reported.
   */
  proxy?: { url: string; displayUrl: string; secrets?: readonly string[] } | undefined;
}

/** Who or what ended a connection. */
export type CloseCause =
  | 'remote' // the peer closed (with or without a close frame)
  | 'local' // we called close() or terminate()
  | 'ping-timeout' // no pong in time
  | 'error'; // a socket error ended the connection

/** How a connection ended, reported once through `Transport.onClose`. */
export interface CloseInfo {
  /** WebSocket close code; 1006 when the TCP connection ended without a close frame. */
  code: number;
  reason: string;
  cause: CloseCause;
}

/**
 * One open connection to the service. It reports what happened (events, the close) and decides
 * nothing: reconnecting is the caller's business.
 */
export interface Transport {
  /** Encodes and sends one client event. Throws if the socket is no longer open. */
  send(event: ClientEvent): void;
  /** Bytes queued in the socket but not yet written to the network (for backpressure). */
  bufferedAmount(): number;
  /** Graceful close (close frame). */
  close(code?: number, reason?: string): void;
  /** Immediate close without handshake. */
  terminate(): void;
  /** Every decoded server event, in arrival order; `raw` is the JSON text as received. */
  onEvent(listener: (event: ServerEvent, raw: string) => void): void;
  /** Exactly once, when the connection has ended for any reason. */
  onClose(listener: (info: CloseInfo) => void): void;
}

/** A proxy's refusal of CONNECT: the proxy as printable, the host:port asked for, its status line. */
export interface ProxyRefusal {
  displayUrl: string;
  target: string;
  /** e.g. `407 Proxy Authentication Required`. */
  answer: string;
}

/**
 * Why an upgrade failed. `status` is the HTTP status of a refused upgrade (401, 404, 429, 503…),
 * absent for network errors and timeouts.
 */
export class ConnectError extends Error {
  readonly status: number | undefined;
  readonly body: string;
  /** Response headers of a refused upgrade, names lower-cased (e.g. `retry-after`). */
  readonly headers: Readonly<Record<string, string>>;
  /** Set when it was the proxy that refused the tunnel (CONNECT), not the service. */
  readonly proxy: ProxyRefusal | undefined;
  constructor(
    message: string,
    status?: number,
    body = '',
    options?: { cause?: unknown; headers?: Record<string, string>; proxy?: ProxyRefusal },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectError';
    this.status = status;
    this.body = body;
    this.headers = options?.headers ?? {};
    this.proxy = options?.proxy;
  }
}

/** Opens one connection; resolves once the WebSocket is open, rejects with ConnectError. */
export type Connect = (request: ConnectRequest) => Promise<Transport>;
