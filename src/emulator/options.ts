// Command-line flags of `realtime-transcribe emulate` turned into EmulatorOptions, and the
// subcommand itself. Every error names the flag and the value received.
import type { Command } from 'commander';
import { serveEmulator, type ServeIo } from './serve.js';
import type { EmulatorOptions, FaultOptions } from './types.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** '1500ms', '90s', '2m', '1h' or a bare number of ms ('500'), to ms. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!match) {
    throw new Error(`invalid duration '${text}': expected a number with a unit ms, s, m or h (e.g. 1500ms, 90s, 2m, 1h; a bare number is ms)`);
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!);
}

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
      throw bad('--refuse', flags.refuse, 'an HTTP status (401, 403, 404, 429 or 503), optionally with a count such as 503x3');
    }
    faults.refuse = { status: status as 401 | 403 | 404 | 429 | 503 };
    if (match[2] !== undefined) faults.refuse.count = Number(match[2]);
  }
  if (flags.maxSessions !== undefined) {
    const n = wholeNumber(flags.maxSessions);
    if (n === undefined || n < 1) throw bad('--max-sessions', flags.maxSessions, 'a whole number of sessions, 1 or more');
    faults.maxSessions = n;
  }
  deafFromFlags(flags, faults);
  if (flags.withholdTranscripts !== undefined) {
    faults.withholdTranscripts = flags.withholdTranscripts === true ? {} : { sessions: sessionList(String(flags.withholdTranscripts), '--withhold-transcripts') };
  }
  if (flags.failSentence !== undefined && flags.failItem !== undefined) throw new Error('--fail-sentence and --fail-item: give one of them');
  if (flags.failSentence !== undefined) {
    const want = 'a tonecode sentence number, optionally with how many times it fails, such as 12 or 12x2';
    const match = /^\s*(\d+)(?:x(\d+))?\s*$/.exec(flags.failSentence);
    if (!match || (match[2] !== undefined && Number(match[2]) < 1)) throw bad('--fail-sentence', flags.failSentence, want);
    faults.failItem = { sentence: Number(match[1]), ...(match[2] !== undefined && { times: Number(match[2]) }) };
  }
  if (flags.failItem !== undefined) {
    const n = wholeNumber(flags.failItem);
    if (n === undefined || n < 1) throw bad('--fail-item', flags.failItem, 'an item number (1 or more), counted over all sessions');
    faults.failItem = { item: n };
  }
  if (flags.commitKeepsSpeech) faults.commitClosesSpeech = false;
  return faults;
}

