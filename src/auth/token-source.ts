// Where a bearer token comes from. Entra ID tokens expire (about an hour) while a run rotates
// sessions every few minutes, so a long run asks its source again before each session opens.

/** A source of bearer tokens. */
export interface TokenSource {
  /** A token for a new connection: the cached one while it is fresh, else a new one. */
  token(): Promise<string>;
  /** The service refused the cached token: the next token() gets a new one. */
  invalidate(): void;
  /** False when asking again cannot give a different token (a fixed string). */
  readonly refreshable: boolean;
  /** How the user set it up, for messages: the option (`token`, `tokenCommand`, …) or a variable. */
  readonly label: string;
}

/** `token` / AZURE_OPENAI_AD_TOKEN: one string for the whole run. */
export function fixedToken(token: string, label = 'token'): TokenSource {
  return { token: async () => token, invalidate: () => {}, refreshable: false, label };
}

/**
 * The library's `token: () => Promise<string>`: called before every connection, so the caller's
 * own cache (e.g. @azure/identity's getBearerTokenProvider) decides when to refresh.
 */
export function functionToken(fn: () => Promise<string> | string, label = 'the token function'): TokenSource {
  return { token: async () => fn(), invalidate: () => {}, refreshable: true, label };
}

export interface CachedTokenOptions {
  /** Gets a new token and, if known, when it expires (epoch ms). */
  fetch(): Promise<{ token: string; expiresAtMs?: number | undefined; refreshAtMs?: number | undefined }>;
  /** Wall-clock epoch ms. */
  now(): number;
  /** A token older than this is fetched again, whatever its expiry says. */
  maxAgeMs: number;
  /** Fetch again this long before a known expiry, so no session opens on a token about to lapse. */
  expiryMarginMs: number;
  label: string;
}

/** Caches a fetched token until it is too old, near its expiry, or invalidated; one fetch at a time. */
export function cachedToken(o: CachedTokenOptions): TokenSource {
  let cached: { token: string; staleAtMs: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const fetchNew = async (): Promise<string> => {
    const fetchedAt = o.now();
    const got = await o.fetch();
    let staleAtMs = fetchedAt + o.maxAgeMs;
    if (got.expiresAtMs !== undefined) staleAtMs = Math.min(staleAtMs, got.expiresAtMs - o.expiryMarginMs);
    if (got.refreshAtMs !== undefined) staleAtMs = Math.min(staleAtMs, got.refreshAtMs);
    cached = { token: got.token, staleAtMs };
    return got.token;
  };
  return {
    label: o.label,
    refreshable: true,
    token() {
      if (cached !== undefined && o.now() < cached.staleAtMs) return Promise.resolve(cached.token);
      // Sessions opened together (make before break, parallel spans) share one fetch.
      inFlight ??= fetchNew().finally(() => (inFlight = undefined));
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
