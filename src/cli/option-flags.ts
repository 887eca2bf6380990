// The library names the option at fault (`chunkMs must be between 10 and 100, got 5`); a person
// at the command line set a flag, so the CLI says the flag instead.
import { isTranscribeError, TranscribeError } from '../index.js';
import { AUDIO_FORMAT_HINT, TURN_DETECTION_HINT } from '../realtime/config-rejected.js';
import { NO_SERVICE_HINT } from '../realtime/endpoint.js';
import { OPTION_TABLE, type OptionSpec } from '../run/option-table.js';

/** Each library option name (and alias) that has a flag, and that flag: from the option table. */
export function optionFlags(table: readonly OptionSpec[] = OPTION_TABLE): Readonly<Record<string, string>> {
  const flags: Record<string, string> = {};
  for (const spec of table) {
    if (spec.flag === undefined) continue;
    for (const name of [spec.name, ...(spec.aliases ?? [])]) if (name !== undefined) flags[name] = spec.flag;
  }
  return flags;
}

export const OPTION_FLAGS = optionFlags();

// Library hints the CLI has always worded its own way (--local is a flag, not an option).
const CLI_HINTS: ReadonlyMap<string, string> = new Map([
  [NO_SERVICE_HINT, 'to try it without credentials, run with --local (a built-in emulator)'],
  [
    TURN_DETECTION_HINT,
    'set it with --turn-detection: none (the client commits) for gpt-live-transcribe and gpt-realtime-whisper; semantic_vad is not supported everywhere',
  ],
  [AUDIO_FORMAT_HINT, 'no flag sets the audio format (always PCM16 24 kHz): please report this'],
]);

// Option names a sentence cannot hold by chance (camelCase or dotted) are rewritten wherever they
// appear; plain words (`speed`, `model`, `token`) only in backticks, or when the error is about
// that option. In backticks, `name: value` is the flag and its value, and the library's `null`
// is the CLI's `none` (`turnDetection: null` is `--turn-detection none`).
const UNMISTAKABLE = Object.keys(OPTION_FLAGS).filter((name) => /[A-Z.]/.test(name));

/** A library sentence as the CLI prints it: option names replaced by their flags. */
export function withFlagText(text: string, plainNames: readonly string[] = []): string {
  const quoted = text.replace(/`([\w.]+)(?:: ([^`]*))?`/g, (whole, name: string, value: string | undefined) => {
    const flag = OPTION_FLAGS[name];
    if (flag === undefined) return whole;
    return value === undefined ? flag : `${flag} ${value.replace(/\bnull\b/g, 'none')}`;
  });
  const names = [...UNMISTAKABLE];
  for (const name of plainNames) if (OPTION_FLAGS[name] !== undefined && !names.includes(name)) names.push(name);
  // Longest first: `turnDetection.threshold` before `turnDetection`.
  names.sort((a, b) => b.length - a.length);
  return names.reduce(
    (out, name) =>
      out.replace(new RegExp(`(?<![\\w.-])${name.replace(/\./g, '\\.')}(?![\\w.])`, 'g'), OPTION_FLAGS[name] ?? name),
    quoted,
  );
}

/** The error as the CLI prints it: option names replaced by their flags, in message and hint. */
export function withFlagNames(error: unknown): unknown {
  if (!isTranscribeError(error)) return error;
  const plain = error.option === undefined ? [] : [error.option];
  const message = withFlagText(error.message, plain);
  const hint = error.hint === undefined ? undefined : (CLI_HINTS.get(error.hint) ?? withFlagText(error.hint, plain));
  if (message === error.message && hint === error.hint) return error;
  return new TranscribeError(error.code, message, { hint, cause: error.cause, option: error.option });
}
