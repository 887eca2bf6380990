// Turns flags and environment into the one WebSocket URL and headers of a GA transcription
// session. Pure: the environment is passed in. Every failure names the flag, the variable and the
// bad value (never a key), because a wrong endpoint is the commonest cause of a failed first run.
import { TranscribeError } from '../errors.js';
import { redact } from './redact.js';

export type Provider = 'azure' | 'openai';

export interface EndpointOptions {
  provider?: Provider;
  /** Azure: https://RESOURCE.openai.azure.com; OpenAI: a base URL such as https://api.openai.com/v1. */
  endpoint?: string;
  apiKey?: string;
  /** Microsoft Entra ID bearer token (Azure), sent instead of an API key. */
  token?: string;
  /** Azure deployment name; it is what the session's transcription model must be on Azure. */
  deployment?: string;
  /** OpenAI transcription model. */
  model?: string;
}

export interface ResolvedEndpoint {
  provider: Provider;
  url: string;
  /** Sent on the upgrade request; carries the credential. */
  headers: Record<string, string>;
  /** The deployment name on Azure, the model on OpenAI. */
  transcriptionModel: string;
  /** Every secret value seen (used or not), for redact(). */
  secrets: string[];
  /** The URL as it may be printed. */
  displayUrl: string;
}

export const DEFAULT_OPENAI_MODEL = 'gpt-4o-transcribe';
const OPENAI_BASE_URL = 'https://api.openai.com/v1';

const AZURE_ENDPOINT_SOURCE = '--endpoint or AZURE_OPENAI_ENDPOINT';
const OPENAI_ENDPOINT_SOURCE = '--endpoint or OPENAI_BASE_URL';

/** Resolves the Realtime URL, headers and transcription model from options, falling back to `env`. */
export function resolveEndpoint(opts: EndpointOptions, env: NodeJS.ProcessEnv = process.env): ResolvedEndpoint {
  const secrets = [opts.apiKey, opts.token, env.AZURE_OPENAI_API_KEY, env.AZURE_OPENAI_AD_TOKEN, env.OPENAI_API_KEY]
    .map(clean)
    .filter((s): s is string => s !== undefined);
  const provider = chooseProvider(opts, env);
  const resolved = provider === 'azure' ? resolveAzure(opts, env, secrets) : resolveOpenAI(opts, env, secrets);
  return { ...resolved, provider, secrets, displayUrl: redact(resolved.url, secrets) };
}

type UrlAndAuth = Pick<ResolvedEndpoint, 'url' | 'headers' | 'transcriptionModel'>;

function chooseProvider(opts: EndpointOptions, env: NodeJS.ProcessEnv): Provider {
  if (opts.provider !== undefined) {
    if (opts.provider === 'azure' || opts.provider === 'openai') return opts.provider;
    throw new TranscribeError('CONFIG_INVALID', `unknown provider (${String(opts.provider)}): expected azure or openai (--provider)`, {
      hint: 'pass --provider azure or --provider openai',
    });
  }
  const endpoint = clean(opts.endpoint);
  // An explicit OpenAI URL says which service is meant, whatever Azure variables are set.
  if (endpoint !== undefined && /^(https?|wss?):\/\/api\.openai\.com(\/|$)/i.test(endpoint)) return 'openai';
  const azureGiven = [endpoint, clean(opts.deployment), clean(env.AZURE_OPENAI_ENDPOINT), clean(env.AZURE_OPENAI_DEPLOYMENT)];
  if (azureGiven.some((v) => v !== undefined)) return 'azure';
  if (clean(env.OPENAI_API_KEY) !== undefined) return 'openai';
  // Only an Azure credential is set: say which Azure setting is missing rather than "no provider".
  if (clean(env.AZURE_OPENAI_API_KEY) !== undefined || clean(env.AZURE_OPENAI_AD_TOKEN) !== undefined) return 'azure';
  throw new TranscribeError(
    'CONFIG_MISSING',
    'no Realtime service configured: pass --endpoint and --deployment (or set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT) for Azure OpenAI, or set OPENAI_API_KEY for OpenAI',
    { hint: 'to try it without credentials, run with --local (a built-in emulator)' },
  );
}

