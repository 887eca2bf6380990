// `--dry-run`: decodes every input as a run would and prints the plan (length, speech, sessions,
// wall time), without connecting: no credentials, no network, no files written. Each input is
// decoded in full rather than trusting ffmpeg's Duration line, which is an estimate for some
// formats (VBR MP3) and absent for stdin, and because the speech estimate needs the samples anyway;
// ffmpeg decodes far faster than real time, so even an hour takes seconds.
import { ffmpegLine } from '../ffmpeg-line.js';
import { join } from 'node:path';
import { measureInput, TranscribeError, type TranscribeOptions } from '../../index.js';
import { parseFormats } from '../../transcript/index.js';
import { type Paint } from '../../terminal/index.js';
import { defaultPolicy } from '../../run/policy.js';
import { inputKind } from '../input-kind.js';
import { fileMatcher, findMediaFiles } from '../batch/select.js';
import { formatPlan, planRun, type MeasuredInput } from './plan-text.js';
import { usageError } from '../flags.js';
import { transcribeOptionsFrom } from '../options.js';
import type { CliFlags } from '../commands/transcribe.js';
import { EXIT, formatError } from '../report.js';

export interface DryRunIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** `jobs`: files at once, as --jobs says (read once by the command). */
export async function dryRunCommand(
  inputs: string[],
  flags: CliFlags,
  io: DryRunIo,
  paint: Paint,
  jobs?: number,
): Promise<number> {
  if (inputs.length === 0) throw usageError('no input given', "pass a file, a directory, or '-' for stdin; see --help");
  // The same flag checks as a real run, so a dry run also proves the command line is right.
  parseFormats(flags.format);
  const options: TranscribeOptions = { ...transcribeOptionsFrom(flags), env: io.env };
  const verbose = flags.verbose === true;

  const measured: MeasuredInput[] = [];
  let failed = 0;
  const report = (error: unknown): void => {
    failed++;
    io.stderr.write(formatError(forDryRun(error), paint, verbose));
  };
  for (const input of inputs) {
    let files: string[];
    try {
      files = await expand(input, flags.pattern);
    } catch (error) {
      report(error);
      continue;
    }
    for (const file of files) {
      try {
        measured.push({ label: file === '-' ? 'stdin' : file, ...(await measureInput(file, options)) });
      } catch (error) {
        report(error);
      }
    }
  }
  if (measured.length > 0) {
    const settings = {
      rotateAfterMs: options.rotateAfterMs ?? defaultPolicy.rotateAfterMs,
      speed: options.speed ?? defaultPolicy.speed,
      jobs,
      parallel: options.parallel,
    };
    const ffmpeg = await ffmpegLine(options);
    io.stdout.write(`${ffmpeg === undefined ? '' : `${ffmpeg}\n\n`}${formatPlan(planRun(measured, settings, failed))}`);
  }
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

// A directory stands for the media files below it, chosen as a batch run would choose them.
async function expand(input: string, pattern: string | undefined): Promise<string[]> {
  if ((await inputKind(input)) !== 'directory') return [input];
  const found = await findMediaFiles(input, fileMatcher(pattern));
  if (found.length === 0) {
    throw new TranscribeError('INPUT_NOT_FOUND', `no audio or video files in the directory (${input})`, {
      hint: pattern === undefined ? 'files are chosen by extension; use --pattern to choose others' : 'check --pattern',
    });
  }
  return found.map((rel) => join(input, ...rel.split('/')));
}

// A cut file's usual hint says its audio "was still transcribed": not so in a dry run.
function forDryRun(error: unknown): unknown {
  if (!(error instanceof TranscribeError) || error.code !== 'INPUT_TRUNCATED') return error;
  return new TranscribeError(error.code, error.message, {
    hint: 'the file was cut short (an interrupted copy, download or recording); a run would transcribe the part that decodes',
    cause: error.cause,
  });
}
