// Which upgrade requests become sessions: paths, keys and query parameters, judged the way the
// service judges them (pure: request line and headers in, a decision out).
import type { IncomingHttpHeaders } from 'node:http';
import type { Opening } from './session.js';

export const AZURE_PATH = '/openai/v1/realtime';
export const OPENAI_PATH = '/v1/realtime';

export type UpgradeDecision =
  | { kind: 'refuse'; status: number; message: string; code?: string; param?: string }
  // `bearer`: the credential, when it came as a Bearer token (the token TTL applies to those).
  | { kind: 'accept'; path: string; opening: Opening; bearer?: string };

export function judgeUpgrade(url: string, headers: IncomingHttpHeaders, key: string): UpgradeDecision {
  const parsed = new URL(url, 'http://emulator.invalid');
  const path = parsed.pathname.replace(/\/+$/, '');
  const azure = path === AZURE_PATH;
  if (!azure && path !== OPENAI_PATH) {
    return {
      kind: 'refuse',
      status: 404,
      message: `Resource not found: ${path || '/'}. Use ${AZURE_PATH} or ${OPENAI_PATH}.`,
    };
  }
  if (azure && parsed.searchParams.has('api-version')) {
    // Said in so many words: a 401 here would send people off checking a key that is fine.
    return {
      kind: 'refuse',
      status: 400,
      code: 'unsupported_api_version',
      param: 'api-version',
      message: `The api-version query parameter is not supported on ${AZURE_PATH} (got '${parsed.searchParams.get('api-version')}'): remove it; the v1 API is not versioned by date.`,
    };
  }
  const given = presentedCredential(headers, azure);
  if (given === undefined) {
    const how = azure ? "the 'api-key' header or 'Authorization: Bearer <key>'" : "'Authorization: Bearer <key>'";
    return { kind: 'refuse', status: 401, message: `Missing API key: send it in ${how}.` };
  }
  // A Bearer token may also be the key with a suffix ('KEY.1', 'KEY.2'…), so a client's token
  // command can mint fresh tokens this emulator accepts (see the tokenTtlMs fault).
  const valid = given.value === key || (given.how === 'bearer' && given.value.startsWith(`${key}.`));
  if (!valid) return { kind: 'refuse', status: 401, message: 'Incorrect API key provided.' };

  const beta = headers['openai-beta'];
  const betaHeader = (Array.isArray(beta) ? beta.join(',') : (beta ?? '')).includes('realtime=v1');
  const model = azure ? null : parsed.searchParams.get('model');
  const opening = { betaHeader, modelParam: model };
  const accepted = { kind: 'accept', path: azure ? AZURE_PATH : OPENAI_PATH, opening } as const;
  return given.how === 'bearer' ? { ...accepted, bearer: given.value } : accepted;
}

// Azure takes `api-key` or a Bearer token; OpenAI only Bearer (or, for browsers, which cannot set
// headers on a WebSocket, the `openai-insecure-api-key.<key>` subprotocol).
function presentedCredential(
  headers: IncomingHttpHeaders,
  azure: boolean,
): { value: string; how: 'api-key' | 'bearer' | 'subprotocol' } | undefined {
  const apiKey = headers['api-key'];
  if (azure && typeof apiKey === 'string' && apiKey !== '') return { value: apiKey, how: 'api-key' };
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
  if (bearer !== undefined) return { value: bearer.trim(), how: 'bearer' };
  const protocols = String(headers['sec-websocket-protocol'] ?? '').split(',');
  for (const protocol of protocols) {
    const key = /^openai-insecure-api-key\.(.+)$/.exec(protocol.trim())?.[1];
    if (key !== undefined) return { value: key, how: 'subprotocol' };
  }
  return undefined;
}

// The JSON body of a refused upgrade, shaped like the service's errors.
export function refusalBody(status: number, message?: string, detail: { code?: string; param?: string } = {}): string {
  const known: Record<number, [type: string, code: string, text: string]> = {
    400: ['invalid_request_error', 'invalid_request', 'The request is not valid.'],
    401: ['invalid_request_error', 'invalid_api_key', 'Incorrect API key provided.'],
    403: ['invalid_request_error', 'forbidden', 'This key is not allowed to use this resource.'],
    404: ['invalid_request_error', 'not_found', 'Resource not found.'],
    429: [
      'rate_limit_error',
      'rate_limit_exceeded',
      'Too many concurrent sessions or requests. Retry after a short wait.',
    ],
    503: ['server_error', 'service_unavailable', 'The service is temporarily unavailable. Retry after a short wait.'],
  };
  const [type, code, text] = known[status] ?? ['server_error', String(status), 'Request refused.'];
  return JSON.stringify({
    error: { message: message ?? text, type, code: detail.code ?? code, param: detail.param ?? null },
  });
}
