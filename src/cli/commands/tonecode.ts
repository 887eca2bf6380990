// `realtime-transcribe tonecode …` (and `node dist/cli/commands/tonecode.js …`): writes a tonecode corpus
// as an audio file, optionally with its sentence timings as JSON.
import { once } from 'node:events';
import { realpathSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, CommanderError } from 'commander';
import { TranscribeError, isTranscribeError } from '../../errors.js';
import {
  CORPUS_FILE_FORMATS,
  corpusDurationSec,
  corpusTimings,
  corpusWavChunks,
  formatFromPath,
  resolveCorpusOptions,
  writeCorpusFile,
  type CorpusFileFormat,
  type CorpusOptionNames,
  type CorpusOptions,
  type SentenceTiming,
} from '../../tonecode/index.js';

// The spec ships in the package (docs/), two levels above both src/tonecode and dist/tonecode.
export const TONECODE_SPEC = fileURLToPath(new URL('../../../docs/tonecode.md', import.meta.url));

const USAGE = `usage: realtime-transcribe tonecode --sentences N -o PATH [options]

Writes sentences of the tonecode numbered corpus as audio: a test signal whose transcript is
known exactly, which the built-in emulator (--local) recognises. The spec: ${TONECODE_SPEC}

  --sentences N      how many sentences (required)
  --first N          first sentence number (default 0)
  --pause-ms MS      silence after each sentence (default 1000)
  --pauses P         fixed (every pause --pause-ms) or varied (seeded by --seed:
                     mostly 1-2 s, one in eight 5-20 s); default fixed
  --rate HZ          sample rate (default 24000)
  --channels 1|2     (default 1)
  --noise-dbfs DB    add white noise at this RMS level, e.g. -55
  --lead-ms MS       silence before the first sentence (default 0)
  --trail-ms MS      silence after the last sentence (default 500)
  --format F         ${CORPUS_FILE_FORMATS.join('|')} (default: from -o's extension, else wav)
  --bitrate KBPS     for mp3, ogg, m4a (default 128)
  --seed N           seed of the noise and of varied pauses (default 1)
  -o, --output PATH  where to write; "-" writes WAV to stdout
  --timings PATH     also write the sentence timings as JSON
  -h, --help
`;

const FLAG_NAMES: CorpusOptionNames = {
  first: '--first',
  count: '--sentences',
  pauseMs: '--pause-ms',
  pauses: '--pauses',
  sampleRate: '--rate',
  channels: '--channels',
  noiseDbfs: '--noise-dbfs',
  leadingSilenceMs: '--lead-ms',
  trailingSilenceMs: '--trail-ms',
  seed: '--seed',
};

// The flags that take a value; -o is --output. Times in ms, as their names say (`--pause-ms`).
const VALUE_FLAGS = [
  'sentences',
  'first',
  'pause-ms',
  'pauses',
  'rate',
  'channels',
  'noise-dbfs',
  'lead-ms',
  'trail-ms',
  'format',
  'bitrate',
  'seed',
  'output',
  'timings',
] as const;

type Flags = Partial<Record<(typeof VALUE_FLAGS)[number], string>> & { help?: boolean };

/**
 * The `tonecode` command as commander parses it. Its usage errors are the generator's own
 * (`tonecode: …`, exit 2), so parsing throws them rather than printing commander's; `run` gets
 * the flags once they parse.
 */
export function tonecodeCommand(run: (flags: Flags) => Promise<void> = async () => {}): Command {
  const command = new Command('tonecode')
    .description(
      'write a tonecode test signal (audio whose transcript is known exactly; --local transcribes it); tonecode --help for its options',
    )
    .helpOption(false)
    .showSuggestionAfterError(false)
    .allowExcessArguments(false)
    .configureOutput({ writeErr: () => {}, outputError: () => {} })
    .exitOverride((error: CommanderError) => {
      throw new TranscribeError('USAGE', `tonecode: ${commanderWords(error.message)}`);
    });
  for (const name of VALUE_FLAGS) command.option(`${name === 'output' ? '-o, ' : ''}--${name} <value>`);
  command.option('-h, --help').action(async (flags: Record<string, string | boolean>) => {
    // Commander keeps --pause-ms as pauseMs; the generator reads the flags by their names.
    const byName = Object.fromEntries(
      Object.entries(flags).map(([key, value]) => [key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value]),
    );
    await run(byName as Flags);
  });
  return command;
}

