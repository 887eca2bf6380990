// Opening a session: connect, configure, wait for `session.updated`. What time can fix (network
// errors, 429, 503, timeouts) is retried with capped jittered backoff; what it cannot (401, 403,
// 404, 400) fails at once with a line that says what to change.
import { TranscribeError, isTranscribeError } from '../errors.js';
import type { Clock } from '../util/clock.js';
import { ConnectError, type Connect, type Transport } from '../realtime/transport-types.js';
import { classifyHandshakeStatus, handshakeError, type ResolvedEndpoint } from '../realtime/index.js';
import type { Session } from './session.js';
import type { PolicyOptions } from './options.js';

export interface OpenSessionOptions {
  connect: Connect;
  endpoint: ResolvedEndpoint;
  policy: PolicyOptions;
  clock: Clock;
  signal?: AbortSignal | undefined;
  /** Failures since the last progress; shared with the caller, who resets it on progress. */
  counter: { attempts: number };
  /** Set when this open follows a failure: wait the backoff before the first try. */
  firstCause?: string | undefined;
  delay(attempt: number): number;
  createSession(transport: Transport): Session;
  configure(session: Session): void;
  onRetry(attempt: number, delayMs: number, cause: string): void;
  onOpened(session: Session): void;
  /** A fatal error seen elsewhere (e.g. an `error` event) stops the retries. */
  stopped(): Error | undefined;
}

export async function openSessionWithRetry(o: OpenSessionOptions): Promise<Session> {
  let cause = o.firstCause;
  for (;;) {
    if (cause !== undefined) {
      if (o.counter.attempts > o.policy.maxAttempts) {
        throw new TranscribeError('RETRIES_EXHAUSTED', `gave up after ${o.policy.maxAttempts} attempts with no progress; last: ${cause}`, {
          hint: 'the service keeps failing; check its status and your quota, or raise --max-attempts',
        });
      }
      const delayMs = o.delay(Math.max(1, o.counter.attempts));
      o.onRetry(o.counter.attempts, delayMs, cause);
      try {
        await o.clock.sleep(delayMs, o.signal);
      } catch {
        throw new TranscribeError('INTERRUPTED', 'interrupted while waiting to reconnect');
      }
    }
    const fatal = o.stopped();
    if (fatal) throw fatal;
    try {
      const session = await openOnce(o);
      o.onOpened(session);
      return session;
    } catch (error) {
      if (isTranscribeError(error)) throw error;
      const stoppedBy = o.stopped();
      if (stoppedBy) throw stoppedBy;
      o.counter.attempts++;
      cause = (error as Error).message;
    }
  }
}

async function openOnce(o: OpenSessionOptions): Promise<Session> {
  let transport: Transport;
  try {
    transport = await o.connect({
      url: o.endpoint.url,
      headers: o.endpoint.headers,
      handshakeTimeoutMs: o.policy.handshakeTimeoutMs,
      pingIntervalMs: o.policy.pingIntervalMs,
      pongTimeoutMs: o.policy.pongTimeoutMs,
    });
  } catch (error) {
    if (error instanceof ConnectError && classifyHandshakeStatus(error.status) === 'fatal') {
      throw handshakeError(error, o.endpoint.displayUrl);
    }
    throw error;
  }
  const session = o.createSession(transport);
  o.configure(session);
  const timeout = new AbortController();
  try {
    await Promise.race([
      session.configured,
      o.clock.sleep(o.policy.handshakeTimeoutMs, timeout.signal).then(
        () => Promise.reject(new Error(`no session.updated within ${o.policy.handshakeTimeoutMs} ms`)),
        () => undefined,
      ),
    ]);
  } catch (error) {
    session.end('failed', false);
    const info = session.closeInfo;
    if (info?.code === 4000) {
      throw new TranscribeError('PROTOCOL_RETIRED', `the service closed the session with 4000${info.reason ? ` (${info.reason})` : ''}`, {
        hint: 'this endpoint speaks the retired beta protocol; use a GA /v1 Realtime endpoint',
      });
    }
    throw error;
  } finally {
    timeout.abort();
  }
  return session;
}
