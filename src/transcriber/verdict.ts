// The one place that decides what a failure means. Everything that can go wrong in a run (a
// close, an `error` event, a refused upgrade, a failed item, a stalled session, a run of failed
// attempts) is described as a `Happening`; `judge` finds the first rule of `RULES` that matches
// and says what to do. Pure: the run loop acts on the verdict, docs/design.md's table is rendered from
// the same rules, and every rule has its own test.
import type { ErrorCode } from '../errors.js';
import type { ErrorDetail } from '../realtime/events.js';
import type { CloseCause } from '../realtime/transport-types.js';
import { saysWrongDeployment } from '../realtime/wrong-deployment.js';

export type Happening =
  /** A session the run still needed closed without being asked to. */
  | { kind: 'close'; code: number; reason: string; cause: CloseCause; expired: boolean }
  /** An `error` event. `configuring`: before `session.updated`; `answersUpdate`: its event_id is our session.update's. */
  | { kind: 'error'; detail: ErrorDetail; configuring: boolean; answersUpdate: boolean }
  /** A refused or failed WebSocket upgrade; no status for network errors and timeouts. */
  | { kind: 'upgrade'; status: number | undefined }
  /** conversation.item.input_audio_transcription.failed; `failedBefore`: its audio already failed once. */
  | { kind: 'item-failed'; detail: ErrorDetail | undefined; failedBefore: boolean }
  /** A watchdog found a connected session that no longer works; `late`: it owes transcripts and still answers. */
  | { kind: 'stall'; why: string; late: boolean }
  /** Failed attempts in a row with nothing acknowledged in between. */
  | { kind: 'attempts'; failures: number; max: number };

export type Action =
  | 'go-on' // nothing to do (the session goes on)
  | 'resume' // drop the run's sessions; a new one continues from the acknowledged offset
  | 'replace' // as resume, but the late session keeps draining: what it still sends is used if not yet covered
  | 'retry' // (an upgrade) try again after the backoff
  | 'resend' // a failed item: resume, so a fresh session transcribes its audio again
  | 'give-up-item' // a failed item, again: record its span as not transcribed and go on
  | 'fail'; // stop the run

export interface Verdict {
  action: Action;
  /** With 'fail': the stable code of the error the run ends with. */
  code?: ErrorCode;
  /** The rule that decided (for logs and tests). */
  rule: string;
}

interface Rule {
  id: string;
  kind: Happening['kind'];
  /** What the rule matches, in words (docs/design.md's table). */
  when: string;
  matches(h: never): boolean;
  action: Action;
  code?: ErrorCode;
  /** Why this is the right thing to do. */
  why: string;
}

// Closes that peers' reconnecting clients also treat as transient: going away, no status,
// abnormal (no close frame), server error, restart, try again later, TLS.
const RECOVERABLE_CLOSE_CODES: ReadonlySet<number> = new Set([1001, 1005, 1006, 1011, 1012, 1013, 1015]);

// `error` codes no new session can fix.
const CONFIG_ERROR_CODES = new Set(['invalid_model', 'model_not_found']);

const isBetaShape = (d: ErrorDetail) =>
  d.code === 'beta_api_shape_disabled' || /Realtime Beta API is no longer supported/i.test(d.message);

function rule<K extends Happening['kind']>(
  id: string,
  kind: K,
  when: string,
  matches: (h: Extract<Happening, { kind: K }>) => boolean,
  action: Action,
  why: string,
  code?: ErrorCode,
): Rule {
  return { id, kind, when, matches: matches as (h: never) => boolean, action, why, ...(code ? { code } : {}) };
}

