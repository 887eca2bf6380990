// Opening a session: connect, configure, wait for `session.updated`. What time can fix (network
// errors, 429, 503, timeouts) is retried with capped jittered backoff; what it cannot fails at
// once with a line that says what to change. Which is which, the verdict says.
import { TranscribeError, isTranscribeError } from '../errors.js';
import type { Clock } from '../util/clock.js';
import { ConnectError, type Connect, type Transport } from '../realtime/transport-types.js';
import { backoffDelayMs, sessionUpdate, type ResolvedEndpoint } from '../realtime/index.js';
import { handshakeError } from './handshake-error.js';
import { askedWaitMs, formatWait, retryAfterDecision } from '../realtime/retry-after.js';
import { ConfigurationRefused, type Session } from './session.js';
import type { SessionGate } from './gate/session-gate.js';
import type { PolicyOptions } from './options.js';
import type { EventLog } from './event-log.js';
import type { TranscribeEvent } from './events.js';
import { judge } from './verdict.js';
import { retiredProtocol, serviceRefusal } from './failure.js';

// Node's words for a certificate chain it cannot trust (self-signed, an unknown issuer): what a
// TLS-inspecting proxy's re-signed certificate looks like to a client that lacks its CA.
const UNTRUSTED_CERTIFICATE = /self[- ]signed certificate|unable to (get local issuer|verify the first) certificate/i;

export interface OpenerDeps {
  connect: Connect;
  endpoint: ResolvedEndpoint;
  policy: PolicyOptions;
  clock: Clock;
  random: () => number;
  signal?: AbortSignal | undefined;
  /** Shared limit on concurrent sessions (batch runs, parallel spans). */
  gate: SessionGate;
  eventLog: EventLog;
  emit(event: TranscribeEvent): void;
  /** Builds the Session around a connected transport. */
  newSession(transport: Transport): Session;
}

export interface OpenRequest {
  purpose: 'start' | 'resume' | 'rotation-prepare';
  /** Failures since the last progress; shared with the caller, who resets it on progress. */
  counter: { attempts: number };
  /** Set when this open follows a failure: wait the backoff (at least `minDelayMs`) first. */
  cause?: string | undefined;
  minDelayMs?: number | undefined;
  /** Input second the session will start from (for the events). */
  fromSec: number;
  /** No session of this run has opened yet: a host that never answers is more likely a typo. */
  firstOpen: boolean;
  /** A fatal error seen elsewhere stops the retries. */
  stopped(): Error | undefined;
}

// A first connection refused or unreachable this many times is a wrong endpoint, not an outage.
const FIRST_OPEN_NETWORK_ATTEMPTS = 3;
// The longest wait a Retry-After (or "try again in N s") may ask for before the run stops instead.
const RETRY_AFTER_CAP_MS = 10 * 60_000;

export class SessionOpener {
  constructor(private readonly deps: OpenerDeps) {}

  async open(request: OpenRequest): Promise<Session> {
    const { deps } = this;
    const { counter } = request;
    let cause = request.cause;
    let askedMs = request.minDelayMs;
    let networkFailures = 0;
    for (;;) {
      if (cause !== undefined) {
        this.giveUpIfHopeless(request, networkFailures, cause);
        const backoff = backoffDelayMs(
          Math.max(1, counter.attempts),
          { baseMs: deps.policy.backoffBaseMs, maxMs: deps.policy.backoffMaxMs, jitter: 0.5 },
          deps.random,
        );
        const decision = retryAfterDecision(askedMs, RETRY_AFTER_CAP_MS, backoff, cause);
        if (decision.action === 'give-up') {
          throw new TranscribeError('SERVICE_UNAVAILABLE', decision.message, {
            hint: 'try again later; the service says when',
          });
        }
        const delayMs = decision.waitMs;
        // A wait the service asked for is shown even without -v: the run looks stuck otherwise.
        if (askedMs !== undefined && askedMs > backoff)
          deps.emit({
            type: 'warning',
            message: `the service asked to wait ${formatWait(askedMs)}; reconnecting then`,
          });
        deps.emit({ type: 'reconnect', attempt: counter.attempts, delayMs, fromSec: request.fromSec, cause });
        deps.eventLog.record({ kind: 'backoff', attempt: counter.attempts, delayMs, cause });
        try {
          await deps.clock.sleep(delayMs, deps.signal);
        } catch {
          throw new TranscribeError('INTERRUPTED', 'interrupted while waiting to reconnect');
        }
      }
      const fatal = request.stopped();
      if (fatal) throw fatal;
      try {
        const session = await this.openOnce();
        deps.eventLog.record({
          kind: 'session-open',
          session: session.number,
          purpose: request.purpose,
          fromSec: request.fromSec,
        });
        return session;
      } catch (error) {
        if (error instanceof TokenRefused) {
          cause = undefined; // a fresh token, at once: the service has not refused anything yet
          continue;
        }
        if (isTranscribeError(error)) throw error;
        const stoppedBy = request.stopped();
        if (stoppedBy) throw stoppedBy;
        counter.attempts++;
        if (error instanceof ConnectError && error.status === undefined) networkFailures++;
        askedMs = error instanceof ConnectError ? askedWaitMs(error, Date.now()) : undefined;
        cause = (error as Error).message;
      }
    }
  }

