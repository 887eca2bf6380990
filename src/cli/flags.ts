// Turns command-line flag values into typed options, with usage errors that name the flag, the
// value received and the allowed range.
import { TranscribeError } from '../index.js';
import type { OptionRange, OptionSpec } from '../run/option-table.js';
import { formatDurationMs, parseDurationMs } from '../util/duration.js';

export function usageError(message: string, hint = 'see realtime-transcribe --help'): TranscribeError {
  return new TranscribeError('USAGE', message, { hint });
}

// A value that is always there (a flag with a default) gives a number; an optional one may give none.
function durationFlag(flag: string, value: string, min: number, max: number, example: string): number;
function durationFlag(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
  example: string,
): number | undefined;
function durationFlag(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
  example: string,
): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDurationMs(value);
  if (ms === undefined || ms < min || ms > max) {
    throw usageError(
      `${flag} takes a duration from ${formatMs(min)} to ${formatMs(max)} (${value})`,
      `for example ${flag} ${example}`,
    );
  }
  return ms;
}

function numberFlag(flag: string, value: string, min: number, max: number, integer?: boolean, hint?: string): number;
function numberFlag(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
  integer?: boolean,
  hint?: string,
): number | undefined;
function numberFlag(
  flag: string,
  value: string | undefined,
  min: number,
  max: number,
  integer = false,
  hint?: string,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw usageError(`${flag} takes ${integer ? 'a whole number' : 'a number'} from ${min} to ${max} (${value})`, hint);
  }
  return n;
}

const formatMs = formatDurationMs;

/** The range the flag takes: the library's, or a narrower one of its own. */
export function flagRange(spec: OptionSpec): OptionRange | undefined {
  return spec.flagRange ?? spec.range;
}

/** A library value as typed on the command line: 8m for 480000 ms of a duration, none for null. */
export function flagValueText(spec: OptionSpec, value: unknown): string {
  if (value === null) return 'none';
  if (spec.kind === 'duration' && typeof value === 'number') return formatDurationMs(value);
  return String(value);
}

/** The flag's default as typed (commander shows it, and parses it like a value given). */
export function flagDefault(spec: OptionSpec): string | undefined {
  if (spec.flagDefault !== undefined) return spec.flagDefault;
  return spec.default === undefined ? undefined : flagValueText(spec, spec.default);
}

/** The values of an enum flag as typed: the library's `null` is `none`. */
export function flagChoices(spec: OptionSpec): string[] | undefined {
  return spec.choices?.map((c) => (c === null ? 'none' : c));
}

/**
 * A flag's text as the library value its table entry says: numbers and durations checked
 * against the flag's range (the usage error names the flag, the value and the range), `none`
 * of an enum is `null`, a list split at commas.
 */
export function parseFlagValue(spec: OptionSpec, text: string): unknown {
  const flag = spec.flag ?? spec.name ?? '?';
  const range = flagRange(spec) ?? { min: -Infinity, max: Infinity };
  const hint = spec.flagHint ?? spec.hint;
  switch (spec.kind) {
    case 'number':
      if (spec.word !== undefined && text === spec.word) return spec.word;
      if (range.exclusiveMin) return positive(flag, text, range.max, hint);
      return numberFlag(flag, text, range.min, range.max, range.integer ?? false, hint);
    case 'duration':
      return durationFlag(flag, text, range.min, range.max, spec.example ?? flagDefault(spec) ?? '');
    case 'enum':
      return text === 'none' && spec.choices?.includes(null) ? null : text;
    case 'list':
      return listFlag(text);
    case 'boolean':
    case 'string':
    case 'object':
      return text;
  }
}

/**
 * A duration, or a range of them `low-high` (a time chosen at random inside it), each in the
 * flag's range: `--local-drop 2m` or `--local-drop 1m-3m`.
 */
export function durationOrRangeFlag(spec: OptionSpec, text: string): [number] | [number, number] {
  const parts = text.split('-');
  const flag = spec.flag ?? '?';
  const example = spec.example ?? flagDefault(spec) ?? '';
  if (parts.length > 2)
    throw usageError(`${flag} takes a duration or a range low-high (${text})`, `for example ${flag} ${example}`);
  const [low, high] = parts.map((part) => parseFlagValue(spec, part) as number);
  if (low === undefined) throw usageError(`${flag} takes a duration (${text})`);
  if (high === undefined) return [low];
  if (low > high) throw usageError(`${flag} takes a range from low to high (${text})`, `for example ${flag} 1m-3m`);
  return [low, high];
}

// A comma-separated list, blanks dropped: `en, fr` is [en, fr].
export function listFlag(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function positive(flag: string, value: string, max: number, hint: string | undefined): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max) {
    throw usageError(`${flag} takes a number above 0 and up to ${max} (${value})`, hint);
  }
  return n;
}
