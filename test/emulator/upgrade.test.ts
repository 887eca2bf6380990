import { describe, expect, it } from 'vitest';
import { judgeUpgrade, refusalBody } from '../../src/emulator/upgrade.js';

const KEY = 'k';

describe('judgeUpgrade', () => {
  it('accepts both GA paths with the right credentials', () => {
    expect(judgeUpgrade('/openai/v1/realtime?intent=transcription', { 'api-key': KEY }, KEY)).toEqual({
      kind: 'accept',
      path: '/openai/v1/realtime',
      opening: { betaHeader: false, modelParam: null },
    });
    expect(judgeUpgrade('/v1/realtime', { authorization: `Bearer ${KEY}` }, KEY)).toMatchObject({
      kind: 'accept',
      path: '/v1/realtime',
    });
    // Browsers cannot set headers on a WebSocket: the key may come as a subprotocol.
    expect(
      judgeUpgrade('/v1/realtime', { 'sec-websocket-protocol': `realtime, openai-insecure-api-key.${KEY}` }, KEY),
    ).toMatchObject({ kind: 'accept' });
  });

  it('notes the beta header and a model parameter for the session to answer', () => {
    expect(
      judgeUpgrade(
        '/v1/realtime?model=whisper-1',
        { authorization: `Bearer ${KEY}`, 'openai-beta': 'realtime=v1' },
        KEY,
      ),
    ).toMatchObject({
      opening: { betaHeader: true, modelParam: 'whisper-1' },
    });
  });

  it('refuses paths, versions and keys the service refuses', () => {
    expect(judgeUpgrade('/openai/realtime?api-version=2024-10-01-preview', { 'api-key': KEY }, KEY)).toMatchObject({
      status: 404,
    });
    expect(judgeUpgrade('/openai/v1/realtime?api-version=preview', { 'api-key': KEY }, KEY)).toMatchObject({
      status: 400,
      code: 'unsupported_api_version',
      param: 'api-version',
    });
    expect(judgeUpgrade('/openai/v1/realtime', {}, KEY)).toEqual({
      kind: 'refuse',
      status: 401,
      message: "Missing API key: send it in the 'api-key' header or 'Authorization: Bearer <key>'.",
    });
    expect(judgeUpgrade('/v1/realtime', { 'api-key': KEY }, KEY)).toEqual({
      kind: 'refuse',
      status: 401,
      message: "Missing API key: send it in 'Authorization: Bearer <key>'.",
    });
    expect(judgeUpgrade('/v1/realtime', { authorization: 'Bearer other' }, KEY)).toMatchObject({
      status: 401,
      message: 'Incorrect API key provided.',
    });
    // The key with a suffix is a token only when it comes as one.
    expect(judgeUpgrade('/openai/v1/realtime', { 'api-key': `${KEY}.1` }, KEY)).toMatchObject({ status: 401 });
    expect(judgeUpgrade('/openai/v1/realtime', { authorization: `Bearer ${KEY}x` }, KEY)).toMatchObject({
      status: 401,
    });
  });

  it('names the Bearer token it accepted (key, or key.suffix as a minted token), not an api-key', () => {
    expect(judgeUpgrade('/openai/v1/realtime', { authorization: `Bearer ${KEY}.7` }, KEY)).toMatchObject({
      kind: 'accept',
      bearer: `${KEY}.7`,
    });
    expect(judgeUpgrade('/v1/realtime', { authorization: `Bearer ${KEY}` }, KEY)).toMatchObject({
      kind: 'accept',
      bearer: KEY,
    });
    expect(judgeUpgrade('/openai/v1/realtime', { 'api-key': KEY }, KEY)).not.toHaveProperty('bearer');
  });

  it('shapes refusal bodies like service errors', () => {
    expect(JSON.parse(refusalBody(503))).toEqual({
      error: {
        message: 'The service is temporarily unavailable. Retry after a short wait.',
        type: 'server_error',
        code: 'service_unavailable',
        param: null,
      },
    });
    expect(JSON.parse(refusalBody(401, 'Nope.')).error).toMatchObject({ code: 'invalid_api_key', message: 'Nope.' });
  });
});
