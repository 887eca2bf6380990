// Secrets must never reach a terminal, a log file or an error report. Everything printable that
// could carry a key (error messages, response bodies, event logs, header dumps) passes through here.

const MASK = '***';

// Shorter values are too likely to match ordinary text, and no real key or token is that short.
const MIN_SECRET_LENGTH = 4;

// Headers whose values are credentials. Compared in lower case, as HTTP header names are.
const SENSITIVE_HEADERS = new Set([
  'api-key',
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'ocp-apim-subscription-key',
  'cookie',
]);

/** Replaces every occurrence of each secret (and its URL-encoded form) in `text` with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  const needles = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    needles.add(secret);
    needles.add(encodeURIComponent(secret));
  }
  // Longest first, so a secret that contains another is masked whole rather than in pieces.
  let out = text;
  for (const needle of [...needles].sort((a, b) => b.length - a.length)) {
    out = out.split(needle).join(MASK);
  }
  return out;
}

/** The credential values carried by `headers` (whole values and bare bearer tokens), for `redact`. */
export function secretsInHeaders(headers: Readonly<Record<string, string>>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!SENSITIVE_HEADERS.has(name.toLowerCase())) continue;
    secrets.push(value);
    const token = /^\w+\s+(\S.*)$/.exec(value)?.[1];
    if (token !== undefined) secrets.push(token);
  }
  return secrets;
}