function deafFromFlags(flags: FaultFlags, faults: FaultOptions): void {
  const given = flags.deafAfterError !== undefined;
  for (const [flag, value] of [
    ['--deaf-sessions', flags.deafSessions],
    ['--deaf-error', flags.deafError],
    ['--deaf-retry-in', flags.deafRetryIn],
  ] as const) {
    if (value !== undefined && !given) throw new Error(`${flag} needs --deaf-after-error TIME`);
  }
  if (!given) return;
  const range = parseRange(flags.deafAfterError!, '--deaf-after-error', 'a time (2m) or a range (1m-3m)');
  const deaf: NonNullable<FaultOptions['deafAfterError']> = range.length === 1 ? { afterMs: range[0] } : { betweenMs: range };
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

function sessionList(text: string, flag: string): number[] {
  return text.split(',').map((part) => {
    const n = wholeNumber(part);
    if (n === undefined || n < 1) throw bad(flag, text, 'session numbers (1 or more) such as 1,3');
    return n;
  });
}

export interface EmulateFlags extends FaultFlags {
  host?: string;
  port?: string;
  key?: string;
  timeScale?: string;
  seed?: string;
  latency?: string; // '200-900' (ms) or '200ms-1s'
  deltas?: boolean;
  deployments?: string; // 'a,b'
  log?: boolean;
}

export function emulatorOptionsFromFlags(flags: EmulateFlags): EmulatorOptions {
  const options: EmulatorOptions = { faults: faultsFromFlags(flags) };
  if (flags.host !== undefined) options.host = flags.host;
  if (flags.port !== undefined) {
    const port = wholeNumber(flags.port);
    if (port === undefined || port > 65535) throw bad('--port', flags.port, 'a port number from 0 to 65535 (0 = a free one)');
    options.port = port;
  }
  if (flags.key !== undefined) {
    if (flags.key === '' || /\s/.test(flags.key)) throw bad('--key', flags.key, 'a key without spaces');
    options.key = flags.key;
  }
  if (flags.timeScale !== undefined) {
    const x = Number(flags.timeScale);
    if (flags.timeScale.trim() === '' || !Number.isFinite(x) || x <= 0) throw bad('--time-scale', flags.timeScale, 'a factor above 0, such as 10');
    options.timeScale = x;
  }
  if (flags.seed !== undefined) {
    const seed = wholeNumber(flags.seed);
    if (seed === undefined) throw bad('--seed', flags.seed, 'a whole number');
    options.seed = seed;
  }
  if (flags.latency !== undefined) {
    const range = parseRange(flags.latency, '--latency', 'a range of ms such as 200-900');
    options.latencyMs = range.length === 1 ? [range[0], range[0]] : range;
  }
  if (flags.deltas === false) options.deltas = false;
  if (flags.deployments !== undefined) {
    const names = flags.deployments.split(',').map((name) => name.trim());
    if (names.some((name) => name === '')) throw bad('--deployments', flags.deployments, 'names separated by commas, such as emulator,gpt-4o-transcribe');
    options.deployments = names;
  }
  return options;
}

/** Adds `emulate` to the program: runs an emulator until SIGINT or SIGTERM. */
export function registerEmulateCommand(program: Command, io: ServeIo = {}): void {
  program
    .command('emulate')
    .description('run a local emulator of the Realtime transcription service (loopback, no credentials), with faults on demand')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port; 0 picks a free one', '0')
    .option('--key <key>', 'the API key to accept (default: a random one, printed)')
    .option('--time-scale <factor>', 'run every emulator clock this many times faster', '1')
    .option('--seed <n>', 'seed of all randomness (latencies, random drop times)')
    .option('--latency <range>', 'per-item transcription latency in ms, e.g. 200-900')
    .option('--no-deltas', 'send no transcription.delta events, only completed')
    .option('--deployments <names>', 'only these deployments transcribe (comma-separated); others fail per item')
    .option('--drop <time|range>', 'destroy each session socket without a close frame (1006) after a time (3m) or at random in a range (2m-6m)')
    .option('--drop-sessions <list>', 'only these session numbers drop, e.g. 1,3')
    .option('--expire <time>', 'session cap: session_expired then close 1001 (default 30m)')
    .option('--too-fast <factor>', 'drop a session whose audio arrives faster than this multiple of real time')
    .option('--stall <session@time>', 'that session goes silent at that time, e.g. 2@1m')
    .option('--stall-pings', 'with --stall, stop answering pings too')
    .option('--refuse <status[xcount]>', 'refuse upgrades with 401, 403, 404, 429 or 503, e.g. 503x3 for the first 3')
    .option('--max-sessions <n>', 'refuse upgrades beyond this many concurrent sessions with 429')
    .option('--deaf-after-error <time|range>', 'each session sends an error at that time (or at random in a range) and then ignores appended audio, still answering pings and commits')
    .option('--deaf-sessions <list>', 'with --deaf-after-error: only these session numbers, e.g. 1,3')
    .option('--deaf-error <code>', 'with --deaf-after-error: server_error (default) or rate_limit_exceeded')
    .option('--deaf-retry-in <time>', 'with --deaf-error rate_limit_exceeded: the "try again in" it says (default 20s)')
    .option('--withhold-transcripts [sessions]', 'speech events and commits as usual, but never a transcript (all sessions, or these, e.g. 2,3)')
    .option('--fail-sentence <n[xtimes]>', "transcription fails for the item holding tonecode sentence n, the first time it is seen (or the first k times: 12x2)")
    .option('--fail-item <n>', 'transcription fails for the n-th item committed (counted over all sessions)')
    .option('--commit-keeps-speech', 'a client commit during VAD speech makes a new item and leaves the speech item open (default: it closes it)')
    .option('--log', 'log sessions, refusals and faults to stderr')
    .action(async (flags: EmulateFlags, command: Command) => {
      let options: EmulatorOptions;
      try {
        options = emulatorOptionsFromFlags(flags);
      } catch (err) {
        command.error(`error: ${(err as Error).message}`, { exitCode: 2, code: 'emulate.invalidOption' });
      }
      await serveEmulator(options, { ...io, log: flags.log ?? false });
    });
}

function parseRange(text: string, flag: string, want: string): [number] | [number, number] {
  const parts = text.split('-');
  if (parts.length > 2) throw bad(flag, text, want);
  const values = parts.map((part) => duration(part, flag, want, text));
  if (values.length === 1) return [values[0]!];
  if (values[0]! > values[1]!) throw new Error(`${flag}: the range '${text}' must go from low to high`);
  return [values[0]!, values[1]!];
}

// `whole` is the flag's full value, quoted in the error rather than the part that failed.
function duration(text: string, flag: string, want: string, whole = text): number {
  try {
    return parseDuration(text);
  } catch {
    throw bad(flag, whole, want);
  }
}

function wholeNumber(text: string): number | undefined {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}

function bad(flag: string, value: string, want: string): Error {
  return new Error(`${flag}: invalid value '${value}': expected ${want}`);
}
