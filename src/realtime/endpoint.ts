// Turns options and environment into the one WebSocket URL and headers of a GA transcription
// session. Pure: the environment is passed in. Every failure names the option, the variable and the
// bad value (never a key), because a wrong endpoint is the commonest cause of a failed first run.
import { TranscribeError } from '../errors.js';
import type { CredentialDeps, CredentialOptions, Provider } from '../auth/credential-options.js';
import { chooseCredential } from '../auth/choose-credential.js';
import { clean, stripBearer } from '../auth/credential-text.js';
import { credentialAuthorizer, type Authorization } from '../auth/credential.js';
import { proxyRoute, type ProxyRoute } from './proxy.js';
import { redact } from '../util/redact.js';

/** The service: Azure OpenAI or OpenAI. */
export type { Provider };

/** The service and the credential: what to connect to, and how to sign in. */
export interface EndpointOptions extends CredentialOptions {
  /**
   * The service. Unset, it is told from the rest: an api.openai.com `endpoint` is OpenAI; an
   * `endpoint`, a `deployment` or an AZURE_OPENAI_* variable is Azure; else OPENAI_API_KEY is OpenAI.
   */
  provider?: Provider;
  /**
   * Azure: https://RESOURCE.openai.azure.com (a URL pasted from the portal is read too); OpenAI: a
   * base URL such as https://api.openai.com/v1 (the default). Unset: AZURE_OPENAI_ENDPOINT or OPENAI_BASE_URL.
   */
  endpoint?: string;
  /** Azure deployment name; it is what the session's transcription model must be on Azure. Unset: AZURE_OPENAI_DEPLOYMENT. */
  deployment?: string;
  /** OpenAI transcription model (default gpt-4o-transcribe); on Azure, the model the deployment runs (for the model table). */
  model?: string;
  /**
   * HTTP proxy for the WebSocket, http://[USER:PASSWORD@]HOST:PORT, reached with CONNECT; false
   * for none. Unset: HTTPS_PROXY (wss://) or HTTP_PROXY (ws://), ALL_PROXY, unless NO_PROXY names
   * the host; these are read from process.env, lower case first, as @azure/identity reads them.
   */
  proxy?: string | false;
}

/** Injection points of resolveEndpoint (tests). */
export type EndpointDeps = CredentialDeps;

export interface ResolvedEndpoint {
  provider: Provider;
  url: string;
  /**
   * The credential headers when they are the same on every connection (a key, a fixed token);
   * empty for a token source. Kept for callers that have not moved to authorize().
   */
  headers: Record<string, string>;
  /** The deployment name on Azure, the model on OpenAI. */
  transcriptionModel: string;
  /**
   * Every secret value seen (used or not), for redact(). A live list: each token obtained later
   * is appended to this same array, so redaction that holds it stays complete.
   */
  secrets: string[];
  /** The URL as it may be printed. */
  displayUrl: string;
  /** The HTTP proxy the WebSocket goes through, if any (its credential is in `secrets`). */
  proxy: ProxyRoute | undefined;
  /** One line for stderr when the endpoint as given was read differently (a pasted portal URL). */
  notice?: string | undefined;
  /** How the credential was given, for messages: the option (`apiKey`, `token`, `tokenCommand`, `azureCredential`), a variable, … */
  credential: string;
  /** The credential for the next upgrade request (fetches a token when due). */
  authorize(): Promise<Authorization>;
}

const DEFAULT_OPENAI_MODEL = 'gpt-4o-transcribe';
const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** The hint when no service is configured; the CLI has a flag of its own for it (--local). */
export const NO_SERVICE_HINT =
  'to try it without credentials, pass the `endpoint` of an emulator (startEmulator from realtime-transcribe/emulator)';

const AZURE_ENDPOINT_SOURCE = '`endpoint` or AZURE_OPENAI_ENDPOINT';
const OPENAI_ENDPOINT_SOURCE = '`endpoint` or OPENAI_BASE_URL';

