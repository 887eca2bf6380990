// Every option a caller can get wrong, checked once, before any I/O. Messages name the option
// (its TranscribeOptions key) and the value received; `error.option` carries the key so that the
// CLI can say which flag it came from. No message here names a flag.
import { TranscribeError } from '../errors.js';
import type { PolicyOptions } from '../transcriber/options.js';
import { mergeRanges } from '../transcriber/spans/resume.js';
import { OPTION_TABLE, optionNamed, type OptionSpec } from './option-table.js';
import type { TranscribeOptions } from './options.js';

function invalid(option: string, message: string, hint?: string): TranscribeError {
  return new TranscribeError('USAGE', message, { option, ...(hint ? { hint } : {}) });
}

function shown(value: unknown): string {
  return typeof value === 'string'
    ? JSON.stringify(value)
    : typeof value === 'number'
      ? String(value)
      : value === null
        ? 'null'
        : typeof value;
}

// Durations read best in the unit a person would say them in.
function describeMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1000 && ms % 100 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

interface RangeRule {
  min: number;
  max: number;
  /** The bounds themselves excluded (speed > 0). */
  exclusiveMin?: boolean;
  integer?: boolean;
  /** Print values as durations. */
  ms?: boolean;
  hint?: string;
}

function checkRange(option: string, value: unknown, rule: RangeRule): void {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.exclusiveMin ? value > rule.min : value >= rule.min) &&
    value <= rule.max &&
    (!rule.integer || Number.isInteger(value));
  if (ok) return;
  const bound = (n: number) => (rule.ms ? describeMs(n) : String(n));
  const kind = rule.integer ? 'a whole number ' : '';
  const lower = rule.exclusiveMin ? `above ${bound(rule.min)} and up to` : `between ${bound(rule.min)} and`;
  const got = typeof value === 'number' && rule.ms ? describeMs(value) : shown(value);
  throw invalid(option, `${option} must be ${kind}${lower} ${bound(rule.max)}, got ${got}`, rule.hint);
}

function checkOneOf(option: string, value: unknown, allowed: readonly unknown[]): void {
  if (allowed.includes(value)) return;
  throw invalid(option, `${option} must be one of ${allowed.map(shown).join(', ')}, got ${shown(value)}`);
}

function checkText(option: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(option, `${option} must be a non-empty string, got ${shown(value)}`);
}

function checkTextList(option: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v.trim() !== ''))
    throw invalid(option, `${option} must be a non-empty array of non-empty strings, got ${shown(value)}`);
}

/** The range rule of a table entry (its library range), with the words of its hint. */
function ruleOf(spec: OptionSpec, override: Partial<RangeRule> = {}): RangeRule {
  const range = spec.range ?? { min: -Infinity, max: Infinity };
  return {
    min: range.min,
    max: range.max,
    ...(range.exclusiveMin && { exclusiveMin: true }),
    ...(range.integer && { integer: true }),
    ...(spec.kind === 'duration' && { ms: true }),
    ...(spec.hint !== undefined && { hint: spec.hint }),
    ...override,
  };
}

// Entries whose range the table cannot state alone: a bound that follows another setting.
function dynamicRule(name: string, p: PolicyOptions, sessionCapMs: number): Partial<RangeRule> | undefined {
  if (name === 'rotateAfterMs') {
    // Whole minutes, a minute clear of the cap: rotation is not exact to the millisecond.
    const max = (Math.floor((sessionCapMs - p.rotateGraceMs) / 60_000) - 1) * 60_000;
    return {
      max,
      hint: `sessions end at ${describeMs(sessionCapMs)}: rotation and its grace period must fit before that`,
    };
  }
  if (name === 'prepareAheadMs') return { max: p.rotateAfterMs };
  if (name === 'backoffMaxMs') return { min: p.backoffBaseMs };
  return undefined;
}

/**
 * Each top-level option of the table that has a range or a list of values, checked against it:
 * policy fields always (they hold a default), the others when set. Nested ones (`turnDetection.…`,
 * `rawInput.…`) are checked with their object, from the same entries.
 */
function checkTableEntries(
  values: Readonly<Record<string, unknown>>,
  policy: boolean,
  table: readonly OptionSpec[],
  dynamic: (name: string) => Partial<RangeRule> | undefined = () => undefined,
): void {
  for (const spec of table) {
    const name = spec.name;
    if (name === undefined || name.includes('.') || (spec.policy ?? false) !== policy) continue;
    const value = values[name];
    if (!policy && value === undefined) continue;
    if (spec.word !== undefined && value === spec.word) continue;
    if (spec.range) checkRange(name, value, ruleOf(spec, dynamic(name)));
    else if (spec.choices && !(value === undefined && spec.default === undefined))
      checkOneOf(name, value, spec.choices);
  }
}

