// EmulatorOptions, checked once up front and filled with defaults. A bad option fails
// startEmulator() with a message that names the option and the value received.
import { randomBytes } from 'node:crypto';
import { MAX_SENTENCES } from '../tonecode/index.js';
import { freshSeed } from './random.js';
import type { EmulatorOptions, FaultOptions } from './types.js';

export interface Settings {
  host: string;
  port: number;
  key: string;
  timeScale: number;
  seed: number;
  latencyMs: [number, number];
  deltas: boolean;
  deployments: string[] | undefined;
  faults: FaultOptions;
  // Where to write the certificate, or undefined for no TLS ('' = a temporary file).
  tlsCertPath: string | undefined;
  record: ((session: number, pcm: Int16Array) => void) | undefined;
  log: (line: string) => void;
  onNote: (note: string) => void;
}

const REFUSABLE = [401, 403, 404, 429, 503];

export function resolveSettings(options: EmulatorOptions = {}): Settings {
  const timeScale = options.timeScale ?? 1;
  check(Number.isFinite(timeScale) && timeScale > 0, 'timeScale', 'a number above 0', timeScale);
  const port = options.port ?? 0;
  check(Number.isInteger(port) && port >= 0 && port <= 65535, 'port', 'a whole number from 0 to 65535', port);
  const seed = options.seed ?? freshSeed();
  check(Number.isInteger(seed), 'seed', 'a whole number', seed);
  const latencyMs = options.latencyMs ?? [200, 900];
  check(isRange(latencyMs), 'latencyMs', 'a pair [low, high] of ms with 0 <= low <= high', latencyMs);
  const key = options.key ?? `emu-${randomBytes(12).toString('hex')}`;
  check(typeof key === 'string' && key !== '' && !/\s/.test(key), 'key', 'a non-empty string without spaces', key);
  if (options.deployments !== undefined) {
    check(
      Array.isArray(options.deployments) && options.deployments.every((d) => typeof d === 'string' && d !== ''),
      'deployments',
      'an array of names',
      options.deployments,
    );
  }
  check(
    options.record === undefined || typeof options.record === 'function',
    'record',
    'a function (session, pcm)',
    typeof options.record,
  );
  const faults = options.faults ?? {};
  checkFaults(faults);
  const tls = options.tls ?? false;
  check(
    typeof tls === 'boolean' ||
      (typeof tls === 'object' &&
        tls !== null &&
        (tls.certPath === undefined || (typeof tls.certPath === 'string' && tls.certPath !== ''))),
    'tls',
    'true, false or { certPath }',
    tls,
  );
  return {
    host: options.host ?? '127.0.0.1',
    port,
    key,
    timeScale,
    seed,
    latencyMs: [latencyMs[0], latencyMs[1]],
    deltas: options.deltas ?? true,
    deployments: options.deployments ? [...options.deployments] : undefined,
    faults,
    tlsCertPath: tls === false ? undefined : tls === true ? '' : (tls.certPath ?? ''),
    record: options.record,
    log: options.log ?? (() => {}),
    onNote: options.onNote ?? (() => {}),
  };
}

