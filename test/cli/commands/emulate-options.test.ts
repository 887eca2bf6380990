import { describe, expect, it } from 'vitest';
import { emulatorOptionsFromFlags, faultsFromFlags, parseDuration } from '../../../src/cli/commands/emulate.js';
import { startEmulator } from '../../../src/emulator/index.js';

describe('parseDuration', () => {
  it('reads ms, s, m, h, several units, and bare seconds as every command does', () => {
    expect(parseDuration('1500ms')).toBe(1500);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('500')).toBe(500_000);
    expect(parseDuration('1.5')).toBe(1500);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('1m30s')).toBe(90_000);
  });

  it('says what it expected', () => {
    for (const bad of ['', 'abc', '5 minutes', '-3s', '1s30m5']) {
      expect(() => parseDuration(bad)).toThrow(
        `invalid duration '${bad}': expected a number with a unit ms, s, m or h (e.g. 1500ms, 90s, 2m, 1h; a bare number is seconds)`,
      );
    }
  });
});

describe('faultsFromFlags', () => {
  it('turns every flag into fault options', () => {
    expect(
      faultsFromFlags({
        drop: '2m-6m',
        dropSessions: '1,3',
        expire: '30m',
        tooFast: '1.5',
        stall: '2@1m',
        stallPings: true,
        refuse: '503x3',
        maxSessions: '4',
      }),
    ).toEqual({
      drop: { betweenMs: [120_000, 360_000] },
      dropSessions: [1, 3],
      expireAfterMs: 1_800_000,
      tooFast: 1.5,
      stall: { session: 2, afterMs: 60_000 },
      stallPings: true,
      refuse: { status: 503, count: 3 },
      maxSessions: 4,
    });
    expect(faultsFromFlags({ drop: '3m', refuse: '401' })).toEqual({
      drop: { afterMs: 180_000 },
      refuse: { status: 401 },
    });
    expect(faultsFromFlags({})).toEqual({});
  });

  it('turns the flags of the transcript faults into fault options', () => {
    expect(
      faultsFromFlags({
        deafAfterError: '1m-3m',
        deafSessions: '2',
        deafError: 'rate_limit_exceeded',
        deafRetryIn: '30s',
        withholdTranscripts: '1,3',
        failSentence: '12x2',
        commitKeepsSpeech: true,
      }),
    ).toEqual({
      deafAfterError: { betweenMs: [60_000, 180_000], sessions: [2], error: 'rate_limit_exceeded', retryInSec: 30 },
      withholdTranscripts: { sessions: [1, 3] },
      failItem: { sentence: 12, times: 2 },
      commitClosesSpeech: false,
    });
    expect(faultsFromFlags({ deafAfterError: '90s', withholdTranscripts: true, failItem: '5' })).toEqual({
      deafAfterError: { afterMs: 90_000 },
      withholdTranscripts: {},
      failItem: { item: 5 },
    });
    expect(faultsFromFlags({ failSentence: '0' })).toEqual({ failItem: { sentence: 0 } });
  });

  it('turns the refusal flags into fault options', () => {
    expect(faultsFromFlags({ rejectConfig: 'turn_detection', retryAfter: '3', tokenTtl: '4s' })).toEqual({
      rejectConfig: {
        param: 'session.audio.input.turn_detection',
        message: "This model does not support turn detection: set 'session.audio.input.turn_detection' to null.",
      },
      retryAfterSec: 3,
      tokenTtlMs: 4000,
    });
    expect(faultsFromFlags({ rejectConfig: 'session.include', retryAfter: '0' })).toEqual({
      rejectConfig: { param: 'session.include' },
      retryAfterSec: 0,
    });
  });

  it.each([
    [{ drop: 'soon' }, "--drop: invalid value 'soon': expected a time (3m) or a range (2m-6m)"],
    [{ drop: '1m-2m-3m' }, "--drop: invalid value '1m-2m-3m': expected a time (3m) or a range (2m-6m)"],
    [{ drop: '1m-x' }, "--drop: invalid value '1m-x': expected a time (3m) or a range (2m-6m)"],
    [{ drop: '6m-2m' }, "--drop: the range '6m-2m' must go from low to high"],
    [{ dropSessions: '1,x' }, "--drop-sessions: invalid value '1,x': expected session numbers (1 or more) such as 1,3"],
    [{ dropSessions: '0' }, "--drop-sessions: invalid value '0': expected session numbers (1 or more) such as 1,3"],
    [{ expire: '0' }, "--expire: invalid value '0': expected a duration above 0 such as 30m"],
    [{ expire: 'never' }, "--expire: invalid value 'never': expected a duration above 0 such as 30m"],
    [{ tooFast: 'fast' }, "--too-fast: invalid value 'fast': expected a multiple of real time above 0, such as 2"],
    [{ tooFast: '0' }, "--too-fast: invalid value '0': expected a multiple of real time above 0, such as 2"],
    [
      { stall: '2' },
      "--stall: invalid value '2': expected SESSION@TIME, such as 2@1m (session 2 goes silent 1 minute in)",
    ],
    [
      { stall: '0@1m' },
      "--stall: invalid value '0@1m': expected SESSION@TIME, such as 2@1m (session 2 goes silent 1 minute in)",
    ],
    [
      { stall: '2@later' },
      "--stall: invalid value '2@later': expected SESSION@TIME, such as 2@1m (session 2 goes silent 1 minute in)",
    ],
    [{ stallPings: true }, '--stall-pings needs --stall SESSION@TIME'],
    [
      { refuse: '500' },
      "--refuse: invalid value '500': expected an HTTP status (401, 403, 404, 429 or 503), optionally with a count such as 503x3",
    ],
    [
      { refuse: '503x' },
      "--refuse: invalid value '503x': expected an HTTP status (401, 403, 404, 429 or 503), optionally with a count such as 503x3",
    ],
    [{ maxSessions: '0' }, "--max-sessions: invalid value '0': expected a whole number of sessions, 1 or more"],
    [{ deafAfterError: 'later' }, "--deaf-after-error: invalid value 'later': expected a time (2m) or a range (1m-3m)"],
    [{ deafSessions: '1' }, '--deaf-sessions needs --deaf-after-error TIME'],
    [
      { deafAfterError: '1m', deafError: 'oops' },
      "--deaf-error: invalid value 'oops': expected server_error or rate_limit_exceeded",
    ],
    [
      { deafAfterError: '1m', deafRetryIn: '1500ms' },
      "--deaf-retry-in: invalid value '1500ms': expected a duration of whole seconds above 0, such as 20s",
    ],
    [
      { withholdTranscripts: 'x' },
      "--withhold-transcripts: invalid value 'x': expected session numbers (1 or more) such as 1,3",
    ],
    [
      { failSentence: '3x0' },
      "--fail-sentence: invalid value '3x0': expected a tonecode sentence number, optionally with how many times it fails, such as 12 or 12x2",
    ],
    [
      { failItem: '0' },
      "--fail-item: invalid value '0': expected an item number (1 or more), counted over all sessions",
    ],
    [{ failItem: '1', failSentence: '1' }, '--fail-sentence and --fail-item: give one of them'],
    [
      { rejectConfig: 'vad' },
      "--reject-config: invalid value 'vad': expected one of turn_detection, semantic_vad, prompt, language, model, noise_reduction, or a parameter path such as session.audio.input.transcription.language",
    ],
    [
      { retryAfter: '1.5' },
      "--retry-after: invalid value '1.5': expected whole seconds, such as 3 (0 sends no Retry-After)",
    ],
    [{ tokenTtl: '0' }, "--token-ttl: invalid value '0': expected a duration above 0 such as 4s"],
  ])('rejects %o', (flags, message) => {
    expect(() => faultsFromFlags(flags)).toThrow(message);
  });
});

