// Commander's own parse errors, reworded into the project's format: `<what> (<value>)` on one
// line, and what to do on the hint line (commander puts its "Did you mean" on a second line of
// the message, where it would read as part of the error).
import type { CommanderError } from 'commander';
import type { TranscribeError } from '../index.js';
import { usageError } from './flags.js';

/** `command`: what the user ran, e.g. `realtime-transcribe emulate`, for the hint's --help. */
export function usageFromCommander(
  error: Pick<CommanderError, 'code' | 'message'>,
  command = 'realtime-transcribe',
): TranscribeError {
  const SEE_HELP = `${command} --help lists every option`;
  const [first = '', ...rest] = error.message.replace(/^error: /, '').split('\n');
  const quoted = /'([^']*)'/.exec(first)?.[1];
  switch (error.code) {
    case 'commander.unknownOption': {
      const similar = /\(Did you mean (.+)\?\)/.exec(rest.join(' '))?.[1];
      return usageError(
        `unknown option (${quoted ?? first})`,
        similar ? `did you mean ${similar}? ${SEE_HELP}` : SEE_HELP,
      );
    }
    case 'commander.optionMissingArgument': {
      // "option '-o, --output <path>' argument missing"
      const flag = longest(quoted ?? first);
      const placeholder = /<[^>]+>/.exec(quoted ?? '')?.[0] ?? 'VALUE';
      return usageError(
        `${flag} needs a value (none given)`,
        `put the value right after the option: ${flag} ${placeholder}`,
      );
    }
    case 'commander.invalidArgument': {
      // "option '--turn-detection <mode>' argument 'x' is invalid. Allowed choices are a, b, c."
      const value = /argument '([^']*)' is invalid/.exec(first)?.[1] ?? '';
      const choices = /Allowed choices are (.*)\.$/.exec(first)?.[1]?.split(', ');
      const flag = longest(quoted ?? first);
      if (choices)
        return usageError(`${flag} takes ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)} (${value})`, SEE_HELP);
      return usageError(`invalid value for ${flag} (${value})`, SEE_HELP);
    }
    default:
      return usageError([first, ...rest].join(' '), SEE_HELP);
  }
}

// `-o, --output <path>` → `--output`: the long spelling, which says what the option is.
function longest(flags: string): string {
  return /--[\w-]+/.exec(flags)?.[0] ?? flags.split(/[ ,]/)[0] ?? flags;
}
