// How long each provider lets one Realtime session live. At the cap the service sends
// `session_expired` and closes with 1001; proactive rotation must always come well before.
import type { Provider } from './endpoint.js';

interface SessionCap {
  /** The cap the rotation settings are checked against. */
  capMs: number;
  /** Where the figure comes from. */
  source: string;
}

// Azure: the current how-to (MicrosoftDocs/azure-ai-docs includes/how-to-realtime-audio-2.md)
// says 60 minutes, an older revision of the same page said 30. We keep 30: a deployment that
// still ends sessions at 30 minutes would cut a run that trusted 60, while one that allows 60 only
// costs a rotation limit (28m) that is far above the 8-minute default anyway.
// OpenAI: 60 minutes (openai-agents-js #1278, a maintainer; the session_expired message reads
// "Your session hit the maximum duration of 60 minutes.").
export const PROVIDER_SESSION_CAPS: Readonly<Record<Provider, SessionCap>> = {
  azure: { capMs: 30 * 60_000, source: 'Azure OpenAI how-to (older revision: 30 min; current: 60 min; 30 kept)' },
  openai: { capMs: 60 * 60_000, source: 'OpenAI (openai-agents-js #1278): 60 min' },
};

/** The most conservative cap of all providers: what a check that does not know the provider uses. */
export const MIN_SESSION_CAP_MS = Math.min(...Object.values(PROVIDER_SESSION_CAPS).map((c) => c.capMs));

/** The session cap of `provider`; an unknown provider gets the most conservative one. */
export function sessionCapMs(provider: Provider | undefined): number {
  return provider !== undefined && Object.hasOwn(PROVIDER_SESSION_CAPS, provider)
    ? PROVIDER_SESSION_CAPS[provider].capMs
    : MIN_SESSION_CAP_MS;
}
