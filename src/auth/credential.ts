// The credential of one endpoint, per connection: the headers for the next upgrade, and what a
// 401 means for it. A key or a fixed token is the same on every connection and a 401 is final; a
// token source gets one fresh token after a 401, and only a 401 on that fresh token is final.
import type { TokenSource } from './token-source.js';

/** The credential for one upgrade request. */
export interface Authorization {
  /** Send these on the upgrade. */
  readonly headers: Record<string, string>;
  /** The upgrade with these headers succeeded: the token is good. */
  accepted(): void;
  /** The upgrade got a 401: true when a new try with a fresh credential is worth it, false when the 401 is final. */
  refused(): boolean;
}

export type CredentialSpec = { kind: 'api-key'; key: string } | { kind: 'bearer'; source: TokenSource };

/** Makes the per-connection Authorization; every token obtained is appended to `secrets`. */
export function credentialAuthorizer(spec: CredentialSpec, secrets: string[]): () => Promise<Authorization> {
  if (spec.kind === 'api-key') {
    const headers = { 'api-key': spec.key };
    return async () => ({ headers, accepted: () => {}, refused: () => false });
  }
  const { source } = spec;
  // After a 401 the next token obtained is on probation until it has worked once: a 401 on it is final.
  let probationNext = false;
  let onProbation: string | undefined;
  return async () => {
    const token = await source.token();
    if (!secrets.includes(token)) secrets.push(token);
    if (probationNext) {
      probationNext = false;
      onProbation = token;
    }
    return {
      headers: { Authorization: `Bearer ${token}` },
      accepted: () => {
        if (onProbation === token) onProbation = undefined;
      },
      refused: () => {
        if (!source.refreshable || onProbation === token) return false;
        source.invalidate();
        probationNext = true;
        return true;
      },
    };
  };
}
