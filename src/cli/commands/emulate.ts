// Command-line flags of `realtime-transcribe emulate` turned into EmulatorOptions, and the
// subcommand itself. Every error names the flag and the value received.
import type { Command } from 'commander';
import type { OptionSpec } from '../../run/option-table.js';
import { addTableOptions } from '../table-options.js';
import { faultsFromFlags, type FaultFlags } from './emulate-faults.js';
import { bad, parseRange, wholeNumber } from './emulate-values.js';
import { wavDirRecorder } from '../../emulator/recorder.js';
import { serveEmulator, type ServeIo } from './emulate-serve.js';
import type { EmulatorOptions } from '../../emulator/types.js';
import { DURATION_GRAMMAR } from '../../util/duration.js';

export { parseDuration } from './emulate-values.js';
export { faultsFromFlags } from './emulate-faults.js';

export interface EmulateFlags extends FaultFlags {
  host?: string;
  port?: string;
  key?: string;
  timeScale?: string;
  seed?: string;
  latency?: string; // '200ms-900ms', '0.2-0.9' (bare numbers are seconds)
  deltas?: boolean;
  deployments?: string; // 'a,b'
  log?: boolean;
  tls?: boolean;
  tlsCert?: string; // where to write the certificate
  record?: string; // a folder: one WAV per session of the audio it received
}

export function emulatorOptionsFromFlags(flags: EmulateFlags): EmulatorOptions {
  const options: EmulatorOptions = { faults: faultsFromFlags(flags) };
  if (flags.host !== undefined) options.host = flags.host;
  if (flags.port !== undefined) {
    const port = wholeNumber(flags.port);
    if (port === undefined || port > 65535)
      throw bad('--port', flags.port, 'a port number from 0 to 65535 (0 = a free one)');
    options.port = port;
  }
  if (flags.key !== undefined) {
    if (flags.key === '' || /\s/.test(flags.key)) throw bad('--key', flags.key, 'a key without spaces');
    options.key = flags.key;
  }
  if (flags.timeScale !== undefined) {
    const x = Number(flags.timeScale);
    if (flags.timeScale.trim() === '' || !Number.isFinite(x) || x <= 0)
      throw bad('--time-scale', flags.timeScale, 'a factor above 0, such as 10');
    options.timeScale = x;
  }
  if (flags.seed !== undefined) {
    const seed = wholeNumber(flags.seed);
    if (seed === undefined) throw bad('--seed', flags.seed, 'a whole number');
    options.seed = seed;
  }
  if (flags.latency !== undefined) {
    const range = parseRange(flags.latency, '--latency', 'a time or a range such as 200ms-900ms');
    options.latencyMs = range.length === 1 ? [range[0], range[0]] : range;
  }
  if (flags.deltas === false) options.deltas = false;
  if (flags.deployments !== undefined) {
    const names = flags.deployments.split(',').map((name) => name.trim());
    if (names.some((name) => name === ''))
      throw bad('--deployments', flags.deployments, 'names separated by commas, such as emulator,gpt-4o-transcribe');
    options.deployments = names;
  }
  if (flags.record !== undefined) {
    if (flags.record.trim() === '') throw bad('--record', flags.record, 'a folder to write session-N.wav files into');
    options.record = wavDirRecorder(flags.record);
  }
  if (flags.tlsCert !== undefined && !flags.tls) throw new Error('--tls-cert needs --tls');
  if (flags.tls) {
    if (flags.tlsCert === '') throw bad('--tls-cert', flags.tlsCert, 'a file path');
    options.tls = flags.tlsCert === undefined ? true : { certPath: flags.tlsCert };
  }
  return options;
}