/** Every rule, first match wins. */
export const RULES: readonly Rule[] = [
  // closes
  rule(
    'close-retired',
    'close',
    'close 4000',
    (h) => h.code === 4000,
    'fail',
    'the service speaks a protocol this client does not (the retired beta shape)',
    'PROTOCOL_RETIRED',
  ),
  rule(
    'close-expired',
    'close',
    'close after `session_expired`',
    (h) => h.expired,
    'resume',
    "the session hit the provider's cap; a new one carries on",
  ),
  rule(
    'close-ping',
    'close',
    'no pong in time',
    (h) => h.cause === 'ping-timeout',
    'resume',
    'the socket is dead even if it never closed',
  ),
  rule(
    'close-transient',
    'close',
    'close 1001, 1005, 1006, 1011, 1012, 1013, 1015',
    (h) => RECOVERABLE_CLOSE_CODES.has(h.code),
    'resume',
    'abrupt drops, restarts and overload pass; the audio after the acknowledged offset is re-sent',
  ),
  rule(
    'close-normal',
    'close',
    'close 1000 that the client did not ask for',
    (h) => h.code === 1000,
    'resume',
    'the service ended the session early; a new one carries on (bounded by --max-attempts)',
  ),
  rule(
    'close-refused',
    'close',
    'any other close (1008 policy, 1002/1003/1007/1009/1010, 4xxx)',
    () => true,
    'fail',
    'the service refused what was sent; sending it again gets the same answer',
    'SESSION_REFUSED',
  ),
  // error events
  rule(
    'error-retired',
    'error',
    '`beta_api_shape_disabled`',
    (h) => isBetaShape(h.detail),
    'fail',
    'the endpoint speaks the retired beta protocol',
    'PROTOCOL_RETIRED',
  ),
  rule(
    'error-key',
    'error',
    '`invalid_api_key`',
    (h) => h.detail.code === 'invalid_api_key',
    'fail',
    'only a different key helps',
    'AUTH_FAILED',
  ),
  rule(
    'error-quota',
    'error',
    '`insufficient_quota`',
    (h) => h.detail.code === 'insufficient_quota',
    'fail',
    'a spent quota does not come back by reconnecting',
    'QUOTA_EXCEEDED',
  ),
  rule(
    'error-model',
    'error',
    '`invalid_model`, `model_not_found`',
    (h) => CONFIG_ERROR_CODES.has(h.detail.code ?? ''),
    'fail',
    'the model or deployment does not exist',
    'CONFIG_INVALID',
  ),
  rule(
    'error-config',
    'error',
    'any error answering our `session.update`, or before `session.updated`',
    (h) => h.answersUpdate || h.configuring,
    'fail',
    'the service rejected the configuration: every new session would be rejected too',
    'CONFIG_REJECTED',
  ),
  rule(
    'error-expired',
    'error',
    '`session_expired`',
    (h) => h.detail.code === 'session_expired',
    'go-on',
    'its close follows and is judged then',
  ),
  rule(
    'error-commit-empty',
    'error',
    '`input_audio_buffer_commit_empty`',
    (h) => h.detail.code === 'input_audio_buffer_commit_empty',
    'go-on',
    'our commit found nothing new; not progress either, the watchdogs still wait for transcripts',
  ),
  rule(
    'error-rate-limit',
    'error',
    '`rate_limit_exceeded`',
    (h) => h.detail.code === 'rate_limit_exceeded',
    'resume',
    'a rate-limited session stops transcribing; a new one, after the wait the service asks for, carries on',
  ),
  rule(
    'error-other',
    'error',
    'any other error (`server_error`…)',
    () => true,
    'resume',
    'a session that reported an error can go on answering pings and commits without transcribing, and what it commits then cannot be told from what it heard; a fresh session from the acknowledged offset is the safe way on',
  ),
  // upgrades
  rule(
    'upgrade-network',
    'upgrade',
    'no response (network error, timeout)',
    (h) => h.status === undefined,
    'retry',
    'networks come back (a first connection that never succeeds is a wrong endpoint: see the opener)',
  ),
  rule(
    'upgrade-busy',
    'upgrade',
    'HTTP 408, 429, 5xx',
    (h) => h.status === 408 || h.status === 429 || (h.status !== undefined && h.status >= 500 && h.status <= 599),
    'retry',
    'busy and failing services recover; Retry-After is honoured',
  ),
  rule(
    'upgrade-refused',
    'upgrade',
    'any other status (400, 401, 403, 404…)',
    () => true,
    'fail',
    'a wrong key, endpoint or request stays wrong',
    'BAD_REQUEST',
  ),
  // failed items
  rule(
    'item-deployment',
    'item-failed',
    'failure whose words say the deployment or model is wrong',
    (h) => h.detail !== undefined && saysWrongDeployment(h.detail),
    'fail',
    'every item would fail the same way',
    'CONFIG_INVALID',
  ),
  rule(
    'item-first',
    'item-failed',
    'first failure of that audio',
    (h) => !h.failedBefore,
    'resend',
    'failures pass; a fresh session gets the audio once more',
  ),
  rule(
    'item-again',
    'item-failed',
    'second failure of the same audio',
    () => true,
    'give-up-item',
    'the run goes on, and ends incomplete (exit 1) naming the span',
  ),
  // watchdogs and counters
  rule(
    'stall-late',
    'stall',
    "a commit's transcript is later than the drain timeout, or than 3× the slowest of the last 10 transcripts if that is longer (at most 5 min), from a session that still answers",
    (h) => h.late,
    'replace',
    'slow is not dead: the deadline follows the latency the service has shown (3×, as one transcript can take much longer than the last; at most 5 min, well inside the replay limit), so a slow service is waited for; one that never transcribes shows none and is replaced after the drain timeout, as a zombie must be; the late session may still answer, and its transcript is used if it comes first',
  ),
  rule(
    'stall',
    'stall',
    'no event back for --watchdog of sound sent (a monologue longer while speech is open), or a late transcript from a session silent that long',
    () => true,
    'resume',
    'only a new session recovers a session that stopped working',
  ),
  rule(
    'attempts',
    'attempts',
    'more failed attempts in a row than --max-attempts',
    (h) => h.failures > h.max,
    'fail',
    'the service keeps failing',
    'RETRIES_EXHAUSTED',
  ),
  rule(
    'attempts-left',
    'attempts',
    'attempts left',
    () => true,
    'retry',
    'the counter resets once a session makes progress',
  ),
];

export function judge(happening: Happening): Verdict {
  for (const r of RULES) {
    if (r.kind === happening.kind && r.matches(happening as never)) {
      return { action: r.action, rule: r.id, ...(r.code ? { code: r.code } : {}) };
    }
  }
  // Every kind ends with a catch-all rule, so this is never reached.
  throw new Error(`no verdict rule for ${happening.kind}`);
}
