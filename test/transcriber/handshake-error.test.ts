import { describe, expect, it } from 'vitest';
import { handshakeError } from '../../src/transcriber/handshake-error.js';
import { ConnectError } from '../../src/realtime/transport-types.js';

const URL = 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription';

describe('handshakeError', () => {
  const cases = [
    [
      401,
      'AUTH_FAILED',
      `the service rejected the key (401 from ${URL})`,
      'check `apiKey` / AZURE_OPENAI_API_KEY (or OPENAI_API_KEY)',
    ],
    [403, 'FORBIDDEN', `the service refused access (403 from ${URL})`, /^check `apiKey`/],
    [
      404,
      'NOT_FOUND',
      `no Realtime endpoint or deployment at ${URL} (404)`,
      'check `endpoint` / AZURE_OPENAI_ENDPOINT and `deployment` / AZURE_OPENAI_DEPLOYMENT',
    ],
    [429, 'SERVICE_UNAVAILABLE', `the service is unavailable or busy (429 from ${URL})`, /^wait and try again/],
    [503, 'SERVICE_UNAVAILABLE', `the service is unavailable or busy (503 from ${URL})`, /^wait and try again/],
    [405, 'BAD_REQUEST', `the service refused the WebSocket upgrade (405 from ${URL})`, /`endpoint`/],
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
    [
      'token',
      'Entra ID tokens expire after about an hour: get a new one, or let `azureCredential` or `tokenCommand` refresh it',
    ],
    [
      'tokenCommand',
      'a fresh token was refused too: check that the command gets a token for https://cognitiveservices.azure.com (az … --resource https://cognitiveservices.azure.com)',
    ],
    [
      'azureCredential',
      'a fresh token was refused too: check `tokenScope`, and that the identity has the Cognitive Services OpenAI User role on the resource',
    ],
  ])('makes a 401 about the token from %s', (credential, hint) => {
    const error = handshakeError(new ConnectError('refused', 401), URL, [], credential);
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toBe(`the service rejected the token from \`${credential}\` (401 from ${URL})`);
    expect(error.hint).toBe(hint);
    expect(handshakeError(new ConnectError('refused', 401), URL, [], 'apiKey').message).toBe(
      `the service rejected the key (401 from ${URL})`,
    );
  });

  it('reports a network failure with its reason', () => {
    const error = handshakeError(
      new ConnectError('connection failed: getaddrinfo ENOTFOUND nope.openai.azure.com'),
      URL,
    );
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toBe(
      `could not connect to ${URL}: connection failed: getaddrinfo ENOTFOUND nope.openai.azure.com`,
    );
  });
});
