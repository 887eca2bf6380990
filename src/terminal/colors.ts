// Whether to color terminal output, and the few styles the tool uses. When colors are off the
// styles come from a chalk instance at level 0, which returns text untouched: no escape code can
// leak into a log file or a pipe.

import { Chalk } from 'chalk';

export interface ColorDecisionInput {
  stream: { isTTY?: boolean | undefined };
  env: NodeJS.ProcessEnv;
  /** `--no-color` gives false; true (commander's default for a `--no-` flag) leaves it to the rest. */
  flag?: boolean | undefined;
}

/**
 * In order: `--no-color` turns colors off; FORCE_COLOR turns them on (`0` or `false` off), as in
 * Node itself, where it outranks NO_COLOR; a non-empty NO_COLOR turns them off (no-color.org);
 * TERM=dumb turns them off; otherwise they are on only for a TTY.
 */
export function colorsEnabled({ stream, env, flag }: ColorDecisionInput): boolean {
  if (flag === false) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

export type Style = (text: string) => string;

export interface Paint {
  error: Style;
  warn: Style;
  dim: Style;
  ok: Style;
  bold: Style;
}

export function paint(enabled: boolean): Paint {
  // Level 1 (16 colors) is all these styles need and every color terminal has it.
  const chalk = new Chalk({ level: enabled ? 1 : 0 });
  return {
    error: (text) => chalk.red(text),
    warn: (text) => chalk.yellow(text),
    dim: (text) => chalk.dim(text),
    ok: (text) => chalk.green(text),
    bold: (text) => chalk.bold(text),
  };
}