function resolveAzure(opts: EndpointOptions, env: NodeJS.ProcessEnv, secrets: string[]): UrlAndAuth {
  const endpoint = clean(opts.endpoint) ?? clean(env.AZURE_OPENAI_ENDPOINT);
  if (endpoint === undefined) {
    throw new TranscribeError(
      'CONFIG_MISSING',
      'no endpoint for Azure OpenAI: pass --endpoint or set AZURE_OPENAI_ENDPOINT (https://RESOURCE.openai.azure.com)',
      { hint: 'the endpoint is listed in the Azure portal under your resource, Keys and Endpoint' },
    );
  }
  const base = parseBase(endpoint, 'https://RESOURCE.openai.azure.com', AZURE_ENDPOINT_SOURCE, secrets);
  const shown = redact(endpoint, secrets);
  const apiVersion = base.query.get('api-version');
  if (apiVersion !== null) {
    // The GA /openai/v1 API answers 401 to any api-version, which would look like a bad key.
    throw new TranscribeError(
      'CONFIG_INVALID',
      `endpoint (${shown}) has api-version=${apiVersion}, which the GA Realtime API (/openai/v1) does not accept (${AZURE_ENDPOINT_SOURCE})`,
      { hint: 'remove the query string: pass only https://RESOURCE.openai.azure.com' },
    );
  }
  if (/\/openai\/(realtime|deployments)(\/|$)/i.test(base.path)) {
    throw new TranscribeError(
      'CONFIG_INVALID',
      `endpoint (${shown}) points at a preview or deployment path; the GA API is /openai/v1/realtime (${AZURE_ENDPOINT_SOURCE})`,
      { hint: 'pass only https://RESOURCE.openai.azure.com; the path is added for you' },
    );
  }
  const path = /\/openai\/v1\/realtime$/i.test(base.path)
    ? base.path
    : /\/openai\/v1$/i.test(base.path)
      ? `${base.path}/realtime`
      : /\/openai$/i.test(base.path)
        ? `${base.path}/v1/realtime`
        : `${base.path}/openai/v1/realtime`; // the resource root, or a gateway's prefix

  const deployment = clean(opts.deployment) ?? clean(env.AZURE_OPENAI_DEPLOYMENT);
  if (deployment === undefined) {
    throw new TranscribeError(
      'CONFIG_MISSING',
      'no deployment for Azure OpenAI: pass --deployment or set AZURE_OPENAI_DEPLOYMENT (the name of your transcription model deployment)',
      { hint: 'on Azure the session names the deployment, not the model; list them in Azure AI Foundry, Deployments' },
    );
  }

  const flagKey = clean(opts.apiKey);
  const flagToken = clean(opts.token);
  if (flagKey !== undefined && flagToken !== undefined) {
    throw new TranscribeError('CONFIG_INVALID', 'both --api-key and --token were given: pass one of them', {
      hint: 'use --api-key for a resource key, or --token for a Microsoft Entra ID token',
    });
  }
  const key = flagKey ?? (flagToken === undefined ? clean(env.AZURE_OPENAI_API_KEY) : undefined);
  const token = flagToken ?? (key === undefined ? clean(env.AZURE_OPENAI_AD_TOKEN) : undefined);
  let headers: Record<string, string>;
  if (key !== undefined) {
    checkCredential(key, 'the API key (--api-key or AZURE_OPENAI_API_KEY)');
    headers = { 'api-key': key };
  } else if (token !== undefined) {
    const bare = stripBearer(token);
    checkCredential(bare, 'the token (--token or AZURE_OPENAI_AD_TOKEN)');
    headers = { Authorization: `Bearer ${bare}` };
  } else {
    throw new TranscribeError(
      'CONFIG_MISSING',
      'no API key for Azure OpenAI: pass --api-key or set AZURE_OPENAI_API_KEY (or --token / AZURE_OPENAI_AD_TOKEN for Entra ID)',
      { hint: 'the keys are listed in the Azure portal under your resource, Keys and Endpoint' },
    );
  }
  return { url: buildUrl(base, path), headers, transcriptionModel: deployment };
}

