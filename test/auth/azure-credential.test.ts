import { describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/errors.js';
import { azureCredentialSource, DEFAULT_TOKEN_SCOPE, type IdentityModule } from '../../src/auth/azure-credential.js';

// A stand-in for @azure/identity: records scopes, hands out tokens that expire in an hour.
function fakeIdentity(now: () => number, answer?: () => never) {
  const scopes: (string | string[])[] = [];
  let n = 0;
  const module: IdentityModule = {
    DefaultAzureCredential: class {
      async getToken(scope: string | string[]) {
        scopes.push(scope);
        if (answer) answer();
        n += 1;
        return { token: `entra-${n}`, expiresOnTimestamp: now() + 3_600_000 };
      }
    },
  };
  return { module, scopes };
}

describe('azureCredentialSource', () => {
  it('asks for the default scope and refreshes five minutes before expiry, by the injected clock', async () => {
    let now = 1_000_000;
    const { module, scopes } = fakeIdentity(() => now);
    const source = azureCredentialSource({ now: () => now, load: async () => module });
    expect(await source.token()).toBe('entra-1');
    now += 29 * 60_000;
    expect(await source.token()).toBe('entra-1'); // still within our 30-minute bound
    now += 60_000;
    expect(await source.token()).toBe('entra-2');
    expect(scopes).toEqual([DEFAULT_TOKEN_SCOPE, DEFAULT_TOKEN_SCOPE]);
    expect(DEFAULT_TOKEN_SCOPE).toBe('https://cognitiveservices.azure.com/.default');
  });

  it('takes a refreshAfterTimestamp, and --token-scope', async () => {
    let now = 0;
    const scopes: unknown[] = [];
    let n = 0;
    const module: IdentityModule = {
      DefaultAzureCredential: class {
        async getToken(scope: string | string[]) {
          scopes.push(scope);
          return { token: `r-${++n}`, expiresOnTimestamp: now + 3_600_000, refreshAfterTimestamp: now + 120_000 };
        }
      },
    };
    const source = azureCredentialSource({
      scope: 'https://ai.azure.com/.default',
      now: () => now,
      load: async () => module,
    });
    expect(await source.token()).toBe('r-1');
    now = 120_000;
    expect(await source.token()).toBe('r-2');
    expect(scopes).toEqual(['https://ai.azure.com/.default', 'https://ai.azure.com/.default']);
  });

  it('says to install @azure/identity when it is missing', async () => {
    const missing = Object.assign(new Error("Cannot find package '@azure/identity'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const source = azureCredentialSource({ load: async () => Promise.reject(missing) });
    const error = (await source.token().catch((e: unknown) => e)) as TranscribeError;
    expect(error.code).toBe('CONFIG_MISSING');
    expect(error.message).toBe('`azureCredential` needs the @azure/identity package, which is not installed');
    expect(error.hint).toBe(
      'install it next to realtime-transcribe (npm install @azure/identity), or use `tokenCommand` with az account get-access-token',
    );
  });

  it('reports the first line of a credential failure', async () => {
    const { module } = fakeIdentity(
      () => 0,
      () => {
        throw new Error(
          'DefaultAzureCredential failed to retrieve a token from the included credentials.\nAttempted credentials:\n...',
        );
      },
    );
    const error = (await azureCredentialSource({ load: async () => module })
      .token()
      .catch((e: unknown) => e)) as TranscribeError;
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toBe(
      '`azureCredential` could not get a token for https://cognitiveservices.azure.com/.default: DefaultAzureCredential failed to retrieve a token from the included credentials.',
    );
  });

  it('loads the real @azure/identity (an optional dependency) without asking it for a token', async () => {
    const identity = (await import('@azure/identity')) as unknown as IdentityModule;
    expect(typeof identity.DefaultAzureCredential).toBe('function');
  });
});
