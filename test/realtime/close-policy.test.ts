import { describe, expect, it } from 'vitest';
import {
  classifyHandshakeStatus,
  classifyServerError,
  handshakeError,
  isRecoverableClose,
} from '../../src/realtime/close-policy.js';
import { ConnectError } from '../../src/realtime/transport-types.js';

const URL = 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription';

describe('isRecoverableClose', () => {
  it.each([1001, 1005, 1006, 1011, 1012, 1013, 1015])('%i is recoverable', (code) => {
    expect(isRecoverableClose(code)).toBe(true);
  });
  it.each([1000, 1002, 1003, 1007, 1008, 1009, 1010, 4000, 4001, 4999])('%i is not', (code) => {
    expect(isRecoverableClose(code)).toBe(false);
  });
});

describe('classifyHandshakeStatus', () => {
  it.each([
    [undefined, 'retry'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [400, 'fatal'],
    [401, 'fatal'],
    [403, 'fatal'],
    [404, 'fatal'],
    [302, 'fatal'],
    [426, 'fatal'],
  ] as const)('%s → %s', (status, expected) => {
    expect(classifyHandshakeStatus(status)).toBe(expected);
  });
});

describe('classifyServerError', () => {
  it.each([
    ['invalid_api_key', 'fatal'],
    ['invalid_model', 'fatal'],
    ['beta_api_shape_disabled', 'fatal'],
    ['insufficient_quota', 'fatal'],
    ['session_expired', 'session-ended'],
    ['input_audio_buffer_commit_empty', 'ignore'],
    ['rate_limit_exceeded', 'ignore'],
  ] as const)('%s → %s', (code, expected) => {
    expect(classifyServerError({ type: 'invalid_request_error', code, message: 'm' })).toBe(expected);
  });

  it('recognises the retired beta shape by its message and ignores an error without a code', () => {
    const message = 'The Realtime Beta API is no longer supported. Please use /v1/realtime for the GA API.';
    expect(classifyServerError({ type: 'invalid_request_error', code: null, message })).toBe('fatal');
    expect(classifyServerError({ type: 'server_error', message: 'The server had an error' })).toBe('ignore');
  });
});

describe('handshakeError', () => {
  const cases = [
    [401, 'AUTH_FAILED', `the service rejected the key (401 from ${URL})`, 'check --api-key / AZURE_OPENAI_API_KEY (or OPENAI_API_KEY)'],
    [403, 'FORBIDDEN', `the service refused access (403 from ${URL})`, /^check --api-key/],
    [404, 'NOT_FOUND', `no Realtime endpoint or deployment at ${URL} (404)`, 'check --endpoint / AZURE_OPENAI_ENDPOINT and --deployment / AZURE_OPENAI_DEPLOYMENT'],
    [429, 'SERVICE_UNAVAILABLE', `the service is unavailable or busy (429 from ${URL})`, /^wait and try again/],
    [503, 'SERVICE_UNAVAILABLE', `the service is unavailable or busy (503 from ${URL})`, /^wait and try again/],
    [405, 'BAD_REQUEST', `the service refused the WebSocket upgrade (405 from ${URL})`, /--endpoint/],
  ] as const;

  it.each(cases)('%i → %s', (status, code, message, hint) => {
    const cause = new ConnectError('refused', status, '{"error":{"message":"nope"}}');
    const error = handshakeError(cause, URL);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
    if (typeof hint === 'string') expect(error.hint).toBe(hint);
    else expect(error.hint).toMatch(hint);
    expect(error.cause).toBe(cause);
  });

  it('puts the service explanation of a 400 in the message, redacted', () => {
    const body = '{"error":{"message":"Bad header value secret-key-1234","code":"bad"}}';
    const error = handshakeError(new ConnectError('refused', 400, body), URL, ['secret-key-1234']);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe(`the service rejected the connection request (400 from ${URL}): Bad header value ***`);
    expect(handshakeError(new ConnectError('refused', 400, ''), URL).message).toBe(
      `the service rejected the connection request (400 from ${URL})`,
    );
    expect(handshakeError(new ConnectError('refused', 400, 'plain\n text'), URL).message).toBe(
      `the service rejected the connection request (400 from ${URL}): plain text`,
    );
  });

  it.each([
    ['--token', 'Entra ID tokens expire after about an hour: get a new one, or let --azure-credential or --token-command refresh it'],
    ['--token-command', 'a fresh token was refused too: check that the command gets a token for https://cognitiveservices.azure.com (az … --resource https://cognitiveservices.azure.com)'],
    ['--azure-credential', 'a fresh token was refused too: check --token-scope, and that the identity has the Cognitive Services OpenAI User role on the resource'],
  ])('makes a 401 about the token from %s', (credential, hint) => {
    const error = handshakeError(new ConnectError('refused', 401), URL, [], credential);
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toBe(`the service rejected the token from ${credential} (401 from ${URL})`);
    expect(error.hint).toBe(hint);
    expect(handshakeError(new ConnectError('refused', 401), URL, [], '--api-key').message).toBe(`the service rejected the key (401 from ${URL})`);
  });

  it('reports a network failure with its reason', () => {
    const error = handshakeError(new ConnectError('connection failed: getaddrinfo ENOTFOUND nope.openai.azure.com'), URL);
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe(`could not connect to ${URL}: connection failed: getaddrinfo ENOTFOUND nope.openai.azure.com`);
  });
});
