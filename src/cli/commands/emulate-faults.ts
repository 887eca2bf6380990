// The fault flags of `realtime-transcribe emulate` turned into FaultOptions.
import { REJECTABLE } from '../../emulator/config-rejection.js';
import { bad, duration, parseRange, sessionList, wholeNumber } from './emulate-values.js';
import type { FaultOptions } from '../../emulator/types.js';

export interface FaultFlags {
  drop?: string; // '3m' or '2m-6m'
  dropSessions?: string; // '1,3'
  expire?: string; // '30m'
  tooFast?: string; // '2'
  stall?: string; // 'SESSION@TIME', e.g. '2@1m'
  stallPings?: boolean;
  refuse?: string; // '503' or '503x3'
  maxSessions?: string;
  deafAfterError?: string; // '2m' or '1m-3m'
  deafSessions?: string; // '1,3'
  deafError?: string; // 'server_error' or 'rate_limit_exceeded'
  deafRetryIn?: string; // '20s'
  withholdTranscripts?: string | boolean; // true (all sessions) or '2,3'
  failSentence?: string; // '12' or '12x2'
  failItem?: string; // '5'
  commitKeepsSpeech?: boolean;
  rejectConfig?: string; // 'turn_detection' or a parameter path
  retryAfter?: string; // '3' (seconds)
  tokenTtl?: string; // '4s'
}

export function faultsFromFlags(flags: FaultFlags): FaultOptions {
  const faults: FaultOptions = {};
  if (flags.drop !== undefined) {
    const range = parseRange(flags.drop, '--drop', 'a time (3m) or a range (2m-6m)');
    faults.drop = range.length === 1 ? { afterMs: range[0] } : { betweenMs: range };
  }
  if (flags.dropSessions !== undefined) faults.dropSessions = sessionList(flags.dropSessions, '--drop-sessions');
  if (flags.expire !== undefined) {
    const ms = duration(flags.expire, '--expire', 'a duration above 0 such as 30m');
    if (ms <= 0) throw bad('--expire', flags.expire, 'a duration above 0 such as 30m');
    faults.expireAfterMs = ms;
  }
  if (flags.tooFast !== undefined) {
    const x = Number(flags.tooFast);
    if (flags.tooFast.trim() === '' || !Number.isFinite(x) || x <= 0) {
      throw bad('--too-fast', flags.tooFast, 'a multiple of real time above 0, such as 2');
    }
    faults.tooFast = x;
  }
  if (flags.stall !== undefined) {
    const want = 'SESSION@TIME, such as 2@1m (session 2 goes silent 1 minute in)';
    const [session, time, more] = flags.stall.split('@');
    const n = wholeNumber(session ?? '');
    if (n === undefined || n < 1 || time === undefined || more !== undefined) throw bad('--stall', flags.stall, want);
    faults.stall = { session: n, afterMs: duration(time, '--stall', want, flags.stall) };
  }
  if (flags.stallPings) {
    if (!faults.stall) throw new Error('--stall-pings needs --stall SESSION@TIME');
    faults.stallPings = true;
  }
  if (flags.refuse !== undefined) {
    const match = /^(\d{3})(?:x(\d+))?$/.exec(flags.refuse.trim());
    const status = Number(match?.[1]);
    if (!match || ![401, 403, 404, 429, 503].includes(status)) {
      throw bad(
        '--refuse',
        flags.refuse,
        'an HTTP status (401, 403, 404, 429 or 503), optionally with a count such as 503x3',
      );
    }
    faults.refuse = { status: status as 401 | 403 | 404 | 429 | 503 };
    if (match[2] !== undefined) faults.refuse.count = Number(match[2]);
  }
  if (flags.maxSessions !== undefined) {
    const n = wholeNumber(flags.maxSessions);
    if (n === undefined || n < 1)
      throw bad('--max-sessions', flags.maxSessions, 'a whole number of sessions, 1 or more');
    faults.maxSessions = n;
  }
  deafFromFlags(flags, faults);
  if (flags.withholdTranscripts !== undefined) {
    faults.withholdTranscripts =
      flags.withholdTranscripts === true
        ? {}
        : { sessions: sessionList(String(flags.withholdTranscripts), '--withhold-transcripts') };
  }
  if (flags.failSentence !== undefined && flags.failItem !== undefined)
    throw new Error('--fail-sentence and --fail-item: give one of them');
  if (flags.failSentence !== undefined) {
    const want = 'a tonecode sentence number, optionally with how many times it fails, such as 12 or 12x2';
    const match = /^\s*(\d+)(?:x(\d+))?\s*$/.exec(flags.failSentence);
    if (!match || (match[2] !== undefined && Number(match[2]) < 1))
      throw bad('--fail-sentence', flags.failSentence, want);
    faults.failItem = { sentence: Number(match[1]), ...(match[2] !== undefined && { times: Number(match[2]) }) };
  }
  if (flags.failItem !== undefined) {
    const n = wholeNumber(flags.failItem);
    if (n === undefined || n < 1)
      throw bad('--fail-item', flags.failItem, 'an item number (1 or more), counted over all sessions');
    faults.failItem = { item: n };
  }
  if (flags.commitKeepsSpeech) faults.commitClosesSpeech = false;
  if (flags.rejectConfig !== undefined) {
    const name = flags.rejectConfig.trim();
    const known = REJECTABLE[name];
    if (known) faults.rejectConfig = { ...known };
    else if (/^session(\.[a-z_]+)+$/.test(name)) faults.rejectConfig = { param: name };
    else
      throw bad(
        '--reject-config',
        flags.rejectConfig,
        `one of ${Object.keys(REJECTABLE).join(', ')}, or a parameter path such as session.audio.input.transcription.language`,
      );
  }
  if (flags.retryAfter !== undefined) {
    const n = wholeNumber(flags.retryAfter);
    if (n === undefined)
      throw bad('--retry-after', flags.retryAfter, 'whole seconds, such as 3 (0 sends no Retry-After)');
    faults.retryAfterSec = n;
  }
  if (flags.tokenTtl !== undefined) {
    const ms = duration(flags.tokenTtl, '--token-ttl', 'a duration above 0 such as 4s');
    if (ms <= 0) throw bad('--token-ttl', flags.tokenTtl, 'a duration above 0 such as 4s');
    faults.tokenTtlMs = ms;
  }
  return faults;
}