// The emulate command's options, in --help order, through the same builder as the main command's
// (cli/table-options.ts); their values are read by emulatorOptionsFromFlags and faultsFromFlags,
// times with the one duration grammar.
const EMULATE_OPTIONS: readonly OptionSpec[] = [
  { flag: '--host', value: '<host>', kind: 'string', default: '127.0.0.1', help: 'interface to listen on' },
  { flag: '--port', value: '<port>', kind: 'number', default: 0, help: 'port; 0 picks a free one' },
  { flag: '--key', value: '<key>', kind: 'string', help: 'the API key to accept (default: a random one, printed)' },
  {
    flag: '--time-scale',
    value: '<factor>',
    kind: 'number',
    default: 1,
    help: 'run every emulator clock this many times faster',
  },
  { flag: '--seed', value: '<n>', kind: 'number', help: 'seed of all randomness (latencies, random drop times)' },
  {
    flag: '--latency',
    value: '<range>',
    kind: 'duration',
    help: 'per-item transcription latency, a time or a range, e.g. 200ms-900ms',
  },
  { flag: '--no-deltas', kind: 'boolean', help: 'send no transcription.delta events, only completed' },
  {
    flag: '--deployments',
    value: '<names>',
    kind: 'list',
    help: 'only these deployments transcribe (comma-separated); others fail per item',
  },
  {
    flag: '--drop',
    value: '<time|range>',
    kind: 'duration',
    help: 'destroy each session socket without a close frame (1006) after a time (3m) or at random in a range (2m-6m)',
  },
  { flag: '--drop-sessions', value: '<list>', kind: 'list', help: 'only these session numbers drop, e.g. 1,3' },
  {
    flag: '--expire',
    value: '<time>',
    kind: 'duration',
    help: 'session cap: session_expired then close 1001 (default 30m)',
  },
  {
    flag: '--too-fast',
    value: '<factor>',
    kind: 'number',
    help: 'drop a session whose audio arrives faster than this multiple of real time',
  },
  {
    flag: '--stall',
    value: '<session@time>',
    kind: 'string',
    help: 'that session goes silent at that time, e.g. 2@1m',
  },
  { flag: '--stall-pings', kind: 'boolean', help: 'with --stall, stop answering pings too' },
  {
    flag: '--refuse',
    value: '<status[xcount]>',
    kind: 'string',
    help: 'refuse upgrades with 401, 403, 404, 429 or 503, e.g. 503x3 for the first 3',
  },
  {
    flag: '--max-sessions',
    value: '<n>',
    kind: 'number',
    help: 'refuse upgrades beyond this many concurrent sessions with 429',
  },
  {
    flag: '--deaf-after-error',
    value: '<time|range>',
    kind: 'duration',
    help: 'each session sends an error at that time (or at random in a range) and then ignores appended audio, still answering pings and commits',
  },
  {
    flag: '--deaf-sessions',
    value: '<list>',
    kind: 'list',
    help: 'with --deaf-after-error: only these session numbers, e.g. 1,3',
  },
  {
    flag: '--deaf-error',
    value: '<code>',
    kind: 'string',
    help: 'with --deaf-after-error: server_error (default) or rate_limit_exceeded',
  },
  {
    flag: '--deaf-retry-in',
    value: '<time>',
    kind: 'duration',
    help: 'with --deaf-error rate_limit_exceeded: the "try again in" it says (default 20s)',
  },
  {
    flag: '--withhold-transcripts',
    value: '[sessions]',
    kind: 'list',
    help: 'speech events and commits as usual, but never a transcript (all sessions, or these, e.g. 2,3)',
  },
  {
    flag: '--fail-sentence',
    value: '<n[xtimes]>',
    kind: 'string',
    help: 'transcription fails for the item holding tonecode sentence n, the first time it is seen (or the first k times: 12x2)',
  },
  {
    flag: '--fail-item',
    value: '<n>',
    kind: 'number',
    help: 'transcription fails for the n-th item committed (counted over all sessions)',
  },
  {
    flag: '--commit-keeps-speech',
    kind: 'boolean',
    help: 'a client commit during VAD speech makes a new item and leaves the speech item open (default: it closes it)',
  },
  {
    flag: '--reject-config',
    value: '<name>',
    kind: 'string',
    help: 'answer a session.update that sets it with an error and no session.updated: turn_detection, semantic_vad, prompt, language, model, noise_reduction, or a parameter path',
  },
  {
    flag: '--retry-after',
    value: '<seconds>',
    kind: 'number',
    help: 'the Retry-After of 429 and 503 refusals (default 1; 0 sends none)',
  },
  {
    flag: '--token-ttl',
    value: '<time>',
    kind: 'duration',
    help: 'accept each Bearer token only this long after its first use (wall time), then 401, e.g. 4s',
  },
  {
    flag: '--tls',
    kind: 'boolean',
    help: 'serve https:// and wss:// with a self-signed certificate for 127.0.0.1 and localhost, written to a file the banner names',
  },
  {
    flag: '--tls-cert',
    value: '<path>',
    kind: 'string',
    help: 'with --tls: write the certificate (PEM) here instead of a temporary file',
  },
  {
    flag: '--record',
    value: '<dir>',
    kind: 'string',
    help: 'write the audio each session received to DIR/session-N.wav (PCM16 mono 24 kHz, as appended; all of it: mind the disk)',
  },
  { flag: '--log', kind: 'boolean', help: 'log sessions, refusals and faults to stderr' },
];

/** Adds `emulate` to the program: runs an emulator until SIGINT or SIGTERM. */
export function registerEmulateCommand(program: Command, io: ServeIo = {}): void {
  const command = program
    .command('emulate')
    .description(
      'run a local emulator of the Realtime transcription service (loopback, no credentials), with faults on demand',
    );
  addTableOptions(command, EMULATE_OPTIONS);
  command
    .addHelpText('after', `\nTimes: ${DURATION_GRAMMAR}.\n`)
    .action(async (flags: EmulateFlags, command: Command) => {
      let options: EmulatorOptions;
      try {
        options = emulatorOptionsFromFlags(flags);
      } catch (err) {
        command.error(`error: ${(err as Error).message}`, { exitCode: 2, code: 'emulate.invalidOption' });
      }
      await serveEmulator(options, {
        ...io,
        log: flags.log ?? false,
        ...(flags.record !== undefined && { recordDir: flags.record }),
      });
    });
}