/** Resolves the Realtime URL, credential and transcription model from options, falling back to `env`. */
export function resolveEndpoint(
  opts: EndpointOptions,
  env: NodeJS.ProcessEnv = process.env,
  deps: EndpointDeps = {},
): ResolvedEndpoint {
  const fixedToken = typeof opts.token === 'string' ? opts.token : undefined;
  const secrets = [opts.apiKey, fixedToken, env.AZURE_OPENAI_API_KEY, env.AZURE_OPENAI_AD_TOKEN, env.OPENAI_API_KEY]
    .map(clean)
    .map((s) => (s === undefined ? s : stripBearer(s)))
    .filter((s): s is string => s !== undefined);
  const provider = chooseProvider(opts, env);
  const resolved = provider === 'azure' ? resolveAzure(opts, env, secrets) : resolveOpenAI(opts, env, secrets);
  const proxy = proxyRoute(resolved.url, opts.proxy);
  if (proxy) secrets.push(...proxy.secrets);
  const displayUrl = redact(resolved.url, secrets);
  const { spec, label } = chooseCredential(opts, env, provider, deps);
  const authorize = credentialAuthorizer(spec, secrets);
  return {
    provider,
    url: resolved.url,
    headers:
      spec.kind === 'api-key'
        ? { 'api-key': spec.key }
        : spec.fixed === undefined
          ? {}
          : { Authorization: `Bearer ${spec.fixed}` },
    transcriptionModel: resolved.transcriptionModel,
    secrets,
    displayUrl,
    proxy,
    ...(resolved.notes.length > 0
      ? { notice: `endpoint: using ${displayUrl} with ${resolved.modelLabel}; ${resolved.notes.join('; ')}` }
      : {}),
    credential: label,
    authorize,
  };
}

interface UrlAndModel {
  url: string;
  transcriptionModel: string;
  /** "deployment NAME" / "model NAME", for the notice. */
  modelLabel: string;
  /** What was read differently from how it was given, for the notice. */
  notes: string[];
}

/** Hosts of Azure OpenAI and Azure AI Foundry resources, as users paste them. */
export function isAzureHost(host: string): boolean {
  return /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i.test(
    host.replace(/:\d+$/, ''),
  );
}

function chooseProvider(opts: EndpointOptions, env: NodeJS.ProcessEnv): Provider {
  if (opts.provider !== undefined) {
    if (opts.provider === 'azure' || opts.provider === 'openai') return opts.provider;
    throw new TranscribeError(
      'CONFIG_INVALID',
      `unknown provider (${String(opts.provider)}): expected azure or openai (\`provider\`)`,
      { hint: 'pass `provider: azure` or `provider: openai`' },
    );
  }
  const endpoint = clean(opts.endpoint);
  // An explicit OpenAI URL says which service is meant, whatever Azure variables are set.
  if (endpoint !== undefined && /^(https?|wss?):\/\/api\.openai\.com(\/|$)/i.test(endpoint)) return 'openai';
  const azureGiven = [
    endpoint,
    clean(opts.deployment),
    clean(env.AZURE_OPENAI_ENDPOINT),
    clean(env.AZURE_OPENAI_DEPLOYMENT),
  ];
  if (azureGiven.some((v) => v !== undefined)) return 'azure';
  if (clean(env.OPENAI_API_KEY) !== undefined) return 'openai';
  // Only an Azure credential is set: say which Azure setting is missing rather than "no provider".
  if (clean(env.AZURE_OPENAI_API_KEY) !== undefined || clean(env.AZURE_OPENAI_AD_TOKEN) !== undefined) return 'azure';
  throw new TranscribeError(
    'CONFIG_MISSING',
    'no Realtime service configured: pass `endpoint` and `deployment` (or set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT) for Azure OpenAI, or set OPENAI_API_KEY for OpenAI',
    { hint: NO_SERVICE_HINT },
  );
}

