// The failure verdict: every rule of the table, and docs/design.md's copy of it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judge, RULES, type Happening } from '../../src/transcriber/verdict.js';
import { renderVerdictTable } from '../../src/transcriber/verdict-table.js';
import type { ErrorDetail } from '../../src/realtime/events.js';

const close = (code: number, extra: Partial<Extract<Happening, { kind: 'close' }>> = {}): Happening => ({
  kind: 'close',
  code,
  reason: '',
  cause: 'remote',
  expired: false,
  ...extra,
});
const error = (
  detail: Partial<ErrorDetail>,
  extra: { configuring?: boolean; answersUpdate?: boolean } = {},
): Happening => ({
  kind: 'error',
  detail: { type: 'invalid_request_error', message: 'm', ...detail },
  configuring: extra.configuring ?? false,
  answersUpdate: extra.answersUpdate ?? false,
});

describe('closes', () => {
  it.each([1001, 1005, 1006, 1011, 1012, 1013, 1015])('%i resumes', (code) => {
    expect(judge(close(code))).toEqual({ action: 'resume', rule: 'close-transient' });
  });
  it('a normal close the client did not ask for resumes (bounded by the attempt counter)', () => {
    expect(judge(close(1000)).action).toBe('resume');
  });
  it.each([1002, 1003, 1007, 1008, 1009, 1010, 4001, 4999])('%i stops the run', (code) => {
    expect(judge(close(code))).toEqual({ action: 'fail', code: 'SESSION_REFUSED', rule: 'close-refused' });
  });
  it('4000 is the retired beta protocol', () => {
    expect(judge(close(4000))).toMatchObject({ action: 'fail', code: 'PROTOCOL_RETIRED' });
  });
  it('an expired session and a ping timeout resume, whatever the code', () => {
    expect(judge(close(1008, { expired: true })).rule).toBe('close-expired');
    expect(judge(close(1000, { cause: 'ping-timeout' })).rule).toBe('close-ping');
  });
});

describe('error events', () => {
  it.each([
    ['invalid_api_key', 'fail', 'AUTH_FAILED'],
    ['invalid_model', 'fail', 'CONFIG_INVALID'],
    ['model_not_found', 'fail', 'CONFIG_INVALID'],
    ['insufficient_quota', 'fail', 'QUOTA_EXCEEDED'],
    ['beta_api_shape_disabled', 'fail', 'PROTOCOL_RETIRED'],
  ] as const)('%s → %s %s', (code, action, errorCode) => {
    expect(judge(error({ code }))).toMatchObject({ action, code: errorCode });
  });
  it.each([
    ['session_expired', 'go-on'],
    ['input_audio_buffer_commit_empty', 'go-on'],
    ['rate_limit_exceeded', 'resume'],
    ['server_error', 'resume'],
  ] as const)('%s → %s', (code, action) => {
    expect(judge(error({ code })).action).toBe(action);
  });
  it('a generic server_error with code null replaces the session: it may answer without transcribing', () => {
    expect(judge(error({ type: 'server_error', code: null, message: 'The server had an error' })).action).toBe(
      'resume',
    );
  });
  it('recognises the retired beta shape by its message too', () => {
    const message = 'The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API.';
    expect(judge(error({ code: null, message })).code).toBe('PROTOCOL_RETIRED');
  });
  it('any error answering our session.update, or before session.updated, is a rejected configuration', () => {
    expect(
      judge(error({ code: 'invalid_value', param: 'session.audio.input.turn_detection' }, { answersUpdate: true })),
    ).toMatchObject({
      action: 'fail',
      code: 'CONFIG_REJECTED',
    });
    expect(judge(error({ code: 'rate_limit_exceeded' }, { configuring: true })).code).toBe('CONFIG_REJECTED');
  });
});

describe('upgrades', () => {
  it.each([
    [undefined, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [400, 'fail'],
    [401, 'fail'],
    [403, 'fail'],
    [404, 'fail'],
    [302, 'fail'],
    [426, 'fail'],
  ] as const)('%s → %s', (status, action) => {
    expect(judge({ kind: 'upgrade', status }).action).toBe(action);
  });
});

describe('failed items', () => {
  const generic: ErrorDetail = {
    type: 'server_error',
    code: null,
    message: 'Input transcription failed for item item_1',
  };
  it('a first failure re-sends, a second gives the span up', () => {
    expect(judge({ kind: 'item-failed', detail: generic, failedBefore: false }).action).toBe('resend');
    expect(judge({ kind: 'item-failed', detail: generic, failedBefore: true }).action).toBe('give-up-item');
  });
  it('only words that say so make it a wrong deployment', () => {
    const wrong: ErrorDetail = {
      type: 'invalid_request_error',
      code: 'model_not_found',
      message: 'The model does not exist',
    };
    expect(judge({ kind: 'item-failed', detail: wrong, failedBefore: false })).toMatchObject({
      action: 'fail',
      code: 'CONFIG_INVALID',
    });
    const deploymentWords: ErrorDetail = { type: 'x', message: 'The API deployment for this resource does not exist.' };
    expect(judge({ kind: 'item-failed', detail: deploymentWords, failedBefore: false }).action).toBe('fail');
    expect(judge({ kind: 'item-failed', detail: undefined, failedBefore: false }).action).toBe('resend');
  });
});

describe('stalls and attempts', () => {
  it('a silent stall resumes; a late one replaces the session and keeps it draining; attempts past the maximum stop the run', () => {
    expect(judge({ kind: 'stall', why: 'x', late: false }).action).toBe('resume');
    expect(judge({ kind: 'stall', why: 'x', late: true })).toEqual({ action: 'replace', rule: 'stall-late' });
    expect(judge({ kind: 'attempts', failures: 8, max: 8 }).action).toBe('retry');
    expect(judge({ kind: 'attempts', failures: 9, max: 8 })).toMatchObject({
      action: 'fail',
      code: 'RETRIES_EXHAUSTED',
    });
  });
});

describe('the table', () => {
  it('every rule has a reason and a unique id, and every kind ends with a catch-all', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) expect(r.why.length).toBeGreaterThan(10);
  });
  it("is docs/design.md's table, word for word", () => {
    const design = readFileSync(new URL('../../docs/design.md', import.meta.url), 'utf8');
    expect(design).toContain(renderVerdictTable());
  });
});