function checkFaults(f: FaultOptions): void {
  if (f.drop !== undefined) {
    if ('afterMs' in f.drop) check(isMs(f.drop.afterMs), 'faults.drop.afterMs', 'ms >= 0', f.drop.afterMs);
    else
      check(
        isRange(f.drop.betweenMs),
        'faults.drop.betweenMs',
        'a pair [low, high] of ms with 0 <= low <= high',
        f.drop.betweenMs,
      );
  }
  if (f.dropSessions !== undefined) {
    check(
      Array.isArray(f.dropSessions) && f.dropSessions.every((n) => Number.isInteger(n) && n >= 1),
      'faults.dropSessions',
      'an array of session numbers (1 or more)',
      f.dropSessions,
    );
  }
  if (f.expireAfterMs !== undefined) {
    check(isMs(f.expireAfterMs) && f.expireAfterMs > 0, 'faults.expireAfterMs', 'ms > 0', f.expireAfterMs);
  }
  if (f.tooFast !== undefined) {
    check(Number.isFinite(f.tooFast) && f.tooFast > 0, 'faults.tooFast', 'a multiple of real time above 0', f.tooFast);
  }
  if (f.stall !== undefined) {
    check(
      Number.isInteger(f.stall.session) && f.stall.session >= 1,
      'faults.stall.session',
      'a session number (1 or more)',
      f.stall.session,
    );
    check(isMs(f.stall.afterMs), 'faults.stall.afterMs', 'ms >= 0', f.stall.afterMs);
  }
  if (f.refuse !== undefined) {
    check(
      REFUSABLE.includes(f.refuse.status),
      'faults.refuse.status',
      `one of ${REFUSABLE.join(', ')}`,
      f.refuse.status,
    );
    if (f.refuse.count !== undefined) {
      check(
        Number.isInteger(f.refuse.count) && f.refuse.count >= 0,
        'faults.refuse.count',
        'a whole number >= 0',
        f.refuse.count,
      );
    }
  }
  if (f.maxSessions !== undefined) {
    check(
      Number.isInteger(f.maxSessions) && f.maxSessions >= 1,
      'faults.maxSessions',
      'a whole number >= 1',
      f.maxSessions,
    );
  }
  const deaf = f.deafAfterError;
  if (deaf !== undefined) {
    check(typeof deaf === 'object' && deaf !== null, 'faults.deafAfterError', 'an object', deaf);
    check(
      deaf.afterMs === undefined || deaf.betweenMs === undefined,
      'faults.deafAfterError',
      'afterMs or betweenMs, not both',
      deaf,
    );
    if (deaf.afterMs !== undefined) check(isMs(deaf.afterMs), 'faults.deafAfterError.afterMs', 'ms >= 0', deaf.afterMs);
    if (deaf.betweenMs !== undefined) {
      check(
        isRange(deaf.betweenMs),
        'faults.deafAfterError.betweenMs',
        'a pair [low, high] of ms with 0 <= low <= high',
        deaf.betweenMs,
      );
    }
    checkSessions(deaf.sessions, 'faults.deafAfterError.sessions');
    check(
      deaf.error === undefined || deaf.error === 'server_error' || deaf.error === 'rate_limit_exceeded',
      'faults.deafAfterError.error',
      "'server_error' or 'rate_limit_exceeded'",
      deaf.error,
    );
    if (deaf.retryInSec !== undefined) {
      check(
        Number.isFinite(deaf.retryInSec) && deaf.retryInSec > 0,
        'faults.deafAfterError.retryInSec',
        'seconds above 0',
        deaf.retryInSec,
      );
    }
  }
  if (f.withholdTranscripts !== undefined) {
    check(
      typeof f.withholdTranscripts === 'object' && f.withholdTranscripts !== null,
      'faults.withholdTranscripts',
      'an object',
      f.withholdTranscripts,
    );
    checkSessions(f.withholdTranscripts.sessions, 'faults.withholdTranscripts.sessions');
  }
  const fail = f.failItem;
  if (fail !== undefined) {
    const want = '{ sentence, times? } or { item }';
    check(
      typeof fail === 'object' && fail !== null && 'sentence' in fail !== 'item' in fail,
      'faults.failItem',
      want,
      fail,
    );
    if ('sentence' in fail) {
      check(
        Number.isInteger(fail.sentence) && fail.sentence >= 0 && fail.sentence < MAX_SENTENCES,
        'faults.failItem.sentence',
        `a tonecode sentence number from 0 to ${MAX_SENTENCES - 1}`,
        fail.sentence,
      );
      if (fail.times !== undefined)
        check(
          Number.isInteger(fail.times) && fail.times >= 1,
          'faults.failItem.times',
          'a whole number >= 1',
          fail.times,
        );
    } else {
      check(
        Number.isInteger(fail.item) && fail.item >= 1,
        'faults.failItem.item',
        'an item number (1 or more)',
        fail.item,
      );
    }
  }
  if (f.rejectConfig !== undefined) {
    const r = f.rejectConfig;
    check(
      typeof r === 'object' && r !== null && typeof r.param === 'string' && /^session(\.[a-z_]+)+$/.test(r.param),
      'faults.rejectConfig.param',
      "a parameter path such as 'session.audio.input.turn_detection'",
      r?.param,
    );
    if (r.value !== undefined) check(typeof r.value === 'string', 'faults.rejectConfig.value', 'a string', r.value);
    if (r.message !== undefined)
      check(
        typeof r.message === 'string' && r.message !== '',
        'faults.rejectConfig.message',
        'a non-empty string',
        r.message,
      );
  }
  if (f.retryAfterSec !== undefined) {
    check(
      Number.isInteger(f.retryAfterSec) && f.retryAfterSec >= 0,
      'faults.retryAfterSec',
      'whole seconds >= 0',
      f.retryAfterSec,
    );
  }
  if (f.tokenTtlMs !== undefined)
    check(isMs(f.tokenTtlMs) && f.tokenTtlMs > 0, 'faults.tokenTtlMs', 'ms > 0', f.tokenTtlMs);
  if (f.vadDetector !== undefined)
    check(
      ['webrtc', 'energy', 'none'].includes(f.vadDetector),
      'faults.vadDetector',
      'webrtc, energy or none',
      f.vadDetector,
    );
  if (f.vadHearsNothing !== undefined)
    check(typeof f.vadHearsNothing === 'boolean', 'faults.vadHearsNothing', 'true or false', f.vadHearsNothing);
  if (f.commitClosesSpeech !== undefined) {
    check(
      typeof f.commitClosesSpeech === 'boolean',
      'faults.commitClosesSpeech',
      'true or false',
      f.commitClosesSpeech,
    );
  }
}

function checkSessions(sessions: unknown, name: string): void {
  if (sessions === undefined) return;
  check(
    Array.isArray(sessions) && sessions.every((n) => Number.isInteger(n) && n >= 1),
    name,
    'an array of session numbers (1 or more)',
    sessions,
  );
}

function isMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function isRange(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && isMs(value[0]) && isMs(value[1]) && value[0] <= value[1];
}

function check(ok: boolean, name: string, want: string, got: unknown): asserts ok {
  if (!ok) throw new Error(`emulator option ${name} must be ${want}, got ${JSON.stringify(got)}`);
}
