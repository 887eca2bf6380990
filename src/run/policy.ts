// The run's policy: the defaults, what the caller set, and what the model needs (the model
// table decides turn detection and prompt unless the caller chose), validated once.
import { TranscribeError } from '../errors.js';
import { resolveModelSettings, type RefusedSetting } from '../realtime/models.js';
import { sessionCapMs } from '../realtime/provider-caps.js';
import type { ResolvedEndpoint } from '../realtime/endpoint.js';
import type { PolicyOptions } from '../transcriber/options.js';
import { policyDefaults } from './option-table.js';
import { validatePolicy } from './validate-options.js';

/** The policy a run uses for every field the caller leaves unset: the option table's defaults. */
export const defaultPolicy: Readonly<PolicyOptions> = policyDefaults() as unknown as PolicyOptions;

export interface ResolvedPolicy {
  policy: PolicyOptions;
  /** One line each: a prompt the model cannot take, a turn detection it may refuse. */
  warnings: string[];
}

/** Options as the caller gave them: every policy field optional; `turnDetection` unset lets the model decide. */
export type PolicyInput = Partial<PolicyOptions> & { model?: string | undefined };

export function resolvePolicy(
  options: PolicyInput,
  endpoint?: Pick<ResolvedEndpoint, 'provider' | 'transcriptionModel'>,
): ResolvedPolicy {
  const policy: PolicyOptions = { ...defaultPolicy };
  for (const key of Object.keys(defaultPolicy) as (keyof PolicyOptions)[]) {
    if (options[key] !== undefined) (policy as unknown as Record<string, unknown>)[key] = options[key];
  }
  let warnings: string[] = [];
  let refused: RefusedSetting | undefined;
  if (endpoint) {
    const settings = resolveModelSettings({
      provider: endpoint.provider,
      transcriptionModel: endpoint.transcriptionModel,
      model: options.model,
      turnDetection: options.turnDetection,
      prompt: options.prompt,
      keywords: options.keywords,
      languages: options.languages,
      delay: options.delay,
    });
    refused = settings.refused;
    policy.turnDetection = settings.turnDetection;
    policy.prompt = settings.prompt;
    warnings = settings.warnings;
  }
  validatePolicy(policy, sessionCapMs(endpoint?.provider));
  // After the values themselves are checked: a malformed list is told as such, not as the model's.
  if (refused) throw new TranscribeError('USAGE', refused.message, { option: refused.option, hint: refused.hint });
  return { policy, warnings };
}
