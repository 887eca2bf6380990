// From parsed flags to library options. Every bad value is a usage error naming the flag.
import type { RawInputFormat, TranscribeOptions, TurnDetection } from '../index.js';
import type { CueOptions, OutputFormat } from '../transcript/index.js';
import type { CliFlags } from './commands/transcribe.js';
import { OPTION_TABLE, optionFlagged, type OptionSpec } from '../run/option-table.js';
import type { EmulatorOptions } from '../emulator/index.js';
import { durationOrRangeFlag, flagDefault, listFlag, parseFlagValue, usageError } from './flags.js';

// Read by hand below, for what they mean together: the turn detection and raw input flags
// (nested options), the languages (one or several), the keywords (none is a mistake) and the
// silence switch (the library's auto, on or off).
const BY_HAND = new Set(['language', 'keywords', 'skipSilence']);

/** The command-line attribute commander keeps a flag's value under: --chunk-ms is chunkMs. */
function flagAttribute(flag: string): string {
  return flag.replace(/^--(no-)?/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Each flag of the table with a top-level library name, parsed as its entry says: a flag given
 * (or with a default) is set, one not given is left to the library.
 */
export function tableOptionsFrom(
  flags: Readonly<Record<string, unknown>>,
  table: readonly OptionSpec[] = OPTION_TABLE,
): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const spec of table) {
    const { name, flag } = spec;
    if (name === undefined || flag === undefined || name.includes('.') || BY_HAND.has(name)) continue;
    const value = flags[flagAttribute(flag)];
    if (value === undefined || value === false) continue;
    // Left to the environment when blank, as they always were: `--api-key ""` reads the variable.
    if (value === '' && spec.kind === 'string' && !KEEP_BLANK.has(name)) continue;
    options[name] = typeof value === 'string' ? parseFlagValue(spec, value) : value;
  }
  return options;
}

// A blank value of these reaches the library, which says what is wrong with it.
const KEEP_BLANK = new Set(['tokenCommand', 'tokenScope', 'proxy']);

export function transcribeOptionsFrom(flags: CliFlags): TranscribeOptions {
  checkLocal(flags);
  const turnDetection = turnDetectionFrom(flags);
  const options = tableOptionsFrom(flags as unknown as Record<string, unknown>) as TranscribeOptions;
  // Unset, the model decides (the model table): only a choice the user made is passed on.
  if (turnDetection !== undefined) options.turnDetection = turnDetection;
  // One language is `language`, which every model takes; several are `languages`.
  const languages = flags.language === undefined ? [] : listFlag(flags.language);
  if (languages.length === 1) options.language = languages[0];
  else if (languages.length > 1) options.languages = languages;
  const keywords = flags.keywords === undefined ? undefined : listFlag(flags.keywords);
  if (keywords?.length === 0)
    throw usageError(
      `--keywords takes words or phrases separated by commas (${flags.keywords})`,
      'for example --keywords ACME,Contoso',
    );
  if (keywords !== undefined) options.keywords = keywords;
  if (flags.skipSilence !== undefined) options.skipSilence = flags.skipSilence ? 'on' : 'off';
  const rawInput = rawInputFrom(flags);
  if (rawInput) options.rawInput = rawInput;
  return options;
}

/** --jobs, read once for the whole command (a batch's pool, the dry run's schedule). */
export function jobsFrom(flags: { jobs?: string | undefined }): number | undefined {
  return flags.jobs === undefined ? undefined : (parseFlagValue(optionFlagged('--jobs'), flags.jobs) as number);
}

/** The built-in emulator's knobs of --local (its seed, and the faults it plays). */
export function localEmulatorFrom(flags: CliFlags): Pick<EmulatorOptions, 'seed' | 'faults'> {
  const drop =
    flags.localDrop === undefined || flags.localDrop === ''
      ? undefined
      : durationOrRangeFlag(optionFlagged('--local-drop'), flags.localDrop);
  const expire = optionalFlag('--local-expire', flags.localExpire || undefined) as number | undefined;
  const seed = optionalFlag('--local-seed', flags.localSeed || undefined) as number | undefined;
  return {
    ...(seed !== undefined && { seed }),
    faults: {
      ...(drop && { drop: drop.length === 1 ? { afterMs: drop[0] } : { betweenMs: drop } }),
      ...(expire !== undefined && { expireAfterMs: expire }),
    },
  };
}

// Subtitle layout applies to the cue formats only: asked for with none of them, it would do nothing.
export function cueOptionsFrom(flags: CliFlags, formats: readonly OutputFormat[]): CueOptions | undefined {
  const given = [
    flags.maxLineWidth !== undefined ? '--max-line-width' : undefined,
    flags.maxLines !== undefined ? '--max-lines' : undefined,
  ].filter((f): f is string => f !== undefined);
  if (given.length === 0) return undefined;
  if (!formats.includes('srt') && !formats.includes('vtt')) {
    throw usageError(
      `${given.join(' and ')} ${given.length > 1 ? 'lay' : 'lays'} out subtitles, but --format is ${formats.join(',')}`,
      'add srt or vtt to --format, e.g. --format srt',
    );
  }
  const cue: CueOptions = {};
  const width = optionalFlag('--max-line-width', flags.maxLineWidth) as number | undefined;
  const lines = optionalFlag('--max-lines', flags.maxLines) as number | undefined;
  if (width !== undefined) cue.maxLineChars = width;
  if (lines !== undefined) cue.maxLines = lines;
  return cue;
}