/** Throws a USAGE TranscribeError naming the first policy setting that cannot work. */
export function validatePolicy(
  p: PolicyOptions,
  sessionCapMs: number,
  table: readonly OptionSpec[] = OPTION_TABLE,
): void {
  // The settings others' bounds follow come first, so that a bound is never read from a bad value.
  for (const name of ['rotateGraceMs', 'rotateAfterMs', 'backoffBaseMs'])
    checkRange(
      name,
      p[name as keyof PolicyOptions],
      ruleOf(optionNamed(name, table), dynamicRule(name, p, sessionCapMs)),
    );
  checkTableEntries(p as unknown as Record<string, unknown>, true, table, (name) => dynamicRule(name, p, sessionCapMs));
  checkTurnDetection(p.turnDetection, table);
  checkText('language', p.language);
  checkTextList('languages', p.languages);
  checkTextList('keywords', p.keywords);
  if (p.language !== undefined && p.languages !== undefined)
    throw invalid(
      'languages',
      'languages and language cannot both be set',
      'give one language as language, several as languages',
    );
  if (p.prompt !== undefined && typeof p.prompt !== 'string')
    throw invalid('prompt', `prompt must be a string, got ${shown(p.prompt)}`);
  if (typeof p.logprobs !== 'boolean')
    throw invalid('logprobs', `logprobs must be true or false, got ${shown(p.logprobs)}`);
}

function checkTurnDetection(td: PolicyOptions['turnDetection'], table: readonly OptionSpec[]): void {
  if (td === null) return;
  if (typeof td !== 'object')
    throw invalid('turnDetection', `turnDetection must be null or an object with a type, got ${shown(td)}`);
  checkOneOf('turnDetection.type', td.type, ['server_vad', 'semantic_vad']);
  const nested = (name: string, value: unknown) => {
    if (value !== undefined) checkRange(name, value, ruleOf(optionNamed(name, table)));
  };
  if (td.type === 'server_vad') {
    nested('turnDetection.threshold', td.threshold);
    nested('turnDetection.silence_duration_ms', td.silence_duration_ms);
    nested('turnDetection.prefix_padding_ms', td.prefix_padding_ms);
  } else if (td.eagerness !== undefined) {
    checkOneOf('turnDetection.eagerness', td.eagerness, optionNamed('turnDetection.eagerness', table).choices ?? []);
  }
}

/** The options outside the policy: input, files, resumption. */
export function validateRunOptions(o: TranscribeOptions, table: readonly OptionSpec[] = OPTION_TABLE): void {
  checkTableEntries(o as unknown as Record<string, unknown>, false, table);
  checkText('ffmpegPath', o.ffmpegPath);
  if (o.proxy !== false) checkText('proxy', o.proxy);
  checkText('logEventsPath', o.logEventsPath);
  if (o.inputArgs !== undefined && !(Array.isArray(o.inputArgs) && o.inputArgs.every((a) => typeof a === 'string'))) {
    throw invalid('inputArgs', `inputArgs must be an array of strings, got ${shown(o.inputArgs)}`);
  }
  if (o.rawInput !== undefined) {
    checkOneOf('rawInput.encoding', o.rawInput.encoding, optionNamed('rawInput.encoding', table).choices ?? []);
    checkRange('rawInput.sampleRate', o.rawInput.sampleRate, ruleOf(optionNamed('rawInput.sampleRate', table)));
    checkRange('rawInput.channels', o.rawInput.channels, ruleOf(optionNamed('rawInput.channels', table)));
  }
  if (o.resume !== undefined) checkResume(o.resume, o.startAtSec);
}

// Ranges of input seconds, and segments each inside one of them: a segment outside would be
// emitted beside the audio transcribed again, twice.
function checkResume(resume: TranscribeOptions['resume'], startAtSec: number | undefined): void {
  if (startAtSec !== undefined)
    throw invalid('resume', 'resume and startAtSec cannot both be set: resume.done says where to continue');
  if (typeof resume !== 'object' || resume === null || !Array.isArray(resume.done) || !Array.isArray(resume.segments))
    throw invalid('resume', `resume must be an object with arrays done and segments, got ${shown(resume)}`);
  const sec = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  for (const [i, range] of resume.done.entries()) {
    const ok = typeof range === 'object' && range !== null && sec(range.startSec) && sec(range.endSec);
    if (!ok || range.endSec < range.startSec)
      throw invalid(
        `resume.done[${i}]`,
        `resume.done[${i}] must be { startSec, endSec } with 0 <= startSec <= endSec, got ${ok ? `${range.startSec}–${range.endSec}` : shown(range)}`,
      );
  }
  const done = mergeRanges(resume.done);
  for (const [i, segment] of resume.segments.entries()) {
    const ok =
      typeof segment === 'object' &&
      segment !== null &&
      sec(segment.start) &&
      sec(segment.end) &&
      segment.end >= segment.start &&
      typeof segment.text === 'string';
    if (!ok) throw invalid(`resume.segments[${i}]`, `resume.segments[${i}] must be a segment, got ${shown(segment)}`);
    const inside = done.some((r) => r.startSec - 1e-6 <= segment.start && segment.end <= r.endSec + 1e-6);
    if (!inside)
      throw invalid(
        `resume.segments[${i}]`,
        `resume.segments[${i}] (${segment.start}–${segment.end} s) is inside none of resume.done`,
        'a segment counts only where its range is done',
      );
  }
}
