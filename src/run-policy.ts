// The run's policy: the defaults, what the caller set, and what the model needs (the model
// table decides turn detection and prompt unless the caller chose), validated once.
import { TranscribeError } from './errors.js';
import { resolveModelSettings } from './realtime/models.js';
import { sessionCapMs } from './realtime/provider-caps.js';
import type { ResolvedEndpoint } from './realtime/endpoint.js';
import { defaultPolicy, type PolicyOptions } from './transcriber/options.js';

export interface ResolvedPolicy {
  policy: PolicyOptions;
  /** One line each: a prompt the model cannot take, a turn detection it may refuse. */
  warnings: string[];
}

/** Options as the caller gave them: every policy field optional; `turnDetection` unset lets the model decide. */
export type PolicyInput = Partial<PolicyOptions> & { model?: string | undefined };

export function resolvePolicy(options: PolicyInput, endpoint?: Pick<ResolvedEndpoint, 'provider' | 'transcriptionModel'>): ResolvedPolicy {
  const policy: PolicyOptions = { ...defaultPolicy };
  for (const key of Object.keys(defaultPolicy) as (keyof PolicyOptions)[]) {
    if (options[key] !== undefined) (policy as unknown as Record<string, unknown>)[key] = options[key];
  }
  let warnings: string[] = [];
  if (endpoint) {
    const settings = resolveModelSettings({
      provider: endpoint.provider,
      transcriptionModel: endpoint.transcriptionModel,
      model: options.model,
      turnDetection: options.turnDetection,
      prompt: options.prompt,
    });
    policy.turnDetection = settings.turnDetection;
    policy.prompt = settings.prompt;
    warnings = settings.warnings;
  }
  validatePolicy(policy, sessionCapMs(endpoint?.provider));
  return { policy, warnings };
}

function validatePolicy(p: PolicyOptions, capMs: number): void {
  const usage = (message: string, hint: string) => new TranscribeError('USAGE', message, { hint });
  if (!(p.chunkMs >= 10 && p.chunkMs <= 100)) throw usage(`chunk size out of range (${p.chunkMs} ms)`, 'use --chunk-ms between 10 and 100 (the guidance says 20–50)');
  if (!(p.speed > 0 && p.speed <= 1000)) throw usage(`speed out of range (${p.speed})`, 'use --speed between 0 and 1000 (1 = real time)');
  if (!(p.rotateAfterMs >= 10_000 && p.rotateAfterMs + p.rotateGraceMs < capMs)) {
    const maxMin = Math.floor((capMs - p.rotateGraceMs) / 60_000) - 1;
    throw usage(`rotation interval out of range (${p.rotateAfterMs / 1000} s)`, `use --rotate-after between 10s and ${maxMin}m: sessions end at ${capMs / 60_000} minutes`);
  }
  if (!(p.catchUpFactor >= 1 && p.catchUpFactor <= 10)) throw usage(`catch-up factor out of range (${p.catchUpFactor})`, 'use --catch-up between 1 and 10');
}
