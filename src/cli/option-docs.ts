// The options table of the docs, from the option table: one row per flag --help shows, with its
// default, its range and what it does. A test checks the docs hold this text word for word.
import { OPTION_TABLE, type OptionSpec } from '../run/option-table.js';
import { formatDurationMs } from '../util/duration.js';
import { flagChoices, flagDefault, flagRange } from './flags.js';

export const OPTIONS_TABLE_START = '<!-- options-table:start -->';
export const OPTIONS_TABLE_END = '<!-- options-table:end -->';

/** The table as Markdown, without its markers. */
function renderOptionsTable(table: readonly OptionSpec[] = OPTION_TABLE): string {
  const lines = ['| option | default | range | what it does |', '|---|---|---|---|'];
  for (const spec of table) {
    if (spec.flag === undefined || spec.hidden) continue;
    const help = helpParts(spec);
    const row = [optionCell(spec), defaultCell(spec, help.default), rangeCell(spec), spec.docs ?? help.text];
    lines.push(`| ${row.map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The table between its markers, as the docs hold it. */
export function renderOptionsBlock(table: readonly OptionSpec[] = OPTION_TABLE): string {
  return `${OPTIONS_TABLE_START}\n${renderOptionsTable(table)}\n${OPTIONS_TABLE_END}`;
}

// `-o, --output PATH`; an enum shows its values (`--provider azure|openai`).
function optionCell(spec: OptionSpec): string {
  const choices = spec.kind === 'enum' && spec.value !== undefined ? flagChoices(spec) : undefined;
  const value = choices ? choices.join('|') : spec.value?.replace(/^<|>$/g, '').toUpperCase();
  const flag = `\`${spec.short ? `${spec.short}, ` : ''}${spec.flag}${value ? ` ${value}` : ''}\``;
  return spec.negation ? `${flag}, \`${spec.negation.flag}\`` : flag;
}

// The help line says a default in words, `(default: none)`: in the docs it goes to its column.
// An environment variable the docs name as the default is not said twice.
function helpParts(spec: OptionSpec): { text: string; default: string | undefined } {
  const help = spec.docsDefault === undefined ? spec.help : spec.help.replace(/\s*\(env: [^()]*\)/, '');
  const said = /\s*\(default: ([^()]*)\)/.exec(help);
  return said ? { text: help.replace(said[0], ''), default: said[1] } : { text: help, default: undefined };
}

function defaultCell(spec: OptionSpec, said: string | undefined): string {
  if (spec.docsDefault !== undefined) return spec.docsDefault;
  const given = spec.value === undefined ? undefined : flagDefault(spec);
  return given === undefined ? (said ?? '') : `\`${given}\``;
}

function rangeCell(spec: OptionSpec): string {
  const range = flagRange(spec);
  if (!range) return '';
  const show = (n: number) =>
    spec.kind !== 'duration' ? String(n) : n % 3_600_000 === 0 && n > 0 ? `${n / 3_600_000}h` : formatDurationMs(n);
  const span = range.exclusiveMin
    ? `above ${show(range.min)}, up to ${show(range.max)}`
    : `${show(range.min)}–${show(range.max)}`;
  const kind = range.integer ? ', whole' : '';
  return `${span}${kind}${spec.word !== undefined ? `, or ${spec.word}` : ''}`;
}

// A pipe inside a cell would end it.
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
