import { describe, expect, it } from 'vitest';
import { credentialAuthorizer } from '../../src/auth/credential.js';
import { cachedToken, fixedToken, functionToken, type TokenSource } from '../../src/auth/token-source.js';

// A refreshable source handing out token-1, token-2, … (each fetch a new one).
function counting(): TokenSource & { fetches: number } {
  const box = { fetches: 0 };
  const source = cachedToken({
    label: 'test',
    now: () => 0,
    maxAgeMs: 3_600_000,
    expiryMarginMs: 0,
    fetch: async () => ({ token: `token-${++box.fetches}` }),
  });
  return Object.assign(source, {
    get fetches() {
      return box.fetches;
    },
  });
}

describe('credentialAuthorizer', () => {
  it('a 401 invalidates the token: the next connection gets a new one', async () => {
    const secrets: string[] = [];
    const authorize = credentialAuthorizer({ kind: 'bearer', source: counting() }, secrets);
    const first = await authorize();
    expect(first.headers).toEqual({ Authorization: 'Bearer token-1' });
    first.accepted();
    const again = await authorize();
    expect(again.headers).toEqual({ Authorization: 'Bearer token-1' }); // cached
    expect(again.refused()).toBe(true); // 401: worth one more try
    const fresh = await authorize();
    expect(fresh.headers).toEqual({ Authorization: 'Bearer token-2' });
    expect(secrets).toEqual(['token-1', 'token-2']);
  });

  it('a 401 on the fresh token is final', async () => {
    const authorize = credentialAuthorizer({ kind: 'bearer', source: counting() }, []);
    expect((await authorize()).refused()).toBe(true);
    const fresh = await authorize();
    expect(fresh.headers).toEqual({ Authorization: 'Bearer token-2' });
    expect(fresh.refused()).toBe(false);
  });

  it('once the fresh token has worked, a later 401 earns another try (tokens that expire mid-run)', async () => {
    const authorize = credentialAuthorizer({ kind: 'bearer', source: counting() }, []);
    for (let n = 1; n <= 4; n++) {
      const auth = await authorize();
      expect(auth.headers).toEqual({ Authorization: `Bearer token-${n}` });
      auth.accepted(); // this rotation opened
      const next = await authorize(); // the next rotation: the service now refuses token-n
      expect(next.refused()).toBe(true);
    }
  });

  it('a fixed token or a key: a 401 is final at once', async () => {
    expect((await credentialAuthorizer({ kind: 'bearer', source: fixedToken('fixed-1') }, [])()).refused()).toBe(false);
    expect((await credentialAuthorizer({ kind: 'api-key', key: 'k-1234' }, [])()).refused()).toBe(false);
  });

  it('a function that returns the same token after a 401: the second 401 is final', async () => {
    const authorize = credentialAuthorizer({ kind: 'bearer', source: functionToken(() => 'same') }, []);
    expect((await authorize()).refused()).toBe(true);
    expect((await authorize()).refused()).toBe(false);
  });
});
