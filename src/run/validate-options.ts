// Every option a caller can get wrong, checked once, before any I/O. Messages name the option
// (its TranscribeOptions key) and the value received; `error.option` carries the key so that the
// CLI can say which flag it came from. No message here names a flag.
import { TranscribeError } from '../errors.js';
import { RAW_CHANNEL_RANGE, RAW_RATE_RANGE } from '../audio/raw-format.js';
import type { PolicyOptions } from '../transcriber/options.js';
import { DETECTOR_KINDS, SENSITIVITIES } from '../speech/detector.js';
import { mergeRanges } from '../transcriber/spans/resume.js';
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

const HOUR = 3_600_000;

/** Throws a USAGE TranscribeError naming the first policy setting that cannot work. */
export function validatePolicy(p: PolicyOptions, sessionCapMs: number): void {
  checkRange('chunkMs', p.chunkMs, {
    min: 10,
    max: 100,
    integer: true,
    hint: 'the Realtime guidance says 20 to 50 ms per append; the default is 40',
  });
  checkRange('speed', p.speed, { min: 0, max: 1000, exclusiveMin: true, hint: '1 is real time' });
  checkRange('catchUpFactor', p.catchUpFactor, { min: 1, max: 10 });
  checkRange('rotateGraceMs', p.rotateGraceMs, { min: 0, max: HOUR, ms: true });
  // Whole minutes, a minute clear of the cap: rotation is not exact to the millisecond.
  const maxRotate = (Math.floor((sessionCapMs - p.rotateGraceMs) / 60_000) - 1) * 60_000;
  checkRange('rotateAfterMs', p.rotateAfterMs, {
    min: 10_000,
    max: maxRotate,
    ms: true,
    hint: `sessions end at ${describeMs(sessionCapMs)}: rotation and its grace period must fit before that`,
  });
  checkRange('prepareAheadMs', p.prepareAheadMs, {
    min: 0,
    max: p.rotateAfterMs,
    ms: true,
    hint: 'the next session is opened this long before rotation',
  });
  checkRange('stopGraceMs', p.stopGraceMs, { min: 0, max: HOUR, ms: true });
  checkRange('maxUtteranceMs', p.maxUtteranceMs, { min: 1000, max: HOUR, ms: true });
  checkRange('replayLimitMs', p.replayLimitMs, { min: 5_000, max: 4 * HOUR, ms: true });
  checkRange('watchdogMs', p.watchdogMs, { min: 1_000, max: HOUR, ms: true });
  checkRange('drainTimeoutMs', p.drainTimeoutMs, { min: 1_000, max: HOUR, ms: true });
  checkRange('pingIntervalMs', p.pingIntervalMs, { min: 0, max: 600_000, ms: true, hint: '0 turns pings off' });
  checkRange('pongTimeoutMs', p.pongTimeoutMs, { min: 100, max: 600_000, ms: true });
  checkRange('handshakeTimeoutMs', p.handshakeTimeoutMs, { min: 100, max: 600_000, ms: true });
  checkRange('backoffBaseMs', p.backoffBaseMs, { min: 0, max: 600_000, ms: true });
  checkRange('backoffMaxMs', p.backoffMaxMs, {
    min: p.backoffBaseMs,
    max: HOUR,
    ms: true,
    hint: 'the longest wait cannot be shorter than backoffBaseMs',
  });
  checkRange('maxAttempts', p.maxAttempts, { min: 1, max: 1000, integer: true });
  checkOneOf('speechDetector', p.speechDetector, DETECTOR_KINDS);
  checkOneOf('speechSensitivity', p.speechSensitivity, SENSITIVITIES);
  checkRange('maxBufferedBytes', p.maxBufferedBytes, { min: 1024, max: 1 << 30, integer: true });
  checkTurnDetection(p.turnDetection);
  checkText('language', p.language);
  checkTextList('languages', p.languages);
  checkTextList('keywords', p.keywords);
  if (p.language !== undefined && p.languages !== undefined)
    throw invalid(
      'languages',
      'languages and language cannot both be set',
      'give one language as language, several as languages',
    );
  if (p.delay !== undefined) checkOneOf('delay', p.delay, ['minimal', 'low', 'medium', 'high', 'xhigh']);
  if (p.prompt !== undefined && typeof p.prompt !== 'string')
    throw invalid('prompt', `prompt must be a string, got ${shown(p.prompt)}`);
  checkOneOf('noiseReduction', p.noiseReduction, ['near_field', 'far_field', null]);
  if (typeof p.logprobs !== 'boolean')
    throw invalid('logprobs', `logprobs must be true or false, got ${shown(p.logprobs)}`);
  checkOneOf('skipSilence', p.skipSilence, ['auto', 'on', 'off']);
}

