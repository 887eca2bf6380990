// Opening a session: connect, configure, wait for `session.updated`. What time can fix (network
// errors, 429, 503, timeouts) is retried with capped jittered backoff; what it cannot (401, 403,
// 404, 400) fails at once with a line that says what to change.
import { TranscribeError, isTranscribeError } from '../errors.js';
import type { Clock } from '../util/clock.js';
import { ConnectError, type Connect, type Transport } from '../realtime/transport-types.js';
import { classifyHandshakeStatus, handshakeError, type ResolvedEndpoint } from '../realtime/index.js';
import type { Session } from './session.js';
import type { SessionGate } from './session-gate.js';
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
  /** Shared limit on concurrent sessions (batch runs). */
  gate: SessionGate;
  /** No session of this run has opened yet: a host that never answers is more likely a typo. */
  firstOpen: boolean;
}

// A first connection refused or unreachable this many times is a wrong endpoint, not an outage.
const FIRST_OPEN_NETWORK_ATTEMPTS = 3;

export async function openSessionWithRetry(o: OpenSessionOptions): Promise<Session> {
  let cause = o.firstCause;
  let networkFailures = 0;
  for (;;) {
    if (cause !== undefined) {
      // Nothing ever answered: a wrong endpoint or a service that is not running, and the user
      // should hear that rather than "gave up", however few attempts --max-attempts allows.
      const unreachable = o.firstOpen && networkFailures === o.counter.attempts;
      if (unreachable && (o.counter.attempts >= FIRST_OPEN_NETWORK_ATTEMPTS || o.counter.attempts > o.policy.maxAttempts)) {
        throw new TranscribeError('SERVICE_UNAVAILABLE', `cannot connect to the endpoint (${o.endpoint.displayUrl}): ${cause}`, {
          hint: 'check --endpoint / AZURE_OPENAI_ENDPOINT, and that the service (or emulator) is running and reachable',
        });
      }
      if (o.counter.attempts > o.policy.maxAttempts) {
        throw new TranscribeError('RETRIES_EXHAUSTED', `gave up after ${o.counter.attempts} failed attempts in a row (last: ${cause})`, {
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
      if (error instanceof ConnectError && error.status === undefined) networkFailures++;
      cause = (error as Error).message;
    }
  }
}

async function openOnce(o: OpenSessionOptions): Promise<Session> {
  let transport: Transport;
  const release = await o.gate.acquire(o.signal);
  try {
    transport = await o.connect({
      url: o.endpoint.url,
      headers: o.endpoint.headers,
      handshakeTimeoutMs: o.policy.handshakeTimeoutMs,
      pingIntervalMs: o.policy.pingIntervalMs,
      pongTimeoutMs: o.policy.pongTimeoutMs,
    });
  } catch (error) {
    release();
    o.gate.report('refused');
    if (error instanceof ConnectError && classifyHandshakeStatus(error.status) === 'fatal') {
      throw handshakeError(error, o.endpoint.displayUrl, o.endpoint.secrets);
    }
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new TranscribeError('CONFIG_INVALID', `cannot resolve the endpoint's host (${o.endpoint.displayUrl})`, {
        hint: 'check --endpoint / AZURE_OPENAI_ENDPOINT for a typo in the resource name',
        cause: error,
      });
    }
    throw error;
  }
  const session = o.createSession(transport);
  session.holdSlot(release);
  try {
    o.configure(session);
  } catch {
    // The socket was already closing (a service that refuses at once): its close says why.
  }
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
    const fatal = o.stopped(); // an `error` event that explains the refusal comes first
    if (fatal) throw fatal;
    const info = session.closeInfo;
    if (info?.code === 4000) throw retiredProtocol(info.code, info.reason);
    throw error;
  } finally {
    timeout.abort();
  }
  o.gate.report('opened');
  return session;
}

/** The endpoint speaks the retired beta protocol (error `beta_api_shape_disabled`, close 4000). */
export function retiredProtocol(code: number, reason: string): TranscribeError {
  return new TranscribeError('PROTOCOL_RETIRED', `the service closed the session with ${code}${reason ? ` (${reason})` : ''}`, {
    hint: 'this client speaks the GA protocol; use a GA /v1 Realtime endpoint (https://RESOURCE.openai.azure.com)',
  });
}