function resolveAzure(opts: EndpointOptions, env: NodeJS.ProcessEnv, secrets: string[]): UrlAndModel {
  const endpoint = clean(opts.endpoint) ?? clean(env.AZURE_OPENAI_ENDPOINT);
  if (endpoint === undefined) {
    throw new TranscribeError(
      'CONFIG_MISSING',
      'no endpoint for Azure OpenAI: pass `endpoint` or set AZURE_OPENAI_ENDPOINT (https://RESOURCE.openai.azure.com)',
      { hint: 'the endpoint is listed in the Azure portal under your resource, Keys and Endpoint' },
    );
  }
  const base = parseBase(endpoint, 'https://RESOURCE.openai.azure.com', AZURE_ENDPOINT_SOURCE, secrets);
  const shown = redact(endpoint, secrets);
  const notes: string[] = [];

  // What the portal shows is the preview form, https://RES.openai.azure.com/openai/realtime?
  // api-version=…&deployment=NAME: take what it says and speak GA, rather than refuse it.
  const apiVersion = base.query.get('api-version');
  if (apiVersion !== null) {
    // The GA /openai/v1 API answers 401 to any api-version, which would look like a bad key.
    base.query.delete('api-version');
    notes.push(`api-version=${apiVersion} dropped (the GA API takes none)`);
  }
  const urlDeployment = clean(base.query.get('deployment') ?? undefined);
  base.query.delete('deployment');
  if (/\/openai\/realtime$/i.test(base.path)) {
    base.path = base.path.replace(/\/openai\/realtime$/i, '/openai/v1/realtime');
    notes.push('the preview path /openai/realtime is /openai/v1/realtime in GA');
  }
  if (/\/openai\/deployments(\/|$)/i.test(base.path)) {
    throw new TranscribeError(
      'CONFIG_INVALID',
      `endpoint (${shown}) points at a deployment path; the GA API is /openai/v1/realtime (${AZURE_ENDPOINT_SOURCE})`,
      { hint: 'pass only https://RESOURCE.openai.azure.com and the deployment with `deployment`' },
    );
  }
  // A Microsoft host has no gateway prefix: a path such as a Foundry project's is not the API's.
  if (isAzureHost(base.host) && base.path !== '' && !/^\/openai(\/|$)/i.test(base.path)) {
    notes.push(`path ${base.path} dropped (the Realtime API is at /openai/v1/realtime)`);
    base.path = '';
  }
  const path = /\/openai\/v1\/realtime$/i.test(base.path)
    ? base.path
    : /\/openai\/v1$/i.test(base.path)
      ? `${base.path}/realtime`
      : /\/openai$/i.test(base.path)
        ? `${base.path}/v1/realtime`
        : `${base.path}/openai/v1/realtime`; // the resource root, or a gateway's prefix

  const flagDeployment = clean(opts.deployment);
  const deployment = flagDeployment ?? urlDeployment ?? clean(env.AZURE_OPENAI_DEPLOYMENT);
  if (deployment === undefined) {
    throw new TranscribeError(
      'CONFIG_MISSING',
      'no deployment for Azure OpenAI: pass `deployment` or set AZURE_OPENAI_DEPLOYMENT (the name of your transcription model deployment)',
      { hint: 'on Azure the session names the deployment, not the model; list them in Azure AI Foundry, Deployments' },
    );
  }
  if (urlDeployment !== undefined) {
    notes.push(
      flagDeployment !== undefined && flagDeployment !== urlDeployment
        ? `\`deployment\` wins over deployment=${urlDeployment} in the URL`
        : 'deployment taken from the URL',
    );
  }
  return { url: buildUrl(base, path), transcriptionModel: deployment, modelLabel: `deployment ${deployment}`, notes };
}

function resolveOpenAI(opts: EndpointOptions, env: NodeJS.ProcessEnv, secrets: string[]): UrlAndModel {
  const endpoint = clean(opts.endpoint) ?? clean(env.OPENAI_BASE_URL) ?? OPENAI_BASE_URL;
  const base = parseBase(endpoint, OPENAI_BASE_URL, OPENAI_ENDPOINT_SOURCE, secrets);
  if (base.query.has('model')) {
    // The service refuses a model in the URL of a transcription session (invalid_model).
    throw new TranscribeError(
      'CONFIG_INVALID',
      `endpoint (${redact(endpoint, secrets)}) has a model parameter, which transcription sessions must not send (${OPENAI_ENDPOINT_SOURCE})`,
      { hint: 'remove ?model=… from the URL and pass `model` instead' },
    );
  }
  // Like the SDK, a base URL (…/v1) gets /realtime; a bare host gets the public API's /v1/realtime.
  const path = /\/realtime$/i.test(base.path) ? base.path : base.path === '' ? '/v1/realtime' : `${base.path}/realtime`;
  const model = clean(opts.model) ?? DEFAULT_OPENAI_MODEL;
  return { url: buildUrl(base, path), transcriptionModel: model, modelLabel: `model ${model}`, notes: [] };
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
    new TranscribeError(
      'CONFIG_INVALID',
      `malformed endpoint (${redact(raw, secrets)}): expected ${expected} (${source})`,
      {
        hint: `pass the full URL with its scheme, e.g. ${expected}`,
      },
    );
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw malformed();
  }
  const scheme = ({ 'http:': 'ws:', 'ws:': 'ws:', 'https:': 'wss:', 'wss:': 'wss:' } as const)[url.protocol];
  if (scheme === undefined || url.hostname === '') throw malformed();
  if (url.username !== '' || url.password !== '') {
    throw new TranscribeError(
      'CONFIG_INVALID',
      `endpoint (${url.protocol}//***@${url.host}) contains a user name or password (${source})`,
      {
        hint: 'remove the credentials from the URL and pass the key with `apiKey`',
      },
    );
  }
  return { scheme, host: url.host, path: url.pathname.replace(/\/+$/, ''), query: url.searchParams };
}

function buildUrl(base: Base, path: string): string {
  const query = new URLSearchParams();
  for (const [name, value] of base.query) if (name !== 'intent') query.append(name, value);
  query.append('intent', 'transcription');
  return `${base.scheme}//${base.host}${path}?${query.toString()}`;
}