function checkTurnDetection(td: PolicyOptions['turnDetection']): void {
  if (td === null) return;
  if (typeof td !== 'object')
    throw invalid('turnDetection', `turnDetection must be null or an object with a type, got ${shown(td)}`);
  checkOneOf('turnDetection.type', td.type, ['server_vad', 'semantic_vad']);
  if (td.type === 'server_vad') {
    if (td.threshold !== undefined) checkRange('turnDetection.threshold', td.threshold, { min: 0, max: 1 });
    if (td.silence_duration_ms !== undefined)
      checkRange('turnDetection.silence_duration_ms', td.silence_duration_ms, { min: 100, max: 5000, integer: true });
    if (td.prefix_padding_ms !== undefined)
      checkRange('turnDetection.prefix_padding_ms', td.prefix_padding_ms, { min: 0, max: 2000, integer: true });
  } else if (td.eagerness !== undefined) {
    checkOneOf('turnDetection.eagerness', td.eagerness, ['low', 'medium', 'high', 'auto']);
  }
}

/** The options outside the policy: input, files, resumption. */
export function validateRunOptions(o: TranscribeOptions): void {
  if (o.startAtSec !== undefined) checkRange('startAtSec', o.startAtSec, { min: 0, max: Number.MAX_SAFE_INTEGER });
  if (o.tokenMaxAgeMs !== undefined) checkRange('tokenMaxAgeMs', o.tokenMaxAgeMs, { min: 10_000, max: HOUR, ms: true });
  if (o.provider !== undefined) checkOneOf('provider', o.provider, ['azure', 'openai']);
  checkText('ffmpegPath', o.ffmpegPath);
  if (o.proxy !== false) checkText('proxy', o.proxy);
  checkText('logEventsPath', o.logEventsPath);
  if (o.inputArgs !== undefined && !(Array.isArray(o.inputArgs) && o.inputArgs.every((a) => typeof a === 'string'))) {
    throw invalid('inputArgs', `inputArgs must be an array of strings, got ${shown(o.inputArgs)}`);
  }
  if (o.rawInput !== undefined) {
    checkOneOf('rawInput.encoding', o.rawInput.encoding, ['s16le', 'f32le', 'mulaw']);
    checkRange('rawInput.sampleRate', o.rawInput.sampleRate, {
      min: RAW_RATE_RANGE[0],
      max: RAW_RATE_RANGE[1],
      integer: true,
    });
    checkRange('rawInput.channels', o.rawInput.channels, {
      min: RAW_CHANNEL_RANGE[0],
      max: RAW_CHANNEL_RANGE[1],
      integer: true,
    });
  }
  if (o.maxBufferedEvents !== undefined)
    checkRange('maxBufferedEvents', o.maxBufferedEvents, { min: 1, max: 1_000_000, integer: true });
  if (o.resume !== undefined) checkResume(o.resume, o.startAtSec);
  if (o.parallel !== undefined && o.parallel !== 'auto')
    checkRange('parallel', o.parallel, {
      min: 1,
      max: 16,
      integer: true,
      hint: "or 'auto': one span per 10 minutes of audio, up to 4",
    });
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
