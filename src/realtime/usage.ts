// What the service bills, summed over a run from the `usage` of completed transcriptions:
// seconds of audio (`{type:"duration"}`) or tokens (`{type:"tokens"}`), as each model reports.
// Pure: an immutable total, a reader that checks the shape, and the text of the summary line.
import type { TranscriptionUsage } from './events.js';

export interface UsageTotals {
  /** Completed items whose usage was read. */
  items: number;
  /** Completed items with no usage, or one of a shape we do not know (not billed as far as we can tell). */
  unreported: number;
  durationItems: number;
  durationSeconds: number;
  tokenItems: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Parts of inputTokens, when the service said (0 otherwise). */
  inputAudioTokens: number;
  inputTextTokens: number;
}

export const NO_USAGE: UsageTotals = Object.freeze({
  items: 0,
  unreported: 0,
  durationItems: 0,
  durationSeconds: 0,
  tokenItems: 0,
  inputTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  inputAudioTokens: 0,
  inputTextTokens: 0,
});

/** The usage of a completed event, if it has a shape we know. */
export function readUsage(raw: unknown): TranscriptionUsage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const u = raw as Record<string, unknown>;
  const num = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (u.type === 'duration' && num(u.seconds)) return { type: 'duration', seconds: u.seconds as number };
  if (u.type === 'tokens' && num(u.input_tokens) && num(u.output_tokens) && num(u.total_tokens)) {
    const details = u.input_token_details as Record<string, unknown> | undefined;
    const usage: TranscriptionUsage = {
      type: 'tokens',
      input_tokens: u.input_tokens as number,
      output_tokens: u.output_tokens as number,
      total_tokens: u.total_tokens as number,
    };
    if (typeof details === 'object' && details !== null) {
      usage.input_token_details = {
        ...(num(details.audio_tokens) ? { audio_tokens: details.audio_tokens as number } : {}),
        ...(num(details.text_tokens) ? { text_tokens: details.text_tokens as number } : {}),
      };
    }
    return usage;
  }
  return undefined;
}

/** `totals` with one completed item's usage (the raw `usage` field of its `completed` event) added. */
export function addUsage(totals: UsageTotals, raw: unknown): UsageTotals {
  const usage = readUsage(raw);
  if (usage === undefined) return { ...totals, unreported: totals.unreported + 1 };
  if (usage.type === 'duration') {
    return {
      ...totals,
      items: totals.items + 1,
      durationItems: totals.durationItems + 1,
      durationSeconds: totals.durationSeconds + usage.seconds,
    };
  }
  return {
    ...totals,
    items: totals.items + 1,
    tokenItems: totals.tokenItems + 1,
    inputTokens: totals.inputTokens + usage.input_tokens,
    outputTokens: totals.outputTokens + usage.output_tokens,
    totalTokens: totals.totalTokens + usage.total_tokens,
    inputAudioTokens: totals.inputAudioTokens + (usage.input_token_details?.audio_tokens ?? 0),
    inputTextTokens: totals.inputTextTokens + (usage.input_token_details?.text_tokens ?? 0),
  };
}

/** Several runs' totals as one (batches, parallel spans). */
export function mergeUsage(a: UsageTotals, b: UsageTotals): UsageTotals {
  const out = { ...a };
  for (const key of Object.keys(NO_USAGE) as (keyof UsageTotals)[]) out[key] = a[key] + b[key];
  return out;
}

/**
 * The summary line, without indentation or newline, or undefined when nothing was reported:
 * `billed: 42.5 s of audio (12 items)`, `billed: 1,234 tokens (980 in: 950 audio, 30 text; 254 out) for 12 items`.
 */
export function formatUsageLine(t: UsageTotals): string | undefined {
  const parts: string[] = [];
  if (t.durationItems > 0)
    parts.push(`${formatSeconds(t.durationSeconds)} of audio (${count(t.durationItems, 'item')})`);
  if (t.tokenItems > 0) {
    const split =
      t.inputAudioTokens + t.inputTextTokens > 0
        ? `: ${n(t.inputAudioTokens)} audio, ${n(t.inputTextTokens)} text`
        : '';
    parts.push(
      `${n(t.totalTokens)} tokens (${n(t.inputTokens)} in${split}; ${n(t.outputTokens)} out) for ${count(t.tokenItems, 'item')}`,
    );
  }
  if (parts.length === 0)
    return t.unreported > 0 ? `billed: not reported by the service (${count(t.unreported, 'item')})` : undefined;
  const unreported = t.unreported > 0 ? `; ${count(t.unreported, 'item')} without usage` : '';
  return `billed: ${parts.join(' and ')}${unreported}`;
}

export interface UsageJson {
  items: number;
  unreported_items: number;
  duration_seconds?: number;
  tokens?: { input: number; output: number; total: number; input_audio?: number; input_text?: number };
}

/** The totals for JSON metadata (snake_case like the service's own usage); absent kinds left out. */
export function usageJson(t: UsageTotals): UsageJson {
  const out: UsageJson = { items: t.items, unreported_items: t.unreported };
  if (t.durationItems > 0) out.duration_seconds = Math.round(t.durationSeconds * 1000) / 1000;
  if (t.tokenItems > 0) {
    out.tokens = { input: t.inputTokens, output: t.outputTokens, total: t.totalTokens };
    if (t.inputAudioTokens + t.inputTextTokens > 0)
      Object.assign(out.tokens, { input_audio: t.inputAudioTokens, input_text: t.inputTextTokens });
  }
  return out;
}

export interface BilledEstimateInput {
  /** Length of the input. */
  seconds: number;
  /** Speech the speech detector heard, and in how many utterances (measureInput). */
  speechSec: number;
  utterances: number;
  /** Server VAD padding that each item carries around its speech (0 for manual commits). */
  prefixPaddingMs: number;
  silenceDurationMs: number;
}

/**
 * A --dry-run estimate of duration-billed audio: each item's audio is its speech plus the VAD's
 * padding around it, never more than the input. Token billing depends on the model's tokenizer
 * and the words spoken, so it is not estimated: the line says so.
 */
export function estimateBilled(e: BilledEstimateInput): { seconds: number; text: string } {
  const padding = (e.utterances * (e.prefixPaddingMs + e.silenceDurationMs)) / 1000;
  const seconds = Math.min(e.seconds, e.speechSec + padding);
  return {
    seconds,
    text: `about ${formatSeconds(seconds)} of audio where billed by duration; token-billed models cannot be estimated exactly`,
  };
}

function formatSeconds(sec: number): string {
  const s = `${(Math.round(sec * 10) / 10).toFixed(1)} s`;
  return sec >= 60 ? `${s} (${(Math.round((sec / 60) * 10) / 10).toFixed(1)} min)` : s;
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function count(value: number, noun: string): string {
  return `${value} ${noun}${value === 1 ? '' : 's'}`;
}
