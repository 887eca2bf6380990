// What a run's credential is made of: the options that choose it and the injection points that
// fetch it. The endpoint's options extend these; the credential itself is chosen in auth/.
import type { IdentityModule } from './azure-credential.js';
import type { RunCommand } from './run-command.js';

/** The service a credential is for: Azure OpenAI (keys, Entra ID tokens) or OpenAI (API keys). */
export type Provider = 'azure' | 'openai';

/** The credential options of a run: at most one of a key, a token, a token command, Entra ID. */
export interface CredentialOptions {
  /** The resource's key (Azure) or the API key (OpenAI). Unset: AZURE_OPENAI_API_KEY or OPENAI_API_KEY. */
  apiKey?: string | undefined;
  /**
   * Microsoft Entra ID bearer token (Azure), sent instead of an API key: a string for the whole
   * run, or a function called before every connection (it may cache; it is asked again after a 401).
   */
  token?: string | (() => Promise<string>);
  /**
   * A command that prints a bearer token (first line, or JSON with access_token / expires_on),
   * run before a session opens when the last token is older than `tokenMaxAgeMs`, and once more
   * after a 401. A string runs through the shell exactly as given; an argv array runs without one.
   */
  tokenCommand?: string | readonly string[];
  /** Run `tokenCommand` again when its last token is older than this (default 5 min). */
  tokenMaxAgeMs?: number;
  /** Tokens from @azure/identity's DefaultAzureCredential (az login, managed identity, environment). */
  azureCredential?: boolean;
  /** Scope of `azureCredential` (default https://cognitiveservices.azure.com/.default). */
  tokenScope?: string;
}

/** Injection points of the credential sources (tests). */
export interface CredentialDeps {
  /** Wall-clock epoch ms, for token ages and expiries. */
  now?: () => number;
  runCommand?: RunCommand;
  loadIdentity?: () => Promise<IdentityModule>;
}
