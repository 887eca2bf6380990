import { describe, expect, it } from 'vitest';
import { ConnectError } from '../../src/realtime/transport-types.js';
import {
  askedWaitMs,
  formatWait,
  parseRetryAfter,
  retryAfterDecision,
  retryAfterFromHeaders,
  retryAfterFromMessage,
} from '../../src/realtime/retry-after.js';

const NOW = Date.UTC(2026, 11, 1, 9, 0, 0);

describe('parseRetryAfter', () => {
  it.each<[string | undefined, number | undefined]>([
    ['3', 3000],
    [' 120 ', 120_000],
    ['0', 0],
    ['1.5', 1500],
    ['Tue, 01 Dec 2026 09:00:20 GMT', 20_000],
    ['Tue, 01 Dec 2026 08:59:00 GMT', 0], // a date in the past: go now
    ['Tuesday, 01-Dec-26 09:00:05 GMT', 5000], // the obsolete RFC 850 form
    ['', undefined],
    [undefined, undefined],
    ['-3', undefined],
    ['3s', undefined],
    ['soon', undefined],
    ['2026-12-01', undefined], // not an HTTP-date
  ])('%j → %j', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it('bounds an absurd value to a week', () => {
    expect(parseRetryAfter('99999999999', NOW)).toBe(7 * 24 * 3_600_000);
  });
});

describe('retryAfterFromHeaders', () => {
  it('prefers retry-after-ms, then retry-after', () => {
    expect(retryAfterFromHeaders({ 'retry-after-ms': '250', 'retry-after': '1' }, NOW)).toBe(250);
    expect(retryAfterFromHeaders({ 'retry-after': '2' }, NOW)).toBe(2000);
    expect(retryAfterFromHeaders({ 'retry-after-ms': 'x', 'retry-after': '2' }, NOW)).toBe(2000);
    expect(retryAfterFromHeaders({}, NOW)).toBeUndefined();
    expect(retryAfterFromHeaders(undefined, NOW)).toBeUndefined();
  });
});

describe('retryAfterFromMessage', () => {
  it.each<[string, number | undefined]>([
    [
      'Rate limit reached for gpt-4o-transcribe in organization org-x on tokens per min. Please try again in 20s.',
      20_000,
    ],
    ['Please try again in 1.5s. Visit https://platform.openai.com/account/rate-limits', 1500],
    ['Please try again in 250ms.', 250],
    ['try again in 2 seconds', 2000],
    ['Try again in 1 minute', 60_000],
    ['please TRY AGAIN IN 0.4 s', 400],
    ['Please try again later.', undefined],
    ['try again in a moment', undefined],
    ['in 20s', undefined],
  ])('%j → %j', (message, ms) => {
    expect(retryAfterFromMessage(message)).toBe(ms);
  });
  it('is undefined for no message', () => {
    expect(retryAfterFromMessage(undefined)).toBeUndefined();
  });
});

describe('askedWaitMs', () => {
  it('reads a refused upgrade: headers first, then its body', () => {
    expect(askedWaitMs(new ConnectError('refused', 429, '', { headers: { 'retry-after': '3' } }), NOW)).toBe(3000);
    expect(askedWaitMs(new ConnectError('refused', 429, '{"error":{"message":"Please try again in 2s."}}'), NOW)).toBe(
      2000,
    );
    expect(askedWaitMs(new ConnectError('refused', 503, 'busy'), NOW)).toBeUndefined();
  });
  it('reads an error event', () => {
    expect(askedWaitMs({ message: 'Rate limit reached. Please try again in 20s.' }, NOW)).toBe(20_000);
    expect(askedWaitMs({ message: 'The server had an error' }, NOW)).toBeUndefined();
  });
});

describe('retryAfterDecision', () => {
  it('waits our backoff when the service asked for nothing', () => {
    expect(retryAfterDecision(undefined, 60_000, 800, 'HTTP 429')).toEqual({ action: 'wait', waitMs: 800 });
  });
  it('waits at least as long as asked, and at least the backoff', () => {
    expect(retryAfterDecision(3000, 60_000, 800, 'HTTP 429')).toEqual({ action: 'wait', waitMs: 3000 });
    expect(retryAfterDecision(100, 60_000, 800, 'HTTP 429')).toEqual({ action: 'wait', waitMs: 800 });
    expect(retryAfterDecision(60_000, 60_000, 800, 'HTTP 429')).toEqual({ action: 'wait', waitMs: 60_000 });
  });
  it('gives up past the cap, quoting the service', () => {
    expect(retryAfterDecision(20 * 60_000, 5 * 60_000, 800, 'rate_limit_exceeded: Please try again in 20m.')).toEqual({
      action: 'give-up',
      askedMs: 1_200_000,
      message:
        'the service asked to wait 20 min before trying again, more than the 5 min limit (rate_limit_exceeded: Please try again in 20m.)',
    });
  });
});

describe('formatWait', () => {
  it.each<[number, string]>([
    [250, '250 ms'],
    [1000, '1 s'],
    [1500, '1.5 s'],
    [3000, '3 s'],
    [60_000, '1 min'],
    [125_000, '2 min 5 s'],
  ])('%d → %s', (ms, text) => {
    expect(formatWait(ms)).toBe(text);
  });
});
