// A table of options (run/option-table.ts, or a command's own) as commander options: flags, value,
// help, the default as typed, the choices of an enum, hidden ones and the `--no-…` of a switch.
import { Option, type Command } from 'commander';
import type { OptionSpec } from '../run/option-table.js';
import { flagChoices, flagDefault, flagValueText } from './flags.js';

/** Every entry of the table that has a flag, as a commander option, in the table's order. */
export function addTableOptions(program: Command, table: readonly OptionSpec[]): void {
  for (const spec of table) {
    if (spec.flag === undefined) continue;
    const flags = `${spec.short ? `${spec.short}, ` : ''}${spec.flag}${spec.value ? ` ${spec.value}` : ''}`;
    // An optional flag stays unset until given; its help says what unset means.
    const said = spec.optional && spec.default !== undefined ? ` (default: ${flagValueText(spec, spec.default)})` : '';
    const option = new Option(flags, spec.help + said);
    if (spec.value !== undefined) {
      const choices = spec.kind === 'enum' ? flagChoices(spec) : undefined;
      if (choices) option.choices(choices);
      const given = flagDefault(spec);
      if (!spec.optional && given !== undefined) option.default(given);
    }
    if (spec.hidden) option.hideHelp();
    program.addOption(option);
    if (spec.negation) program.addOption(new Option(spec.negation.flag, spec.negation.help));
  }
}