// Commander's `error: unknown option '--volume'` as the generator has always said it.
function commanderWords(message: string): string {
  const words = message.replace(/^error: /, '');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface ToneGenIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Runs the generator with these arguments; resolves to the process exit code. */
export async function runToneGen(argv: string[], io: ToneGenIo = process): Promise<number> {
  try {
    await tonecodeCommand(async (flags) => {
      if (flags.help) {
        io.stdout.write(USAGE);
        return;
      }
      const job = toJob(flags);
      const timings =
        job.output === '-'
          ? await writeWavTo(io.stdout, job.corpus)
          : await writeCorpusFile(job.output, { ...job.corpus, format: job.format, bitrateKbps: job.bitrateKbps });
      if (job.timingsPath) await writeTimings(job.timingsPath, timings);
      io.stderr.write(`${summary(job)}\n`);
    }).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (!isTranscribeError(error)) throw error;
    io.stderr.write(`${error.message}\n`);
    if (error.hint) io.stderr.write(`hint: ${error.hint}\n`);
    if (error.code === 'USAGE') io.stderr.write('run with --help for the options\n');
    return error.code === 'USAGE' ? 2 : 1;
  }
}

interface Job {
  corpus: CorpusOptions;
  output: string;
  format: CorpusFileFormat;
  bitrateKbps: number | undefined;
  timingsPath: string | undefined;
}

function toJob(flags: Flags): Job {
  if (flags.sentences === undefined)
    throw new TranscribeError('USAGE', 'tonecode: --sentences N is required (how many sentences to write)');
  if (flags.output === undefined)
    throw new TranscribeError('USAGE', 'tonecode: -o PATH is required (where to write the audio; "-" for stdout)');
  const channels = number('--channels', flags.channels);
  const corpus: CorpusOptions = {
    count: number('--sentences', flags.sentences),
    first: number('--first', flags.first),
    pauseMs: number('--pause-ms', flags['pause-ms']),
    pauses: flags.pauses as CorpusOptions['pauses'],
    sampleRate: number('--rate', flags.rate),
    channels: channels as 1 | 2 | undefined,
    noiseDbfs: number('--noise-dbfs', flags['noise-dbfs']),
    leadingSilenceMs: number('--lead-ms', flags['lead-ms']),
    trailingSilenceMs: number('--trail-ms', flags['trail-ms']),
    seed: number('--seed', flags.seed),
  };
  resolveCorpusOptions(corpus, FLAG_NAMES); // fail with the flag's name before writing anything
  const format = (flags.format ?? formatFromPath(flags.output) ?? 'wav') as CorpusFileFormat;
  if (!CORPUS_FILE_FORMATS.includes(format)) {
    throw new TranscribeError(
      'USAGE',
      `tonecode: --format must be one of ${CORPUS_FILE_FORMATS.join(', ')}, got "${format}"`,
    );
  }
  if (flags.output === '-' && format !== 'wav') {
    throw new TranscribeError('USAGE', `tonecode: only wav can be written to stdout, got --format ${format}`, {
      hint: 'write it to a file with -o PATH',
    });
  }
  const bitrateKbps = number('--bitrate', flags.bitrate);
  if (bitrateKbps !== undefined && (!Number.isInteger(bitrateKbps) || bitrateKbps < 8 || bitrateKbps > 512)) {
    throw new TranscribeError(
      'USAGE',
      `tonecode: --bitrate must be a whole number of kbps from 8 to 512, got ${bitrateKbps}`,
    );
  }
  return { corpus, output: flags.output, format, bitrateKbps, timingsPath: flags.timings };
}

// A flag that is there gives a number; an absent one, none.
function number(flag: string, text: string): number;
function number(flag: string, text: string | undefined): number | undefined;
function number(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^-?\d+(\.\d+)?$/.test(text.trim()))
    throw new TranscribeError('USAGE', `tonecode: ${flag} must be a number, got "${text}"`);
  return Number(text);
}

// A reader that goes away (EPIPE: `… | head`) surfaces as an 'error' event at any write, not only
// while waiting for 'drain', so a listener is held for the whole run.
async function writeWavTo(stream: NodeJS.WritableStream, corpus: CorpusOptions): Promise<SentenceTiming[]> {
  const timings = corpusTimings(corpus);
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  stream.on('error', onError);
  try {
    for (const chunk of corpusWavChunks(corpus)) {
      if (failure) break;
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
  } catch (error) {
    failure ??= error as Error;
  } finally {
    stream.off('error', onError);
  }
  if (failure) {
    throw new TranscribeError(
      'OUTPUT_FAILED',
      `tonecode: stdout closed before the corpus was written: ${failure.message}`,
      { cause: failure },
    );
  }
  return timings;
}

async function writeTimings(path: string, timings: SentenceTiming[]): Promise<void> {
  try {
    await writeFile(path, `${JSON.stringify(timings, null, 1)}\n`);
  } catch (error) {
    throw new TranscribeError(
      'OUTPUT_FAILED',
      `tonecode: could not write timings to ${path}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function summary(job: Job): string {
  const r = resolveCorpusOptions(job.corpus);
  const span = r.count === 0 ? 'no sentences' : `${r.count} sentences (${r.first}-${r.first + r.count - 1})`;
  const where = job.output === '-' ? 'stdout' : job.output;
  const noise = r.noiseDbfs === undefined ? '' : `, noise ${r.noiseDbfs} dBFS`;
  const extra = job.timingsPath ? `, timings in ${job.timingsPath}` : '';
  return `tonecode: wrote ${where}: ${span}, ${corpusDurationSec(job.corpus).toFixed(1)} s, ${r.sampleRate} Hz ${r.channels === 2 ? 'stereo' : 'mono'} ${job.format}${noise}${extra}`;
}

// Run directly (node dist/cli/commands/tonecode.js …), not when imported by the main CLI or tests.
function invokedDirectly(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  runToneGen(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `tonecode: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
