// Which one credential a run uses, from options and the environment. Given explicitly (flags,
// library options), more than one is a mistake; from the environment, a key beats a token.
import { TranscribeError } from '../errors.js';
import type { CredentialDeps, CredentialOptions, Provider } from './credential-options.js';
import { azureCredentialSource } from './azure-credential.js';
import { checkCredential, clean, stripBearer } from './credential-text.js';
import type { CredentialSpec } from './credential.js';
import { tokenCommandSource } from './token-command.js';
import { fixedToken, functionToken } from './token-source.js';

export interface ChosenCredential {
  /** `fixed`: the token when it is the same on every connection (for static headers). */
  spec: CredentialSpec & { fixed?: string };
  /** How it was given, for messages (ResolvedEndpoint.credential): an option name or a variable. */
  label: string;
}

/** The credential of a run, checked: one source, its options consistent, values printable. */
export function chooseCredential(
  opts: CredentialOptions,
  env: NodeJS.ProcessEnv,
  provider: Provider,
  deps: CredentialDeps,
): ChosenCredential {
  const key = clean(opts.apiKey);
  const token = typeof opts.token === 'function' ? opts.token : clean(opts.token);
  const command = typeof opts.tokenCommand === 'string' ? clean(opts.tokenCommand) : opts.tokenCommand;
  const given = [
    key !== undefined ? '`apiKey`' : undefined,
    token !== undefined ? '`token`' : undefined,
    opts.tokenCommand !== undefined ? '`tokenCommand`' : undefined,
    opts.azureCredential ? '`azureCredential`' : undefined,
  ].filter((g): g is string => g !== undefined);
  if (given.length > 1) {
    const list =
      given.length === 2 ? `both ${given[0]} and ${given[1]}` : `${given.slice(0, -1).join(', ')} and ${given.at(-1)}`;
    throw new TranscribeError('CONFIG_INVALID', `${list} were given: pass one of them`, {
      hint: 'use `apiKey` for a resource key, or one of `azureCredential`, `tokenCommand`, `token` for Microsoft Entra ID',
    });
  }
  if (opts.tokenScope !== undefined && !opts.azureCredential) {
    throw new TranscribeError(
      'CONFIG_INVALID',
      `\`tokenScope\` (${opts.tokenScope}) applies only with \`azureCredential\``,
      { hint: 'add `azureCredential`, or drop `tokenScope`', option: 'tokenScope' },
    );
  }
  if (opts.tokenMaxAgeMs !== undefined && opts.tokenCommand === undefined) {
    throw new TranscribeError('CONFIG_INVALID', '`tokenMaxAgeMs` applies only with `tokenCommand`', {
      hint: 'add `tokenCommand`, or drop `tokenMaxAgeMs`',
      option: 'tokenMaxAgeMs',
    });
  }
  const now = deps.now ?? Date.now;

  if (opts.tokenCommand !== undefined) {
    if (command === undefined || (Array.isArray(command) && (command.length === 0 || command[0] === ''))) {
      throw new TranscribeError('CONFIG_INVALID', '`tokenCommand` is empty', {
        hint: 'for example `tokenCommand: "az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv"`',
        option: 'tokenCommand',
      });
    }
    const source = tokenCommandSource({
      command: command as string | readonly string[],
      maxAgeMs: opts.tokenMaxAgeMs,
      now,
      run: deps.runCommand,
      env,
    });
    return { spec: { kind: 'bearer', source }, label: 'tokenCommand' };
  }
  if (opts.azureCredential) {
    if (provider !== 'azure') {
      throw new TranscribeError('CONFIG_INVALID', '`azureCredential` is for Azure OpenAI, but the provider is openai', {
        hint: 'pass `endpoint: https://RESOURCE.openai.azure.com` (or `provider: azure`), or use `apiKey` for OpenAI',
        option: 'azureCredential',
      });
    }
    const source = azureCredentialSource({ scope: clean(opts.tokenScope), now, load: deps.loadIdentity });
    return { spec: { kind: 'bearer', source }, label: 'azureCredential' };
  }
  if (typeof token === 'function')
    return { spec: { kind: 'bearer', source: functionToken(token) }, label: 'the token function' };

  if (provider === 'openai') {
    const value = key ?? token ?? clean(env.OPENAI_API_KEY);
    if (value === undefined) {
      throw new TranscribeError('CONFIG_MISSING', 'no API key for OpenAI: pass `apiKey` or set OPENAI_API_KEY', {
        hint: 'create a key at https://platform.openai.com/api-keys',
        option: 'apiKey',
      });
    }
    const bare = stripBearer(value);
    checkCredential(bare, 'the API key (`apiKey` or OPENAI_API_KEY)');
    return {
      spec: { kind: 'bearer', source: fixedToken(bare, 'apiKey'), fixed: bare },
      label: key ? 'apiKey' : token ? 'token' : 'OPENAI_API_KEY',
    };
  }

  const envKey = key === undefined && token === undefined ? clean(env.AZURE_OPENAI_API_KEY) : undefined;
  const azureKey = key ?? envKey;
  if (azureKey !== undefined) {
    checkCredential(azureKey, 'the API key (`apiKey` or AZURE_OPENAI_API_KEY)');
    return { spec: { kind: 'api-key', key: azureKey }, label: key ? 'apiKey' : 'AZURE_OPENAI_API_KEY' };
  }
  const fixed = token ?? clean(env.AZURE_OPENAI_AD_TOKEN);
  if (fixed !== undefined) {
    const bare = stripBearer(fixed);
    checkCredential(bare, 'the token (`token` or AZURE_OPENAI_AD_TOKEN)');
    return {
      spec: { kind: 'bearer', source: fixedToken(bare), fixed: bare },
      label: token ? 'token' : 'AZURE_OPENAI_AD_TOKEN',
    };
  }
  throw new TranscribeError(
    'CONFIG_MISSING',
    'no API key for Azure OpenAI: pass `apiKey` or set AZURE_OPENAI_API_KEY (for Microsoft Entra ID: `azureCredential`, `tokenCommand`, or `token` / AZURE_OPENAI_AD_TOKEN)',
    { hint: 'the keys are listed in the Azure portal under your resource, Keys and Endpoint', option: 'apiKey' },
  );
}
