// How long the service asked us to wait: a refused upgrade's `Retry-After` header (RFC 9110:
// delta-seconds or an HTTP-date) or the "Please try again in 20s" of a `rate_limit_exceeded`
// error. Pure: `now` is passed in. Anything unreadable is undefined (fall back to backoff).

import type { ErrorDetail } from './events.js';
import type { ConnectError } from './transport-types.js';

// Far-future dates and absurd numbers are not a plan; the cap policy below decides what to do
// with long waits, this only keeps the arithmetic finite.
const MAX_PARSED_MS = 7 * 24 * 3_600_000;

/** Milliseconds to wait from a `Retry-After` value, relative to `nowMs` for a date; else undefined. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_PARSED_MS);
  // Some gateways send fractions ("1.5"); RFC 9110 does not, but the intent is plain.
  if (/^\d*\.\d+$/.test(text)) return Math.min(Math.ceil(Number(text) * 1000), MAX_PARSED_MS);
  // An HTTP-date always names its weekday or month in letters; Date.parse alone takes too much.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - nowMs), MAX_PARSED_MS);
}

/** The wait a refused upgrade asked for, from its headers (names lower-cased, as ConnectError has them). */
export function retryAfterFromHeaders(
  headers: Readonly<Record<string, string>> | undefined,
  nowMs: number,
): number | undefined {
  if (headers === undefined) return undefined;
  // The millisecond form, which the OpenAI SDKs read before Retry-After (Azure OpenAI sends it).
  const ms = headers['retry-after-ms']?.trim();
  if (ms && /^\d+(\.\d+)?$/.test(ms)) return Math.min(Math.ceil(Number(ms)), MAX_PARSED_MS);
  return parseRetryAfter(headers['retry-after'], nowMs);
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
};

/** The wait named in an error message ("try again in 20s", "in 1.5 seconds", "in 250ms"); else undefined. */
export function retryAfterFromMessage(message: string | undefined): number | undefined {
  if (!message) return undefined;
  const match = /\btry again in\s+(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)\b/i.exec(
    message,
  );
  if (!match) return undefined;
  const [, amount, unitName = ''] = match;
  const unit = UNIT_MS[unitName.toLowerCase()];
  if (unit === undefined) return undefined; // the pattern only matches the units named above
  return Math.min(Math.ceil(Number(amount) * unit), MAX_PARSED_MS);
}

/**
 * The wait one refusal asked for: a refused upgrade (its headers, else "try again in …" in its
 * body) or an `error` event's detail (its message; `rate_limit_exceeded` says it there).
 */
export function askedWaitMs(
  refusal: Pick<ConnectError, 'headers' | 'body'> | Pick<ErrorDetail, 'message'>,
  nowMs: number,
): number | undefined {
  if ('headers' in refusal) return retryAfterFromHeaders(refusal.headers, nowMs) ?? retryAfterFromMessage(refusal.body);
  return retryAfterFromMessage(refusal.message);
}

export type RetryAfterDecision =
  { action: 'wait'; waitMs: number } | { action: 'give-up'; askedMs: number; message: string };

/**
 * What to do with a wait the service asked for: take it when it is at most `capMs`, else stop with
 * a line that quotes the service (`serviceWords`, e.g. the error message or "HTTP 429").
 * `backoffMs` is our own delay: the wait is never shorter than it.
 */
export function retryAfterDecision(
  askedMs: number | undefined,
  capMs: number,
  backoffMs: number,
  serviceWords: string,
): RetryAfterDecision {
  if (askedMs === undefined) return { action: 'wait', waitMs: backoffMs };
  if (askedMs > capMs) {
    return {
      action: 'give-up',
      askedMs,
      message: `the service asked to wait ${formatWait(askedMs)} before trying again, more than the ${formatWait(capMs)} limit (${serviceWords})`,
    };
  }
  return { action: 'wait', waitMs: Math.max(askedMs, backoffMs) };
}

/** "3 s", "1.5 s", "250 ms", "2 min 5 s": for the stderr line that shows the wait. */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))} s`;
  const min = Math.floor(ms / 60_000);
  const sec = Math.round((ms % 60_000) / 1000);
  return sec === 0 ? `${min} min` : `${min} min ${sec} s`;
}
