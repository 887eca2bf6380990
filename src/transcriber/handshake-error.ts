// The line a user sees when the WebSocket upgrade is refused, for each status the service gives.
// Whether to retry is the verdict's call (verdict.ts); this only words it.
import { TranscribeError } from '../errors.js';
import { redact } from '../util/redact.js';
import type { ConnectError, ProxyRefusal } from '../realtime/transport-types.js';
import { judge } from './verdict.js';

const CHECK_KEY = 'check `apiKey` / AZURE_OPENAI_API_KEY (or OPENAI_API_KEY)';

// What a 401 means depends on where the credential came from (ResolvedEndpoint.credential): a
// key is wrong, a fixed token has probably expired, a refreshed one was refused even fresh.
const TOKEN_401_HINTS: Readonly<Record<string, string>> = {
  token:
    'Entra ID tokens expire after about an hour: get a new one, or let `azureCredential` or `tokenCommand` refresh it',
  AZURE_OPENAI_AD_TOKEN:
    'Entra ID tokens expire after about an hour: get a new one, or let `azureCredential` or `tokenCommand` refresh it',
  tokenCommand:
    'a fresh token was refused too: check that the command gets a token for https://cognitiveservices.azure.com (az … --resource https://cognitiveservices.azure.com)',
  azureCredential:
    'a fresh token was refused too: check `tokenScope`, and that the identity has the Cognitive Services OpenAI User role on the resource',
  'the token function': 'a fresh token was refused too: check what the token function returns',
};

// Labels that are options are quoted like every option name in a message, so that the CLI can
// name its flag instead; a variable or 'the token function' reads as it is.
const OPTION_LABELS: ReadonlySet<string> = new Set(['apiKey', 'token', 'tokenCommand', 'azureCredential']);
const labelText = (label: string) => (OPTION_LABELS.has(label) ? `\`${label}\`` : label);

/**
 * The line a user sees for a failed upgrade. The ConnectError stays as `cause`, with the
 * server's body. `secrets` are masked from everything the error prints. `credential` is the
 * endpoint's `credential` label; a token source makes a 401 about the token, not the key.
 */
export function handshakeError(
  err: ConnectError,
  displayUrl: string,
  secrets: readonly string[] = [],
  credential?: string,
): TranscribeError {
  const url = redact(displayUrl, secrets);
  const status = err.status;
  const make = (code: ConstructorParameters<typeof TranscribeError>[0], message: string, hint: string) =>
    new TranscribeError(code, redact(message, secrets), { hint: redact(hint, secrets), cause: err });

  if (err.proxy !== undefined) return proxyRefusal(status, err.proxy, make);
  switch (status) {
    case undefined:
      return make(
        'SERVICE_UNAVAILABLE',
        `could not connect to ${url}: ${err.message}`,
        'check the network and the host name in `endpoint` / AZURE_OPENAI_ENDPOINT',
      );
    case 401: {
      const tokenHint = credential === undefined ? undefined : TOKEN_401_HINTS[credential];
      if (credential !== undefined && tokenHint !== undefined)
        return make(
          'AUTH_FAILED',
          `the service rejected the token from ${labelText(credential)} (401 from ${url})`,
          tokenHint,
        );
      return make('AUTH_FAILED', `the service rejected the key (401 from ${url})`, CHECK_KEY);
    }
    case 403:
      return make(
        'FORBIDDEN',
        `the service refused access (403 from ${url})`,
        `${CHECK_KEY}; with \`token\`, the identity needs the Cognitive Services OpenAI User role; check the resource's network rules`,
      );
    case 404:
      return make(
        'NOT_FOUND',
        `no Realtime endpoint or deployment at ${url} (404)`,
        'check `endpoint` / AZURE_OPENAI_ENDPOINT and `deployment` / AZURE_OPENAI_DEPLOYMENT',
      );
    case 400: {
      const detail = bodyDetail(err.body);
      return make(
        'BAD_REQUEST',
        `the service rejected the connection request (400 from ${url})${detail ? `: ${detail}` : ''}`,
        'check `endpoint` (no api-version or model in the URL) and the provider',
      );
    }
  }
  if (judge({ kind: 'upgrade', status }).action === 'retry') {
    return make(
      'SERVICE_UNAVAILABLE',
      `the service is unavailable or busy (${status} from ${url})`,
      'wait and try again; with `sessionGate`, run fewer at once',
    );
  }
  return make(
    'BAD_REQUEST',
    `the service refused the WebSocket upgrade (${status} from ${url})`,
    'check `endpoint` / AZURE_OPENAI_ENDPOINT',
  );
}

// The proxy, not the service, said no to the tunnel (CONNECT): a wrong proxy credential, or a
// proxy whose rules do not let this host through. The proxy is named, its credential never.
function proxyRefusal(
  status: number | undefined,
  proxy: ProxyRefusal,
  make: (code: 'PROXY_REFUSED', message: string, hint: string) => TranscribeError,
): TranscribeError {
  const hint =
    status === 407
      ? 'check the user name and password in `proxy` / HTTPS_PROXY (http://USER:PASSWORD@HOST:PORT)'
      : `ask the proxy's administrator to let ${proxy.target} through, or name another proxy with \`proxy\` / HTTPS_PROXY (NO_PROXY lists the hosts reached without one)`;
  return make(
    'PROXY_REFUSED',
    `the proxy ${proxy.displayUrl} refused to open a tunnel to ${proxy.target} (${proxy.answer})`,
    hint,
  );
}

// Services answer with {"error":{"message":…}} JSON or a line of text; keep it to one short line.
function bodyDetail(body: string): string {
  let text = body.trim();
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown }; message?: unknown };
    const message = parsed.error?.message ?? parsed.message;
    if (typeof message === 'string') text = message;
  } catch {
    // not JSON: use the text as it is
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