describe('emulatorOptionsFromFlags', () => {
  it('reads the server flags', () => {
    expect(
      emulatorOptionsFromFlags({
        host: '0.0.0.0',
        port: '8123',
        key: 'k',
        timeScale: '60',
        seed: '7',
        latency: '100ms-2s',
        deltas: false,
        deployments: 'emulator, gpt-4o-transcribe',
        expire: '10m',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 8123,
      key: 'k',
      timeScale: 60,
      seed: 7,
      latencyMs: [100, 2000],
      deltas: false,
      deployments: ['emulator', 'gpt-4o-transcribe'],
      faults: { expireAfterMs: 600_000 },
    });
  });

  it('reads --tls and --tls-cert', () => {
    expect(emulatorOptionsFromFlags({ tls: true })).toEqual({ faults: {}, tls: true });
    expect(emulatorOptionsFromFlags({ tls: true, tlsCert: '/tmp/c.pem' })).toEqual({
      faults: {},
      tls: { certPath: '/tmp/c.pem' },
    });
    expect(() => emulatorOptionsFromFlags({ tlsCert: '/tmp/c.pem' })).toThrow('--tls-cert needs --tls');
  });

  it.each([
    [{ port: '70000' }, "--port: invalid value '70000': expected a port number from 0 to 65535 (0 = a free one)"],
    [{ timeScale: '0' }, "--time-scale: invalid value '0': expected a factor above 0, such as 10"],
    [{ seed: 'x' }, "--seed: invalid value 'x': expected a whole number"],
    [{ latency: '900ms-200ms' }, "--latency: the range '900ms-200ms' must go from low to high"],
    [
      { deployments: 'a,,b' },
      "--deployments: invalid value 'a,,b': expected names separated by commas, such as emulator,gpt-4o-transcribe",
    ],
    [{ key: 'a b' }, "--key: invalid value 'a b': expected a key without spaces"],
  ])('rejects %o', (flags, message) => {
    expect(() => emulatorOptionsFromFlags(flags)).toThrow(message);
  });
});

describe('startEmulator option checks', () => {
  it.each([
    [{ timeScale: 0 }, 'emulator option timeScale must be a number above 0, got 0'],
    [
      { latencyMs: [900, 200] as [number, number] },
      'emulator option latencyMs must be a pair [low, high] of ms with 0 <= low <= high, got [900,200]',
    ],
    [
      { faults: { refuse: { status: 500 as 503 } } },
      'emulator option faults.refuse.status must be one of 401, 403, 404, 429, 503, got 500',
    ],
    [
      { faults: { drop: { betweenMs: [5, 1] as [number, number] } } },
      'emulator option faults.drop.betweenMs must be a pair [low, high] of ms with 0 <= low <= high, got [5,1]',
    ],
    [{ faults: { maxSessions: 0 } }, 'emulator option faults.maxSessions must be a whole number >= 1, got 0'],
    [
      { faults: { deafAfterError: { afterMs: 1, betweenMs: [1, 2] as [number, number] } } },
      'emulator option faults.deafAfterError must be afterMs or betweenMs, not both',
    ],
    [
      { faults: { deafAfterError: { error: 'nope' as 'server_error' } } },
      `emulator option faults.deafAfterError.error must be 'server_error' or 'rate_limit_exceeded', got "nope"`,
    ],
    [
      { faults: { withholdTranscripts: { sessions: [0] } } },
      'emulator option faults.withholdTranscripts.sessions must be an array of session numbers (1 or more), got [0]',
    ],
    [
      { faults: { failItem: { sentence: -1 } } },
      'emulator option faults.failItem.sentence must be a tonecode sentence number from 0 to 262143, got -1',
    ],
    [
      { faults: { failItem: { item: 0 } } },
      'emulator option faults.failItem.item must be an item number (1 or more), got 0',
    ],
    [
      { faults: { commitClosesSpeech: 'no' as unknown as boolean } },
      'emulator option faults.commitClosesSpeech must be true or false, got "no"',
    ],
    [
      { faults: { rejectConfig: { param: 'turn_detection' } } },
      `emulator option faults.rejectConfig.param must be a parameter path such as 'session.audio.input.turn_detection', got "turn_detection"`,
    ],
    [{ faults: { retryAfterSec: -1 } }, 'emulator option faults.retryAfterSec must be whole seconds >= 0, got -1'],
    [{ faults: { tokenTtlMs: 0 } }, 'emulator option faults.tokenTtlMs must be ms > 0, got 0'],
    [{ tls: 'yes' as unknown as boolean }, 'emulator option tls must be true, false or { certPath }, got "yes"'],
  ])('rejects %o', async (options, message) => {
    await expect(startEmulator(options)).rejects.toThrow(message);
  });
});