function deafFromFlags(flags: FaultFlags, faults: FaultOptions): void {
  const after = flags.deafAfterError;
  for (const [flag, value] of [
    ['--deaf-sessions', flags.deafSessions],
    ['--deaf-error', flags.deafError],
    ['--deaf-retry-in', flags.deafRetryIn],
  ] as const) {
    if (value !== undefined && after === undefined) throw new Error(`${flag} needs --deaf-after-error TIME`);
  }
  if (after === undefined) return;
  const range = parseRange(after, '--deaf-after-error', 'a time (2m) or a range (1m-3m)');
  const deaf: NonNullable<FaultOptions['deafAfterError']> =
    range.length === 1 ? { afterMs: range[0] } : { betweenMs: range };
  if (flags.deafSessions !== undefined) deaf.sessions = sessionList(flags.deafSessions, '--deaf-sessions');
  if (flags.deafError !== undefined) {
    if (flags.deafError !== 'server_error' && flags.deafError !== 'rate_limit_exceeded') {
      throw bad('--deaf-error', flags.deafError, 'server_error or rate_limit_exceeded');
    }
    deaf.error = flags.deafError;
  }
  if (flags.deafRetryIn !== undefined) {
    const want = 'a duration of whole seconds above 0, such as 20s';
    const ms = duration(flags.deafRetryIn, '--deaf-retry-in', want);
    if (ms <= 0 || ms % 1000 !== 0) throw bad('--deaf-retry-in', flags.deafRetryIn, want);
    deaf.retryInSec = ms / 1000;
  }
  faults.deafAfterError = deaf;
}
