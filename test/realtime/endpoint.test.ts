import { describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/errors.js';
import {
  isAzureHost,
  resolveEndpoint,
  type EndpointOptions,
  type ResolvedEndpoint,
} from '../../src/realtime/endpoint.js';

const KEY = 'azkey-0123456789abcdef';
const TOKEN = 'eyJhbGciOi.entra.token';
const OAI = 'sk-proj-abcdef0123456789';

// The data of a resolved endpoint, without its methods.
function data(resolved: ResolvedEndpoint) {
  const { authorize: _a, ...rest } = resolved;
  return rest;
}

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
    [
      '  https://res.cognitiveservices.azure.com  ',
      'wss://res.cognitiveservices.azure.com/openai/v1/realtime?intent=transcription',
    ],
    ['wss://res.openai.azure.com', 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription'],
    ['http://127.0.0.1:8123', 'ws://127.0.0.1:8123/openai/v1/realtime?intent=transcription'],
    ['ws://localhost:8123/', 'ws://localhost:8123/openai/v1/realtime?intent=transcription'],
    ['https://gateway.example.com/aoai', 'wss://gateway.example.com/aoai/openai/v1/realtime?intent=transcription'],
  ])('%s → %s', (endpoint, url) => {
    const resolved = resolveEndpoint({ ...azure, endpoint }, {});
    expect(data(resolved)).toEqual({
      provider: 'azure',
      url,
      headers: { 'api-key': KEY },
      transcriptionModel: 'transcribe-prod',
      secrets: [KEY],
      displayUrl: url,
      credential: 'apiKey',
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
      {
        AZURE_OPENAI_ENDPOINT: 'https://env.openai.azure.com',
        AZURE_OPENAI_API_KEY: KEY,
        AZURE_OPENAI_DEPLOYMENT: 'env-dep',
      },
    );
    expect(resolved.url).toBe('wss://flag.openai.azure.com/openai/v1/realtime?intent=transcription');
    expect(resolved.headers).toEqual({ 'api-key': 'flag-key-1' });
    expect(resolved.transcriptionModel).toBe('flag-dep');
    expect(resolved.secrets).toEqual(['flag-key-1', KEY]);
  });

  it('sends an Entra ID token as a bearer token', () => {
    const base = { endpoint: 'https://res.openai.azure.com', deployment: 'd' };
    expect(resolveEndpoint({ ...base, token: TOKEN }, {}).headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
    expect(resolveEndpoint({ ...base, token: `Bearer ${TOKEN}` }, {}).headers).toEqual({
      Authorization: `Bearer ${TOKEN}`,
    });
    expect(resolveEndpoint(base, { AZURE_OPENAI_AD_TOKEN: TOKEN }).headers).toEqual({
      Authorization: `Bearer ${TOKEN}`,
    });
    // A `token` option beats a key in the environment; a key beats a token when both come from it.
    expect(resolveEndpoint({ ...base, token: TOKEN }, { AZURE_OPENAI_API_KEY: KEY }).headers).toEqual({
      Authorization: `Bearer ${TOKEN}`,
    });
    expect(resolveEndpoint(base, { AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_AD_TOKEN: TOKEN }).headers).toEqual({
      'api-key': KEY,
    });
  });

  it('uses the Azure path for a loopback emulator when the provider is azure', () => {
    const resolved = resolveEndpoint(
      { provider: 'azure', endpoint: 'http://127.0.0.1:5000', apiKey: 'emu-key', deployment: 'd' },
      {},
    );
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
      'no API key for Azure OpenAI: pass `apiKey` or set AZURE_OPENAI_API_KEY (for Microsoft Entra ID: `azureCredential`, `tokenCommand`, or `token` / AZURE_OPENAI_AD_TOKEN)',
    ],
    [
      'no deployment',
      { endpoint: 'https://res.openai.azure.com', apiKey: KEY },
      {},
      'CONFIG_MISSING',
      'no deployment for Azure OpenAI: pass `deployment` or set AZURE_OPENAI_DEPLOYMENT (the name of your transcription model deployment)',
    ],
    [
      'no endpoint',
      { deployment: 'd', apiKey: KEY },
      {},
      'CONFIG_MISSING',
      'no endpoint for Azure OpenAI: pass `endpoint` or set AZURE_OPENAI_ENDPOINT (https://RESOURCE.openai.azure.com)',
    ],
    [
      'only an Azure key in the environment',
      {},
      { AZURE_OPENAI_API_KEY: KEY },
      'CONFIG_MISSING',
      'no endpoint for Azure OpenAI: pass `endpoint` or set AZURE_OPENAI_ENDPOINT (https://RESOURCE.openai.azure.com)',
    ],
    [
      'a malformed scheme',
      { endpoint: 'htp:/x', apiKey: KEY, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'malformed endpoint (htp:/x): expected https://RESOURCE.openai.azure.com (`endpoint` or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'no scheme',
      {},
      { AZURE_OPENAI_ENDPOINT: 'res.openai.azure.com', AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_DEPLOYMENT: 'd' },
      'CONFIG_INVALID',
      'malformed endpoint (res.openai.azure.com): expected https://RESOURCE.openai.azure.com (`endpoint` or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'ftp',
      { endpoint: 'ftp://res.openai.azure.com', apiKey: KEY, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'malformed endpoint (ftp://res.openai.azure.com): expected https://RESOURCE.openai.azure.com (`endpoint` or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'a deployment path',
      { endpoint: 'https://res.openai.azure.com/openai/deployments/d/realtime', apiKey: KEY, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'endpoint (https://res.openai.azure.com/openai/deployments/d/realtime) points at a deployment path; the GA API is /openai/v1/realtime (`endpoint` or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'credentials in the URL',
      { endpoint: 'https://user:pass@res.openai.azure.com', apiKey: KEY, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'endpoint (https://***@res.openai.azure.com) contains a user name or password (`endpoint` or AZURE_OPENAI_ENDPOINT)',
    ],
    [
      'both a key and a token',
      { endpoint: 'https://res.openai.azure.com', apiKey: KEY, token: TOKEN, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'both `apiKey` and `token` were given: pass one of them',
    ],
    [
      'a key with a space inside',
      { endpoint: 'https://res.openai.azure.com', apiKey: `${KEY} x`, deployment: 'd' },
      {},
      'CONFIG_INVALID',
      'the API key (`apiKey` or AZURE_OPENAI_API_KEY) contains spaces, line breaks or non-ASCII characters',
    ],
  ])('rejects %s', (_name, opts, env, code, message) => {
    const error = fails(opts, env);
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('trims a trailing newline from a key read from a file', () => {
    const resolved = resolveEndpoint(
      { endpoint: 'https://r.openai.azure.com', apiKey: `${KEY}\n`, deployment: 'd' },
      {},
    );
    expect(resolved.headers).toEqual({ 'api-key': KEY });
  });
});

describe('resolveEndpoint: OpenAI', () => {
  it('uses the public GA URL with a bearer key and the default model', () => {
    expect(data(resolveEndpoint({}, { OPENAI_API_KEY: OAI }))).toEqual({
      provider: 'openai',
      url: 'wss://api.openai.com/v1/realtime?intent=transcription',
      headers: { Authorization: `Bearer ${OAI}` },
      transcriptionModel: 'gpt-4o-transcribe',
      secrets: [OAI],
      displayUrl: 'wss://api.openai.com/v1/realtime?intent=transcription',
      credential: 'OPENAI_API_KEY',
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

  it('reads OPENAI_BASE_URL and a model', () => {
    const resolved = resolveEndpoint(
      { model: 'gpt-4o-mini-transcribe' },
      { OPENAI_API_KEY: OAI, OPENAI_BASE_URL: 'http://localhost:7000/v1' },
    );
    expect(resolved.url).toBe('ws://localhost:7000/v1/realtime?intent=transcription');
    expect(resolved.transcriptionModel).toBe('gpt-4o-mini-transcribe');
  });

  it('does not take an Azure endpoint for OpenAI when the provider is explicit', () => {
    const resolved = resolveEndpoint(
      { provider: 'openai' },
      { OPENAI_API_KEY: OAI, AZURE_OPENAI_ENDPOINT: 'https://r.openai.azure.com' },
    );
    expect(resolved.url).toBe('wss://api.openai.com/v1/realtime?intent=transcription');
  });

  it('recognises an api.openai.com endpoint without a provider', () => {
    const resolved = resolveEndpoint(
      { endpoint: 'https://api.openai.com/v1', apiKey: OAI },
      { AZURE_OPENAI_DEPLOYMENT: 'd' },
    );
    expect(resolved.provider).toBe('openai');
  });

  it.each<[string, EndpointOptions, NodeJS.ProcessEnv, string, string]>([
    [
      'no key',
      { provider: 'openai' },
      {},
      'CONFIG_MISSING',
      'no API key for OpenAI: pass `apiKey` or set OPENAI_API_KEY',
    ],
    [
      'a model in the URL',
      { provider: 'openai', endpoint: 'https://api.openai.com/v1/realtime?model=gpt-4o-transcribe' },
      { OPENAI_API_KEY: OAI },
      'CONFIG_INVALID',
      'endpoint (https://api.openai.com/v1/realtime?model=gpt-4o-transcribe) has a model parameter, which transcription sessions must not send (`endpoint` or OPENAI_BASE_URL)',
    ],
    [
      'a malformed base URL',
      {},
      { OPENAI_API_KEY: OAI, OPENAI_BASE_URL: 'api.openai.com/v1' },
      'CONFIG_INVALID',
      'malformed endpoint (api.openai.com/v1): expected https://api.openai.com/v1 (`endpoint` or OPENAI_BASE_URL)',
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
      'no Realtime service configured: pass `endpoint` and `deployment` (or set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT) for Azure OpenAI, or set OPENAI_API_KEY for OpenAI',
    );
  });

  it('rejects an unknown provider', () => {
    const error = fails({ provider: 'google' as 'azure' }, {});
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe('unknown provider (google): expected azure or openai (`provider`)');
  });

  it('treats empty variables as unset', () => {
    const resolved = resolveEndpoint(
      {},
      { AZURE_OPENAI_ENDPOINT: '', AZURE_OPENAI_DEPLOYMENT: ' ', OPENAI_API_KEY: OAI },
    );
    expect(resolved.provider).toBe('openai');
  });

  it('prefers Azure when an Azure deployment is set alongside OPENAI_API_KEY', () => {
    const error = fails({}, { AZURE_OPENAI_DEPLOYMENT: 'd', OPENAI_API_KEY: OAI });
    expect(error.message).toMatch(/^no endpoint for Azure OpenAI/);
  });
});

describe('resolveEndpoint: endpoints as users paste them', () => {
  const GA = 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription';

  it.each([
    [
      'https://res.openai.azure.com/openai/realtime?api-version=2024-10-01-preview&deployment=gpt-4o-transcribe',
      GA,
      'endpoint: using wss://res.openai.azure.com/openai/v1/realtime?intent=transcription with deployment gpt-4o-transcribe; api-version=2024-10-01-preview dropped (the GA API takes none); the preview path /openai/realtime is /openai/v1/realtime in GA; deployment taken from the URL',
    ],
    [
      'wss://res.openai.azure.com/openai/realtime?deployment=gpt-4o-transcribe&api-version=2025-04-01-preview',
      GA,
      'endpoint: using wss://res.openai.azure.com/openai/v1/realtime?intent=transcription with deployment gpt-4o-transcribe; api-version=2025-04-01-preview dropped (the GA API takes none); the preview path /openai/realtime is /openai/v1/realtime in GA; deployment taken from the URL',
    ],
    [
      'https://res.openai.azure.com/openai/v1/realtime?deployment=gpt-4o-transcribe&intent=transcription',
      GA,
      'endpoint: using wss://res.openai.azure.com/openai/v1/realtime?intent=transcription with deployment gpt-4o-transcribe; deployment taken from the URL',
    ],
    [
      'https://res.openai.azure.com/openai/v1?api-version=2025-04-01-preview',
      GA,
      'endpoint: using wss://res.openai.azure.com/openai/v1/realtime?intent=transcription with deployment gpt-4o-transcribe; api-version=2025-04-01-preview dropped (the GA API takes none)',
    ],
  ])('%s works in one step', (endpoint, url, notice) => {
    const env = endpoint.includes('deployment=') ? {} : { AZURE_OPENAI_DEPLOYMENT: 'gpt-4o-transcribe' };
    const resolved = resolveEndpoint({ endpoint, apiKey: KEY }, env);
    expect(resolved.url).toBe(url);
    expect(resolved.transcriptionModel).toBe('gpt-4o-transcribe');
    expect(resolved.notice).toBe(notice);
  });

  it('lets the deployment option win over the URL, and the URL win over AZURE_OPENAI_DEPLOYMENT', () => {
    const endpoint = 'https://res.openai.azure.com/openai/realtime?api-version=1&deployment=from-url';
    const flag = resolveEndpoint(
      { endpoint, apiKey: KEY, deployment: 'from-flag' },
      { AZURE_OPENAI_DEPLOYMENT: 'from-env' },
    );
    expect(flag.transcriptionModel).toBe('from-flag');
    expect(flag.notice).toBe(
      'endpoint: using wss://res.openai.azure.com/openai/v1/realtime?intent=transcription with deployment from-flag; api-version=1 dropped (the GA API takes none); the preview path /openai/realtime is /openai/v1/realtime in GA; `deployment` wins over deployment=from-url in the URL',
    );
    expect(resolveEndpoint({ endpoint, apiKey: KEY }, { AZURE_OPENAI_DEPLOYMENT: 'from-env' }).transcriptionModel).toBe(
      'from-url',
    );
  });

  it('keeps a gateway query, masks a key in it, and says nothing when nothing was changed', () => {
    const resolved = resolveEndpoint(
      { endpoint: `https://gw.example.com/x?key=${KEY}&api-version=1`, apiKey: KEY, deployment: 'd' },
      {},
    );
    expect(resolved.url).toBe(`wss://gw.example.com/x/openai/v1/realtime?key=${KEY}&intent=transcription`);
    expect(resolved.displayUrl).toBe('wss://gw.example.com/x/openai/v1/realtime?key=***&intent=transcription');
    expect(resolved.notice).toBe(
      'endpoint: using wss://gw.example.com/x/openai/v1/realtime?key=***&intent=transcription with deployment d; api-version=1 dropped (the GA API takes none)',
    );
    expect(
      resolveEndpoint({ endpoint: 'https://res.openai.azure.com', apiKey: KEY, deployment: 'd' }, {}).notice,
    ).toBeUndefined();
  });

  it('drops a path on a Microsoft host that is not the API', () => {
    const resolved = resolveEndpoint(
      { endpoint: 'https://res.services.ai.azure.com/api/projects/p1', apiKey: KEY, deployment: 'd' },
      {},
    );
    expect(resolved.url).toBe('wss://res.services.ai.azure.com/openai/v1/realtime?intent=transcription');
    expect(resolved.notice).toBe(
      'endpoint: using wss://res.services.ai.azure.com/openai/v1/realtime?intent=transcription with deployment d; path /api/projects/p1 dropped (the Realtime API is at /openai/v1/realtime)',
    );
  });

  it.each([
    ['res.openai.azure.com', true],
    ['RES.OpenAI.Azure.com', true],
    ['res.cognitiveservices.azure.com', true],
    ['res.services.ai.azure.com:443', true],
    ['api.openai.com', false],
    ['openai.azure.com.evil.example', false],
    ['127.0.0.1:8000', false],
  ])('isAzureHost(%s) is %s', (host, azure) => {
    expect(isAzureHost(host)).toBe(azure);
  });

  it('leaves OPENAI_BASE_URL to OpenAI, even at an Azure host (how the OpenAI SDKs reach Azure v1)', () => {
    const resolved = resolveEndpoint(
      {},
      { OPENAI_BASE_URL: 'https://res.openai.azure.com/openai/v1', OPENAI_API_KEY: OAI },
    );
    expect(resolved.provider).toBe('openai');
    expect(resolved.url).toBe(GA);
    expect(resolved.headers).toEqual({ Authorization: `Bearer ${OAI}` });
  });
});

describe('resolveEndpoint: credentials per connection', () => {
  const base = { endpoint: 'https://res.openai.azure.com', deployment: 'd' };

  it('gives a key on every connection, and a 401 on it is final', async () => {
    const resolved = resolveEndpoint({ ...base, apiKey: KEY }, {});
    const auth = await resolved.authorize();
    expect(auth.headers).toEqual({ 'api-key': KEY });
    expect(auth.refused()).toBe(false);
    expect((await resolved.authorize()).headers).toEqual({ 'api-key': KEY });
  });

  it('gives a fixed token as a bearer token, static headers included', async () => {
    const resolved = resolveEndpoint({ ...base, token: TOKEN }, {});
    expect(resolved.headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
    expect(resolved.credential).toBe('token');
    const auth = await resolved.authorize();
    expect(auth.headers).toEqual({ Authorization: `Bearer ${TOKEN}` });
    expect(auth.refused()).toBe(false);
  });

  it('calls a token function before each connection and redacts what it returns', async () => {
    let n = 0;
    const resolved = resolveEndpoint({ ...base, token: async () => `fn-token-${++n}` }, {});
    expect(resolved.headers).toEqual({});
    expect(resolved.credential).toBe('the token function');
    expect((await resolved.authorize()).headers).toEqual({ Authorization: 'Bearer fn-token-1' });
    expect((await resolved.authorize()).headers).toEqual({ Authorization: 'Bearer fn-token-2' });
    expect(resolved.secrets).toEqual(['fn-token-1', 'fn-token-2']);
  });

  it('runs a token command through the injected runner and redacts its token', async () => {
    const resolved = resolveEndpoint(
      { ...base, tokenCommand: 'print-token --flag' },
      {},
      { runCommand: async () => ({ status: 0, signal: null, stdout: 'cmd-token-1\n', stderr: '', timedOut: false }) },
    );
    expect(resolved.credential).toBe('tokenCommand');
    expect((await resolved.authorize()).headers).toEqual({ Authorization: 'Bearer cmd-token-1' });
    expect(resolved.secrets).toEqual(['cmd-token-1']);
  });

  it.each<[string, EndpointOptions, string]>([
    [
      'a key and a token command',
      { apiKey: KEY, tokenCommand: 'x' },
      'both `apiKey` and `tokenCommand` were given: pass one of them',
    ],
    [
      'three credentials',
      { token: TOKEN, tokenCommand: 'x', azureCredential: true },
      '`token`, `tokenCommand` and `azureCredential` were given: pass one of them',
    ],
    [
      'a scope without `azureCredential`',
      { apiKey: KEY, tokenScope: 'https://ai.azure.com/.default' },
      '`tokenScope` (https://ai.azure.com/.default) applies only with `azureCredential`',
    ],
    [
      'a max age without `tokenCommand`',
      { apiKey: KEY, tokenMaxAgeMs: 60_000 },
      '`tokenMaxAgeMs` applies only with `tokenCommand`',
    ],
    ['an empty token command', { tokenCommand: '  ' }, '`tokenCommand` is empty'],
  ])('rejects %s', (_name, opts, message) => {
    const error = fails({ ...base, ...opts });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(message);
  });

  it('rejects azureCredential for OpenAI', () => {
    const error = fails({ provider: 'openai', azureCredential: true }, { OPENAI_API_KEY: OAI });
    expect(error.message).toBe('`azureCredential` is for Azure OpenAI, but the provider is openai');
  });

  it('lets an explicit token source win over a key in the environment', async () => {
    const resolved = resolveEndpoint({ ...base, token: async () => 'fn-token' }, { AZURE_OPENAI_API_KEY: KEY });
    expect((await resolved.authorize()).headers).toEqual({ Authorization: 'Bearer fn-token' });
  });
});
