import { describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/errors.js';
import { resolveEndpoint, type EndpointOptions } from '../../src/realtime/endpoint.js';

const KEY = 'azkey-0123456789abcdef';
const TOKEN = 'eyJhbGciOi.entra.token';
const OAI = 'sk-proj-abcdef0123456789';

function fails(opts: EndpointOptions, env: NodeJS.ProcessEnv = {}): TranscribeError {
  try {
    resolveEndpoint(opts, env);
  } catch (err) {
    expect(err).toBeInstanceOf(TranscribeError);
    const error = err as TranscribeError;
    // No message or hint ever carries a credential.
    for (const secret of [KEY, TOKEN, OAI]) {
      expect(error.message).not.toContain(secret);
      expect(error.hint ?? '').not.toContain(secret);
    }
    expect(error.hint).toBeTruthy();
    return error;
  }
  throw new Error('expected resolveEndpoint to throw');
}

describe('resolveEndpoint: Azure', () => {
  const azure = { apiKey: KEY, deployment: 'transcribe-prod' };

  it.each([
    ['https://res.openai.azure.com', 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription'],
    ['https://res.openai.azure.com/', 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription'],
    ['https://res.openai.azure.com/openai/v1', 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription'],
    ['https://res.openai.azure.com/openai/v1/', 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription'],
    ['https://res.openai.azure.com/openai', 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription'],
    [
      'https://res.openai.azure.com/openai/v1/realtime?intent=transcription',
      'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription',
    ],
    ['  https://res.cognitiveservices.azure.com  ', 'wss://res.cognitiveservices.azure.com/openai/v1/realtime?intent=transcription'],
    ['wss://res.openai.azure.com', 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription'],
    ['http://127.0.0.1:8123', 'ws://127.0.0.1:8123/openai/v1/realtime?intent=transcription'],
    ['ws://localhost:8123/', 'ws://localhost:8123/openai/v1/realtime?intent=transcription'],
    ['https://gateway.example.com/aoai', 'wss://gateway.example.com/aoai/openai/v1/realtime?intent=transcription'],
  ])('%s → %s', (endpoint, url) => {
    const resolved = resolveEndpoint({ ...azure, endpoint }, {});
    expect(resolved).toEqual({
      provider: 'azure',
      url,
      headers: { 'api-key': KEY },
      transcriptionModel: 'transcribe-prod',
      secrets: [KEY],
      displayUrl: url,
    });
  });

  it('takes everything from the environment', () => {
    const resolved = resolveEndpoint(
      {},
      {
        AZURE_OPENAI_ENDPOINT: 'https://env.openai.azure.com',
        AZURE_OPENAI_API_KEY: KEY,
        AZURE_OPENAI_DEPLOYMENT: 'dep',
        OPENAI_API_KEY: OAI,
      },
    );
    expect(resolved.provider).toBe('azure');
    expect(resolved.url).toBe('wss://env.openai.azure.com/openai/v1/realtime?intent=transcription');
    expect(resolved.headers).toEqual({ 'api-key': KEY });
    expect(resolved.transcriptionModel).toBe('dep');
    expect(resolved.secrets).toEqual([KEY, OAI]);
  });

  it('lets flags win over the environment', () => {
    const resolved = resolveEndpoint(
      { endpoint: 'https://flag.openai.azure.com', apiKey: 'flag-key-1', deployment: 'flag-dep' },
      { AZURE_OPENAI_ENDPOINT: 'https://env.openai.azure.com', AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_DEPLOYMENT: 'env-dep' },
    );
    expect(resolved.url).toBe('wss://flag.openai.azure.com/openai/v1/realtime?intent=transcription');
    expect(resolved.headers).toEqual({ 'api-key': 'flag-key-1' });
    expect(resolved.transcriptionModel).toBe('flag-dep');
    expect(resolved.secrets).toEqual(['flag-key-1', KEY]);
  });

  it('sends an Entra ID token as a bearer token', () => {
    const base = { endpoint: 'https://res.openai.azure.com', deployment: 'd' };
    expect(resolveEndpoint({ ...base, token: TOKEN }, {}).headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
    expect(resolveEndpoint({ ...base, token: `Bearer ${TOKEN}` }, {}).headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
    expect(resolveEndpoint(base, { AZURE_OPENAI_AD_TOKEN: TOKEN }).headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
    // A --token flag beats a key in the environment; a key beats a token when both come from it.
    expect(resolveEndpoint({ ...base, token: TOKEN }, { AZURE_OPENAI_API_KEY: KEY }).headers).toEqual({
      Authorization: `Bearer ${TOKEN}`,
    });
    expect(resolveEndpoint(base, { AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_AD_TOKEN: TOKEN }).headers).toEqual({ 'api-key': KEY });
  });

  it('uses the Azure path for a loopback emulator when the provider is azure', () => {
    const resolved = resolveEndpoint({ provider: 'azure', endpoint: 'http://127.0.0.1:5000', apiKey: 'emu-key', deployment: 'd' }, {});
    expect(resolved.url).toBe('ws://127.0.0.1:5000/openai/v1/realtime?intent=transcription');
  });

  it('keeps other query parameters of a gateway', () => {
    const resolved = resolveEndpoint({ ...azure, endpoint: 'https://gw.example.com/x?route=eu' }, {});
    expect(resolved.url).toBe('wss://gw.example.com/x/openai/v1/realtime?route=eu&intent=transcription');
  });

  it.each<[string, EndpointOptions, NodeJS.ProcessEnv, string, string]>([
    [
      'no key',
      { endpoint: 'https://res.openai.azure.com', deployment: 'd' },
      {},
      'CONFIG_MISSING',
      'no API key for Azure OpenAI: pass --api-key or set AZURE_OPENAI_API_KEY (or --token / AZURE_OPENAI_AD_TOKEN for Entra ID)',
    ],
    [
      'no deployment',
      { endpoint: 'https://res.openai.azure.com', apiKey: KEY },
      {},
      'CONFIG_MISSING',
      'no deployment for Azure OpenAI: pass --deployment or set AZURE_OPENAI_DEPLOYMENT (the name of your transcription model deployment)',
    ],
    [
      'no endpoint',
      { deployment: 'd', apiKey: KEY },
      {},
      'CONFIG_MISSING',
      'no endpoint for Azure OpenAI: pass --endpoint or set AZURE_OPENAI_ENDPOINT (https://RESOURCE.openai.azure.com)',
    ],
    [
      'only an Azure key in the environment',
      {},
      { AZURE_OPENAI_API_KEY: KEY },
      'CONFIG_MISSING',
      'no endpoint for Azure OpenAI: pass --endpoint or set AZURE_OPENAI_ENDPOINT (https://RESOURCE.openai.azure.com)',
    ],
    [
      'a malformed scheme',
      { endpoint: 'htp:/x', apiKey: KEY, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'malformed endpoint (htp:/x): expected https://RESOURCE.openai.azure.com (--endpoint or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'no scheme',
      {},
      { AZURE_OPENAI_ENDPOINT: 'res.openai.azure.com', AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_DEPLOYMENT: 'd' },
      'CONFIG_INVALID',
      'malformed endpoint (res.openai.azure.com): expected https://RESOURCE.openai.azure.com (--endpoint or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'ftp',
      { endpoint: 'ftp://res.openai.azure.com', apiKey: KEY, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'malformed endpoint (ftp://res.openai.azure.com): expected https://RESOURCE.openai.azure.com (--endpoint or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'an api-version',
      { endpoint: 'https://res.openai.azure.com/openai/v1?api-version=2025-04-01-preview', apiKey: KEY, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'endpoint (https://res.openai.azure.com/openai/v1?api-version=2025-04-01-preview) has api-version=2025-04-01-preview, which the GA Realtime API (/openai/v1) does not accept (--endpoint or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'the preview path',
      { endpoint: 'https://res.openai.azure.com/openai/realtime', apiKey: KEY, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'endpoint (https://res.openai.azure.com/openai/realtime) points at a preview or deployment path; the GA API is /openai/v1/realtime (--endpoint or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'a key in the URL',
      { endpoint: `https://res.openai.azure.com/?key=${KEY}&api-version=1`, apiKey: KEY, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'endpoint (https://res.openai.azure.com/?key=***&api-version=1) has api-version=1, which the GA Realtime API (/openai/v1) does not accept (--endpoint or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'credentials in the URL',
      { endpoint: 'https://user:pass@res.openai.azure.com', apiKey: KEY, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'endpoint (https://***@res.openai.azure.com) contains a user name or password (--endpoint or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'both a key and a token',
      { endpoint: 'https://res.openai.azure.com', apiKey: KEY, token: TOKEN, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'both --api-key and --token were given: pass one of them',
    ],
    [
      'a key with a space inside',
      { endpoint: 'https://res.openai.azure.com', apiKey: `${KEY} x`, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'the API key (--api-key or AZURE_OPENAI_API_KEY) contains spaces, line breaks or non-ASCII characters',
    ],
  ])('rejects %s', (_name, opts, env, code, message) => {
    const error = fails(opts, env);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('trims a trailing newline from a key read from a file', () => {
    const resolved = resolveEndpoint({ endpoint: 'https://r.openai.azure.com', apiKey: `${KEY}\n`, deployment: 'd' }, {});
    expect(resolved.headers).toEqual({ 'api-key': KEY });
  });
});

describe('resolveEndpoint: OpenAI', () => {
  it('uses the public GA URL with a bearer key and the default model', () => {
    expect(resolveEndpoint({}, { OPENAI_API_KEY: OAI })).toEqual({
      provider: 'openai',
      url: 'wss://api.openai.com/v1/realtime?intent=transcription',
      headers: { Authorization: `Bearer ${OAI}` },
      transcriptionModel: 'gpt-4o-transcribe',
      secrets: [OAI],
      displayUrl: 'wss://api.openai.com/v1/realtime?intent=transcription',
    });
  });

  it.each([
    ['https://api.openai.com/v1', 'wss://api.openai.com/v1/realtime?intent=transcription'],
    ['https://api.openai.com/v1/', 'wss://api.openai.com/v1/realtime?intent=transcription'],
    ['https://proxy.example.com/openai/v1', 'wss://proxy.example.com/openai/v1/realtime?intent=transcription'],
    ['http://127.0.0.1:9000', 'ws://127.0.0.1:9000/v1/realtime?intent=transcription'],
    ['ws://127.0.0.1:9000/v1/realtime', 'ws://127.0.0.1:9000/v1/realtime?intent=transcription'],
  ])('base %s → %s', (endpoint, url) => {
    expect(resolveEndpoint({ provider: 'openai', endpoint, apiKey: OAI }, {}).url).toBe(url);
  });

  it('reads OPENAI_BASE_URL and a --model', () => {
    const resolved = resolveEndpoint({ model: 'gpt-4o-mini-transcribe' }, { OPENAI_API_KEY: OAI, OPENAI_BASE_URL: 'http://localhost:7000/v1' });
    expect(resolved.url).toBe('ws://localhost:7000/v1/realtime?intent=transcription');
    expect(resolved.transcriptionModel).toBe('gpt-4o-mini-transcribe');
  });

  it('does not take an Azure endpoint for OpenAI when the provider is explicit', () => {
    const resolved = resolveEndpoint({ provider: 'openai' }, { OPENAI_API_KEY: OAI, AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com' });
    expect(resolved.url).toBe('wss://api.openai.com/v1/realtime?intent=transcription');
  });

  it('recognises an api.openai.com endpoint without --provider', () => {
    const resolved = resolveEndpoint({ endpoint: 'https://api.openai.com/v1', apiKey: OAI }, { AZURE_OPENAI_DEPLOYMENT: 'd' });
    expect(resolved.provider).toBe('openai');
  });

  it.each<[string, EndpointOptions, NodeJS.ProcessEnv, string, string]>([
    ['no key', { provider: 'openai' }, {}, 'CONFIG_MISSING', 'no API key for OpenAI: pass --api-key or set OPENAI_API_KEY'],
    [
      'a model in the URL',
      { provider: 'openai', endpoint: 'https://api.openai.com/v1/realtime?model=gpt-4o-transcribe' },
      { OPENAI_API_KEY: OAI },
      'CONFIG_INVALID',
      'endpoint (https://api.openai.com/v1/realtime?model=gpt-4o-transcribe) has a model parameter, which transcription sessions must not send (--endpoint or OPENAI_BASE_URL)',
    ],
    [
      'a malformed base URL',
      {},
      { OPENAI_API_KEY: OAI, OPENAI_BASE_URL: 'api.openai.com/v1' },
      'CONFIG_INVALID',
      'malformed endpoint (api.openai.com/v1): expected https://api.openai.com/v1 (--endpoint or OPENAI_BASE_URL)',
    ],
  ])('rejects %s', (_name, opts, env, code, message) => {
    const error = fails(opts, env);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });
});

describe('resolveEndpoint: provider', () => {
  it('fails with a line that names both services when nothing is configured', () => {
    const error = fails({}, {});
    expect(error.code).toBe('CONFIG_MISSING');
    expect(error.message).toBe(
      'no Realtime service configured: pass --endpoint and --deployment (or set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT) for Azure OpenAI, or set OPENAI_API_KEY for OpenAI',
    );
  });

  it('rejects an unknown provider', () => {
    const error = fails({ provider: 'google' as 'azure' }, {});
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('unknown provider (google): expected azure or openai (--provider)');
  });

  it('treats empty variables as unset', () => {
    const resolved = resolveEndpoint({}, { AZURE_OPENAI_ENDPOINT: '', AZURE_OPENAI_DEPLOYMENT: ' ', OPENAI_API_KEY: OAI });
    expect(resolved.provider).toBe('openai');
  });

  it('prefers Azure when an Azure deployment is set alongside OPENAI_API_KEY', () => {
    const error = fails({}, { AZURE_OPENAI_DEPLOYMENT: 'd', OPENAI_API_KEY: OAI });
    expect(error.message).toMatch(/^no endpoint for Azure OpenAI/);
  });
});