// A flag's value as its table entry reads it; none when not given.
function optionalFlag(flag: string, value: string | undefined): unknown {
  return value === undefined ? undefined : parseFlagValue(optionFlagged(flag), value);
}

// What an unset flag means: the default of its table entry, as typed.
function orDefault(flag: string, value: string | undefined): string {
  return value ?? flagDefault(optionFlagged(flag)) ?? '';
}

// --local starts an emulator in place of the service: a service named as well is a mistake that
// would otherwise be silently ignored (and exit 0). Only flags count, never the environment.
function checkLocal(flags: CliFlags): void {
  if (!flags.local) return;
  const given = flags as unknown as Record<string, unknown>;
  const service = OPTION_TABLE.filter(
    (spec) => spec.service && spec.flag !== undefined && given[flagAttribute(spec.flag)] !== undefined,
  ).map((spec) => spec.flag as string);
  if (service.length === 0) return;
  throw usageError(
    `--local uses the built-in emulator and cannot be combined with ${service.join(', ')}`,
    `drop --local to use the service, or drop ${service.join(', ')} to use the emulator`,
  );
}

// Undefined when the user chose nothing, so that the model table can decide.
function turnDetectionFrom(flags: CliFlags): TurnDetection | undefined {
  const vadFlags = [
    flags.vadThreshold !== undefined ? '--vad-threshold' : undefined,
    flags.vadSilence !== undefined ? '--vad-silence' : undefined,
    flags.vadPrefix !== undefined ? '--vad-prefix' : undefined,
  ].filter((f): f is string => f !== undefined);
  // --vad-eagerness is semantic VAD's one setting: it chooses semantic VAD unless told otherwise.
  if (flags.vadEagerness !== undefined) {
    const other = vadFlags.length > 0 ? vadFlags.join(', ') : undefined;
    if ((flags.turnDetection ?? 'semantic_vad') !== 'semantic_vad' || other !== undefined) {
      throw usageError(
        other !== undefined
          ? `--vad-eagerness sets semantic VAD, but ${other} set server VAD`
          : `--vad-eagerness sets semantic VAD, but --turn-detection is ${flags.turnDetection}`,
        'semantic VAD takes only --vad-eagerness; server VAD takes --vad-threshold, --vad-silence and --vad-prefix',
      );
    }
    return {
      type: 'semantic_vad',
      eagerness: parseFlagValue(optionFlagged('--vad-eagerness'), flags.vadEagerness) as
        'low' | 'medium' | 'high' | 'auto',
    };
  }
  if (flags.turnDetection === undefined && vadFlags.length === 0) return undefined;
  if (flags.turnDetection === 'none' || flags.turnDetection === 'semantic_vad') {
    if (vadFlags.length > 0) {
      throw usageError(
        `${vadFlags.join(', ')} set server VAD, but --turn-detection is ${flags.turnDetection}`,
        'drop them, or use --turn-detection server_vad',
      );
    }
    return flags.turnDetection === 'none' ? null : { type: 'semantic_vad', eagerness: 'auto' };
  }
  return {
    type: 'server_vad',
    threshold: parseFlagValue(
      optionFlagged('--vad-threshold'),
      orDefault('--vad-threshold', flags.vadThreshold),
    ) as number,
    silence_duration_ms: parseFlagValue(
      optionFlagged('--vad-silence'),
      orDefault('--vad-silence', flags.vadSilence),
    ) as number,
    prefix_padding_ms: parseFlagValue(
      optionFlagged('--vad-prefix'),
      orDefault('--vad-prefix', flags.vadPrefix),
    ) as number,
  };
}

// Headerless PCM (arecord -t raw, sox -t raw) cannot say its own layout: the flags say it.
function rawInputFrom(flags: CliFlags): RawInputFormat | undefined {
  if (!flags.inputFormat) {
    if (flags.sampleRate || flags.channels)
      throw usageError('--sample-rate and --channels describe headerless input: add --input-format s16le|f32le|mulaw');
    return undefined;
  }
  // Missing is its own message: an empty value in "from 8000 to 192000 ()" told no one what to add.
  if (flags.sampleRate === undefined) {
    throw usageError(
      `--input-format ${flags.inputFormat} needs --sample-rate (none given)`,
      `add the rate the audio was recorded at, e.g. --input-format ${flags.inputFormat} --sample-rate 16000`,
    );
  }
  const rate = parseFlagValue(optionFlagged('--sample-rate'), flags.sampleRate) as number;
  const channels = parseFlagValue(optionFlagged('--channels'), orDefault('--channels', flags.channels)) as number;
  return { encoding: flags.inputFormat as RawInputFormat['encoding'], sampleRate: rate, channels };
}
