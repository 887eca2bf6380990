// `azureCredential` (`--azure-credential`): Microsoft Entra ID tokens from @azure/identity's DefaultAzureCredential
// (environment, workload identity, managed identity, az login, …). The package is an optional
// dependency, imported only when asked for, so the tool works without it.
import { TranscribeError } from '../errors.js';
import { cachedToken, type TokenSource } from './token-source.js';

/** The classic Entra ID scope of Azure OpenAI (newer docs also use https://ai.azure.com/.default). */
export const DEFAULT_TOKEN_SCOPE = 'https://cognitiveservices.azure.com/.default';

// The part of @azure/identity used here.
interface AccessToken {
  token: string;
  expiresOnTimestamp: number;
  refreshAfterTimestamp?: number;
}
interface Credential {
  getToken(scopes: string | string[]): Promise<AccessToken | null>;
}
export interface IdentityModule {
  DefaultAzureCredential: new () => Credential;
}

export interface AzureCredentialOptions {
  scope?: string | undefined;
  /** Wall-clock epoch ms (injected by tests). */
  now?: (() => number) | undefined;
  /** Loads @azure/identity (injected by tests). */
  load?: (() => Promise<IdentityModule>) | undefined;
}

// A new session never opens on a token with less than this left; Entra tokens live about an hour.
const EXPIRY_MARGIN_MS = 5 * 60_000;
// The credential caches and refreshes on its own; this only bounds how long we trust our copy.
const MAX_AGE_MS = 30 * 60_000;

// A specifier in a variable: neither the build nor the bundle may depend on an optional package.
const IDENTITY_PACKAGE = '@azure/identity';
const loadIdentity = async (): Promise<IdentityModule> => (await import(IDENTITY_PACKAGE)) as IdentityModule;

/** A TokenSource backed by DefaultAzureCredential, created on the first token. */
export function azureCredentialSource(o: AzureCredentialOptions = {}): TokenSource {
  const scope = o.scope ?? DEFAULT_TOKEN_SCOPE;
  let credential: Credential | undefined;
  return cachedToken({
    label: 'azureCredential',
    now: o.now ?? Date.now,
    maxAgeMs: MAX_AGE_MS,
    expiryMarginMs: EXPIRY_MARGIN_MS,
    fetch: async () => {
      credential ??= new (await load(o.load ?? loadIdentity)).DefaultAzureCredential();
      let got: AccessToken | null;
      try {
        got = await credential.getToken(scope);
      } catch (error) {
        throw new TranscribeError(
          'AUTH_FAILED',
          `\`azureCredential\` could not get a token for ${scope}: ${firstLine(error)}`,
          {
            hint: 'sign in with az login, run where a managed identity is assigned, or set AZURE_CLIENT_ID / AZURE_TENANT_ID / AZURE_CLIENT_SECRET',
            cause: error,
            option: 'azureCredential',
          },
        );
      }
      if (!got?.token) {
        throw new TranscribeError('AUTH_FAILED', `\`azureCredential\` got no token for ${scope}`, {
          hint: 'check `tokenScope` and that your identity may use the resource (role Cognitive Services OpenAI User)',
          option: 'azureCredential',
        });
      }
      return { token: got.token, expiresAtMs: got.expiresOnTimestamp, refreshAtMs: got.refreshAfterTimestamp };
    },
  });
}

async function load(loader: () => Promise<IdentityModule>): Promise<IdentityModule> {
  try {
    return await loader();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new TranscribeError(
        'CONFIG_MISSING',
        '`azureCredential` needs the @azure/identity package, which is not installed',
        {
          hint: 'install it next to realtime-transcribe (npm install @azure/identity), or use `tokenCommand` with az account get-access-token',
          option: 'azureCredential',
          cause: error,
        },
      );
    }
    throw error;
  }
}

// Identity errors run to many lines (one per credential tried); the first says the most.
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line =
    text
      .split(/\r?\n/)
      .find((l) => l.trim() !== '')
      ?.trim() ?? 'unknown error';
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}