  private giveUpIfHopeless(request: OpenRequest, networkFailures: number, cause: string): void {
    const { policy, endpoint } = this.deps;
    const attempts = request.counter.attempts;
    // Nothing ever answered: a wrong endpoint or a service that is not running, and the user
    // should hear that rather than "gave up", however few attempts maxAttempts allows.
    const unreachable = request.firstOpen && networkFailures === attempts;
    if (unreachable && (attempts >= FIRST_OPEN_NETWORK_ATTEMPTS || attempts > policy.maxAttempts)) {
      throw new TranscribeError(
        'SERVICE_UNAVAILABLE',
        `cannot connect to the endpoint (${endpoint.displayUrl}): ${cause}`,
        {
          hint: UNTRUSTED_CERTIFICATE.test(cause)
            ? "the server's certificate is not trusted: behind a TLS-inspecting proxy, trust the proxy's CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem (for an emulator, its cert file)"
            : 'check `endpoint` / AZURE_OPENAI_ENDPOINT, and that the service (or emulator) is running and reachable',
        },
      );
    }
    if (judge({ kind: 'attempts', failures: attempts, max: policy.maxAttempts }).action === 'fail') {
      throw new TranscribeError(
        'RETRIES_EXHAUSTED',
        `gave up after ${attempts} failed attempts in a row (last: ${cause})`,
        {
          hint: 'the service keeps failing; check its status and your quota, or raise `maxAttempts`',
        },
      );
    }
  }

  private async openOnce(): Promise<Session> {
    const { deps } = this;
    const auth = await deps.endpoint.authorize(); // a token source fetches or refreshes here
    const release = await deps.gate.acquire(deps.signal);
    let transport: Transport;
    try {
      transport = await deps.connect({
        url: deps.endpoint.url,
        headers: auth.headers,
        handshakeTimeoutMs: deps.policy.handshakeTimeoutMs,
        pingIntervalMs: deps.policy.pingIntervalMs,
        pongTimeoutMs: deps.policy.pongTimeoutMs,
        proxy: deps.endpoint.proxy,
      });
    } catch (error) {
      release();
      deps.gate.report('refused');
      // A 401 for a token that may have expired: once more with a fresh one before it is final.
      if (error instanceof ConnectError && error.status === 401 && error.proxy === undefined && auth.refused())
        throw new TokenRefused();
      throw this.upgradeFailure(error);
    }
    auth.accepted();
    const session = deps.newSession(transport);
    session.holdSlot(release);
    try {
      session.configure(this.update());
    } catch {
      // The socket was already closing (a service that refuses at once): its close says why.
    }
    const timeout = new AbortController();
    try {
      await Promise.race([
        session.configured,
        deps.clock.sleep(deps.policy.handshakeTimeoutMs, timeout.signal).then(
          () => Promise.reject(new Error(`no session.updated within ${deps.policy.handshakeTimeoutMs} ms`)),
          () => undefined,
        ),
      ]);
    } catch (error) {
      session.end('failed', false);
      if (error instanceof ConfigurationRefused) {
        throw serviceRefusal(
          error.detail,
          judge({ kind: 'error', detail: error.detail, configuring: true, answersUpdate: true }),
        );
      }
      const info = session.closeInfo;
      if (info?.code === 4000) throw retiredProtocol(info.code, info.reason);
      throw error;
    } finally {
      timeout.abort();
    }
    deps.gate.report('opened');
    return session;
  }

  private upgradeFailure(error: unknown): unknown {
    const { endpoint } = this.deps;
    if (!(error instanceof ConnectError)) return error;
    if (judge({ kind: 'upgrade', status: error.status }).action === 'fail') {
      return handshakeError(error, endpoint.displayUrl, endpoint.secrets, endpoint.credential);
    }
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new TranscribeError('CONFIG_INVALID', `cannot resolve the endpoint's host (${endpoint.displayUrl})`, {
        hint: 'check `endpoint` / AZURE_OPENAI_ENDPOINT for a typo in the resource name',
        cause: error,
      });
    }
    return error;
  }

  private update() {
    const { policy, endpoint } = this.deps;
    return sessionUpdate({
      model: endpoint.transcriptionModel,
      ...(policy.language ? { language: policy.language } : {}),
      ...(policy.languages ? { languages: policy.languages } : {}),
      ...(policy.keywords ? { keywords: policy.keywords } : {}),
      ...(policy.delay ? { delay: policy.delay } : {}),
      ...(policy.prompt ? { prompt: policy.prompt } : {}),
      turnDetection: policy.turnDetection,
      ...(policy.noiseReduction ? { noiseReduction: policy.noiseReduction } : {}),
      ...(policy.logprobs ? { logprobs: true } : {}),
    });
  }
}

/** The service refused a token that a token source can replace: try again with a fresh one. */
class TokenRefused extends Error {}