function resolveOpenAI(opts: EndpointOptions, env: NodeJS.ProcessEnv, secrets: string[]): UrlAndAuth {
  const endpoint = clean(opts.endpoint) ?? clean(env.OPENAI_BASE_URL) ?? OPENAI_BASE_URL;
  const base = parseBase(endpoint, OPENAI_BASE_URL, OPENAI_ENDPOINT_SOURCE, secrets);
  if (base.query.has('model')) {
    // The service refuses a model in the URL of a transcription session (invalid_model).
    throw new TranscribeError(
      'CONFIG_INVALID',
      `endpoint (${redact(endpoint, secrets)}) has a model parameter, which transcription sessions must not send (${OPENAI_ENDPOINT_SOURCE})`,
      { hint: 'remove ?model=… from the URL and pass --model instead' },
    );
  }
  // Like the SDK, a base URL (…/v1) gets /realtime; a bare host gets the public API's /v1/realtime.
  const path = /\/realtime$/i.test(base.path) ? base.path : base.path === '' ? '/v1/realtime' : `${base.path}/realtime`;

  const key = clean(opts.apiKey) ?? clean(opts.token) ?? clean(env.OPENAI_API_KEY);
  if (key === undefined) {
    throw new TranscribeError('CONFIG_MISSING', 'no API key for OpenAI: pass --api-key or set OPENAI_API_KEY', {
      hint: 'create a key at https://platform.openai.com/api-keys',
    });
  }
  const bare = stripBearer(key);
  checkCredential(bare, 'the API key (--api-key or OPENAI_API_KEY)');
  return {
    url: buildUrl(base, path),
    headers: { Authorization: `Bearer ${bare}` },
    transcriptionModel: clean(opts.model) ?? DEFAULT_OPENAI_MODEL,
  };
}

interface Base {
  scheme: 'ws:' | 'wss:';
  host: string;
  /** Without trailing slashes; '' for the root. */
  path: string;
  query: URLSearchParams;
}

function parseBase(raw: string, expected: string, source: string, secrets: string[]): Base {
  const malformed = () =>
    new TranscribeError('CONFIG_INVALID', `malformed endpoint (${redact(raw, secrets)}): expected ${expected} (${source})`, {
      hint: `pass the full URL with its scheme, e.g. ${expected}`,
    });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw malformed();
  }
  const scheme = ({ 'http:': 'ws:', 'ws:': 'ws:', 'https:': 'wss:', 'wss:': 'wss:' } as const)[url.protocol];
  if (scheme === undefined || url.hostname === '') throw malformed();
  if (url.username !== '' || url.password !== '') {
    throw new TranscribeError('CONFIG_INVALID', `endpoint (${url.protocol}//***@${url.host}) contains a user name or password (${source})`, {
      hint: 'remove the credentials from the URL and pass the key with --api-key',
    });
  }
  return { scheme, host: url.host, path: url.pathname.replace(/\/+$/, ''), query: url.searchParams };
}

function buildUrl(base: Base, path: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of base.query) if (name !== 'intent') query.append(name, value);
  query.append('intent', 'transcription');
  return `${base.scheme}//${base.host}${path}?${query.toString()}`;
}

// Header values must be visible ASCII; anything else would fail deep inside the HTTP client with a
// message that does not say which setting is wrong.
function checkCredential(value: string, what: string): void {
  if (!/^[\x21-\x7e]+$/.test(value)) {
    throw new TranscribeError('CONFIG_INVALID', `${what} contains spaces, line breaks or non-ASCII characters`, {
      hint: 'copy the value again, without quotes or surrounding text',
    });
  }
}

// People paste "Bearer xyz" from curl examples; the scheme is added by us.
function stripBearer(value: string): string {
  return value.replace(/^bearer\s+/i, '');
}

function clean(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
