// Which HTTP proxy, if any, the WebSocket goes through. An explicit `proxy` wins; otherwise the
// variables the rest of the ecosystem reads (HTTPS_PROXY for wss://, HTTP_PROXY for ws://,
// ALL_PROXY, NO_PROXY, each also in lower case), read by proxy-from-env as axios and others do,
// so that the socket takes the same way as @azure/identity's token requests. proxy-from-env reads
// process.env itself: these variables always come from the process, never from an `env` option.
import { getProxyForUrl } from 'proxy-from-env';
import { TranscribeError } from '../errors.js';

/** The proxy a connection goes through. `url` may carry a credential: print `displayUrl`. */
export interface ProxyRoute {
  url: string;
  /** The proxy as it may be printed: scheme, host and port, `***@` where a credential was. */
  displayUrl: string;
  /** Where it came from: `proxy` (the option) or the variable's name. */
  source: string;
  /** The credential in every form it may appear in (for redact()). */
  secrets: string[];
}

const OPTION_SOURCE = '`proxy` or HTTPS_PROXY / HTTP_PROXY';

/**
 * The proxy for `target` (a ws:// or wss:// URL): `option` when given (false: none, whatever
 * the environment says), else the environment's, unless NO_PROXY names the host.
 */
export function proxyRoute(target: string, option: string | false | undefined): ProxyRoute | undefined {
  if (option === false) return undefined;
  if (option !== undefined) return parseProxy(option, 'proxy');
  // The variables are named after the scheme of the request: a WebSocket's is its HTTP one.
  const httpTarget = target.replace(/^ws(s?):/i, 'http$1:');
  const chosen = getProxyForUrl(httpTarget);
  if (chosen === '') return undefined;
  const secure = /^https:/i.test(httpTarget);
  const names = [...(secure ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy', 'HTTP_PROXY']), 'all_proxy', 'ALL_PROXY'];
  const name = names.find((n) => process.env[n] !== undefined && process.env[n] !== '');
  // A value without a scheme is a plain HTTP proxy (as curl reads it), not one spoken to in TLS
  // because the target is https.
  const raw = (name === undefined ? undefined : process.env[name]) ?? chosen;
  return parseProxy(raw.includes('://') ? raw : `http://${raw}`, name ?? 'ALL_PROXY');
}

function parseProxy(raw: string, source: string): ProxyRoute {
  const sourceText = source === 'proxy' ? OPTION_SOURCE : source;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    const shown = url === undefined ? raw.replace(/\/\/[^/@]*@/, '//***@') : maskedUrl(url);
    throw new TranscribeError(
      'CONFIG_INVALID',
      `the proxy ${shown} is not an http:// or https:// proxy URL (${sourceText})`,
      { hint: 'give the proxy as http://HOST:PORT (or http://USER:PASSWORD@HOST:PORT)', option: 'proxy' },
    );
  }
  const secrets: string[] = [];
  if (url.password !== '') {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    // The password as typed and decoded, `user:password`, and the Basic credential a proxy may echo.
    secrets.push(url.password, password, `${user}:${password}`, Buffer.from(`${user}:${password}`).toString('base64'));
  } else if (url.username !== '') {
    // A token given as the user name alone (some gateways): it is the credential.
    secrets.push(url.username, decodeURIComponent(url.username));
  }
  return { url: url.href, displayUrl: maskedUrl(url), source, secrets };
}

// Scheme, host and port only: a credential shows as ***@, a path or query not at all.
function maskedUrl(url: URL): string {
  const credential = url.username !== '' || url.password !== '' ? '***@' : '';
  return `${url.protocol}//${credential}${url.host}`;
}
