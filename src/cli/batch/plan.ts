// From the command line to the list of files a batch will transcribe: inputs expanded, flags
// checked, outputs mapped, this machine's shard taken, finished files marked. Everything that can
// be wrong with the command is found here, before any file is touched.
import { stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { TranscribeError } from '../../index.js';
import type { OutputFormat } from '../../transcript/index.js';
import { inputKind } from '../input-kind.js';
import { assertDistinctOutputs, outputTargets, type OutputTarget } from './paths.js';
import { fileMatcher, findMediaFiles, MEDIA_EXTENSIONS } from './select.js';
import { usageError } from '../flags.js';
import { inShard, parseShard, type Shard } from './shard.js';

export interface BatchFlags {
  output?: string | undefined;
  /** Files at once, read from --jobs (cli/options.ts jobsFrom). */
  jobs: number;
  pattern?: string | undefined;
  shard?: string | undefined;
  overwrite?: boolean | undefined;
  logEvents?: string | undefined;
}

export interface BatchItem {
  /** The path handed to transcribe(). */
  input: string;
  /** The path as the user sees it: the input argument, then the path below it. */
  label: string;
  /** Below its input directory (the file name for a file given by itself): mapped and hashed. */
  rel: string;
  outputs: OutputTarget[];
  /** Every output exists already: skipped unless --overwrite. */
  done: boolean;
}

export interface BatchPlan {
  /** This shard's files, in order. */
  items: BatchItem[];
  /** Files selected before sharding. */
  selected: number;
  outDir: string;
  jobs: number;
  shard: Shard | undefined;
  formats: OutputFormat[];
}

/** Several inputs, a directory, or -o naming a directory (`out/`, or one that exists). */
export async function wantsBatch(inputs: readonly string[], output: string | undefined): Promise<boolean> {
  if (inputs.length > 1) return true;
  const [only] = inputs;
  if (only === undefined || only === '-') return false; // stdin is one stream, never a batch
  if ((await inputKind(only)) === 'directory') return true;
  return output !== undefined && (endsWithSeparator(output) || (await inputKind(output)) === 'directory');
}

/**
 * `open` turns an argument into a path that opens it (see raw-names.ts: an argument that is not
 * UTF-8 needs one); `alias` does the same for the bytes of a file found in a directory.
 */
export async function planBatch(
  inputs: readonly string[],
  flags: BatchFlags,
  formats: OutputFormat[],
  open: (arg: string) => string = (arg) => arg,
  alias?: (raw: Buffer, name: string) => string,
): Promise<BatchPlan> {
  if (inputs.includes('-'))
    throw usageError(
      `'-' (stdin) cannot be transcribed with other inputs (${inputs.length} given)`,
      'run stdin on its own: realtime-transcribe -',
    );
  const outDir = await outputDirectory(inputs, flags.output);
  const jobs = flags.jobs;
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  if (flags.logEvents !== undefined)
    throw usageError('--log-events takes one input at a time', 'log the file you are debugging on its own');
  const matches = fileMatcher(flags.pattern);

  const all: Omit<BatchItem, 'done'>[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    const path = open(input);
    const kind = await inputKind(path);
    if (kind === 'missing')
      throw new TranscribeError('INPUT_NOT_FOUND', `input file not found (${input})`, {
        hint: 'check the path; nothing was transcribed',
      });
    const raw = new Map<string, Buffer>();
    const files =
      kind === 'directory'
        ? (await findMediaFiles(path, matches, raw)).map((rel) => {
            const bytes = raw.get(rel);
            const opened = bytes && alias ? alias(bytes, rel) : join(path, ...rel.split('/'));
            return { input: opened, label: join(input, rel), rel };
          })
        : // A file named on the command line is taken whatever its extension: it was chosen.
          [{ input: path, label: input, rel: basename(input) }];
    for (const file of files) {
      const key = resolve(file.input);
      if (seen.has(key)) continue; // a file given twice (by itself and inside its directory) runs once
      seen.add(key);
      all.push({ ...file, outputs: outputTargets(outDir, file.rel, formats) });
    }
  }
  if (all.length === 0) throw nothingSelected(inputs, flags.pattern);
  // Checked over the whole selection, so every shard of a batch reports the same conflict.
  assertDistinctOutputs(all);

  const share = shard === undefined ? all : all.filter((item) => inShard(item.rel, shard));
  const items: BatchItem[] = [];
  for (const item of share) items.push({ ...item, done: flags.overwrite !== true && (await allExist(item.outputs)) });
  return { items, selected: all.length, outDir, jobs, shard, formats };
}

async function outputDirectory(inputs: readonly string[], output: string | undefined): Promise<string> {
  if (output === undefined || output === '') {
    const why =
      inputs.length > 1
        ? `several inputs need -o DIR (${inputs.length} given)`
        : `a directory needs -o DIR for its transcripts (${inputs[0]})`;
    throw usageError(why, 'for example -o transcripts/: the transcripts mirror the input tree there');
  }
  if ((await inputKind(output)) === 'file') {
    throw usageError(
      `-o must name a directory when transcribing several files (${output} is a file)`,
      'for example -o transcripts/',
    );
  }
  return output;
}

async function allExist(outputs: readonly OutputTarget[]): Promise<boolean> {
  for (const output of outputs) {
    const isFile = await stat(output.path).then(
      (info) => info.isFile(),
      () => false,
    );
    if (!isFile) return false;
  }
  return true;
}

function nothingSelected(inputs: readonly string[], pattern: string | undefined): TranscribeError {
  const where = inputs.join(', ');
  if (pattern !== undefined) {
    return new TranscribeError('INPUT_NOT_FOUND', `no file matches --pattern ${pattern} in ${where}`, {
      hint: "a pattern without / matches file names at any depth, e.g. --pattern '*.wav'",
    });
  }
  return new TranscribeError('INPUT_NOT_FOUND', `no audio or video files in ${where}`, {
    hint: `files are chosen by extension (${MEDIA_EXTENSIONS.join(' ')}); use --pattern to choose others`,
  });
}

function endsWithSeparator(path: string): boolean {
  return path.endsWith('/') || path.endsWith(sep);
}
