// Entry point of the `realtime-transcribe` command. Sets the exit code instead of exiting, so
// output streams drain and tests can call it in-process.
import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { TranscribeError, type TranscribeOptions } from '../index.js';
import { parseFormats } from '../transcript/index.js';
import { barGlyphSet, colorsEnabled, paint } from '../terminal/index.js';
import { inputKind } from './input-kind.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { registerEmulateCommand } from './commands/emulate.js';
import { buildProgram, registerTonecodeHelp, type CliFlags } from './commands/transcribe.js';
import { cueOptionsFrom, jobsFrom, localEmulatorFrom, transcribeOptionsFrom } from './options.js';
import { runInput } from './run-input.js';
import { dryRunCommand } from './dry-run/dry-run.js';
import { usageFromCommander } from './commander-errors.js';
import { planBatch, wantsBatch } from './batch/plan.js';
import { runBatch } from './batch/run-batch.js';
import { EXIT, exitCodeFor, formatError } from './report.js';
import { usageError } from './flags.js';
import { aliasFor, rawArguments } from './raw-names.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** Closes the stdin a run of '-' read, once the run is over. */
  endStdin?: () => void;
}

// The command owns the process's stdin, so it closes it when a run of '-' is over: the library
// reads the stream it is given but never closes it (its owner may read on), and a pipe whose
// producer keeps it open stays a live, reading handle that would keep the process from exiting
// after the transcript is written (an interrupt, or a WAV whose declared length has been read).
const defaultIo: CliIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  endStdin: () => process.stdin.destroy(),
};

export async function main(argv: string[] = process.argv.slice(2), io: CliIo = defaultIo): Promise<number> {
  // The tone generator has its own small parser; keep it out of commander's way.
  if (argv[0] === 'tonecode') return (await import('./commands/tonecode.js')).runToneGen(argv.slice(1));

  const colors = colorsEnabled({ stream: io.stderr, env: io.env, flag: !argv.includes('--no-color') });
  const painter = paint(colors);
  const program = buildProgram(toolVersion());
  program.exitOverride();
  program.configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    outputError: () => {}, // reported below in the project's own format
  });
  registerEmulateCommand(program);
  registerTonecodeHelp(program);
  let exitCode: number = EXIT.ok;
  let readsStdin = false;
  program.action(async (inputs: string[], flags: CliFlags) => {
    readsStdin = inputs.includes('-');
    // Read once, for a batch and a dry run alike; checked for one file too: a value refused for a
    // directory must not pass silently for a file.
    const jobs = jobsFrom(flags) ?? 1;
    exitCode = flags.dryRun
      ? await dryRunCommand(inputs, flags, io, painter, jobs)
      : await transcribeCommand(inputs, flags, jobs, io, painter);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return EXIT.ok; // --help, --version
      io.stderr.write(
        formatError(
          usageFromCommander(error, argv[0] === 'emulate' ? 'realtime-transcribe emulate' : undefined),
          painter,
          false,
        ),
      );
      return EXIT.usage;
    }
    io.stderr.write(formatError(error, painter, argv.includes('--verbose') || argv.includes('-v')));
    return exitCodeFor(error);
  } finally {
    if (readsStdin) io.endStdin?.();
  }
  return exitCode;
}

async function transcribeCommand(
  inputs: string[],
  flags: CliFlags,
  jobs: number,
  io: CliIo,
  painter: ReturnType<typeof paint>,
): Promise<number> {
  const [input] = inputs;
  if (input === undefined) throw usageError('no input given', "pass a file, a directory, or '-' for stdin; see --help");
  // Flags first: a usage error is reported before anything touches the input.
  const formats = parseFormats(flags.format);
  const cue = cueOptionsFrom(flags, formats);
  const options: TranscribeOptions = { ...transcribeOptionsFrom(flags), env: io.env };
  // Arguments that are not UTF-8 reach us decoded to U+FFFD; their bytes still open the file.
  const raw = rawArguments();
  const open = (arg: string): string => {
    const bytes = raw.get(arg);
    return bytes ? aliasFor(bytes, arg) : arg;
  };
  // Several inputs, a directory, or -o DIR/: a batch, planned (and checked) before anything starts.
  const batch = (await wantsBatch(inputs.map(open), flags.output))
    ? await planBatch(inputs, { ...flags, jobs }, formats, open, aliasFor)
    : undefined;
  if (!batch && (await inputKind(open(input))) === 'missing')
    throw new TranscribeError('INPUT_NOT_FOUND', `input file not found (${input})`, { hint: 'check the path' });

  let emulator: RunningEmulator | undefined;
  if (flags.local) {
    emulator = await startEmulator({ timeScale: options.speed ?? 1, ...localEmulatorFrom(flags) });
    Object.assign(options, {
      provider: 'azure',
      endpoint: emulator.url,
      apiKey: emulator.key,
      // The emulator plays the model it is named (a diarizing one labels speakers).
      deployment: flags.model ?? 'emulator',
      token: undefined,
      // The emulator is ours, on loopback: no proxy stands between, whatever HTTPS_PROXY says.
      proxy: false,
    });
  }

  // First signal: stop reading, wait (bounded) for outstanding transcripts, write, exit 130/143.
  // Second: stop waiting, write what is final, exit. Third: exit now, whatever is pending.
  const controller = new AbortController();
  const stopNow = new AbortController();
  let interruptedBy: 'SIGINT' | 'SIGTERM' | undefined;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    const code = signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
    if (stopNow.signal.aborted) process.exit(code);
    if (interruptedBy) return stopNow.abort(new Error(signal));
    interruptedBy = signal;
    controller.abort(new Error(signal));
  };
  const onInt = () => onSignal('SIGINT');
  const onTerm = () => onSignal('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  const shared = {
    transcribeOptions: { ...options, signal: controller.signal, stopNowSignal: stopNow.signal },
    stderr: io.stderr,
    paint: painter,
    look: { glyphs: barGlyphSet(io.env), paint: painter },
    cue,
    quiet: flags.quiet === true,
    progress: flags.progress,
    verbose: flags.verbose === true,
    toolVersion: toolVersion(),
    local: flags.local === true,
    interruptedBy: () => interruptedBy,
  };
  try {
    if (batch) return await runBatch({ plan: batch, ...shared });
    const result = await runInput({
      input: open(input),
      label: input,
      outputPath: flags.output,
      formats,
      stdout: io.stdout,
      ...shared,
    });
    return result.exitCode;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onTerm);
    await emulator?.close();
  }
}

let cachedVersion: string | undefined;
function toolVersion(): string {
  if (!cachedVersion) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cachedVersion = pkg.version;
  }
  return cachedVersion;
}
