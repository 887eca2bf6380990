// The option table is the one place an option is written: commander's --help, the parsing of
// flag values, the library's validation and defaults, the flag names in library errors and the
// docs' options table all come from it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/errors.js';
import { buildProgram, type CliFlags } from '../../src/cli/commands/transcribe.js';
import { OPTIONS_TABLE_END, OPTIONS_TABLE_START, renderOptionsBlock } from '../../src/cli/option-docs.js';
import { optionFlags } from '../../src/cli/option-flags.js';
import { tableOptionsFrom } from '../../src/cli/options.js';
import { OPTION_TABLE, type OptionSpec } from '../../src/run/option-table.js';
import { defaultPolicy } from '../../src/run/policy.js';
import { validatePolicy, validateRunOptions } from '../../src/run/validate-options.js';
import { REPO_ROOT } from '../helpers/run-cli.js';

// Where the options table lives in the docs (`npm run docs:options` writes it there).
const OPTIONS_DOC = 'docs/cli.md';

function usageError(run: () => unknown): TranscribeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TranscribeError);
    return error as TranscribeError;
  }
  throw new Error('expected a usage error');
}

describe('the options table of the docs', () => {
  it(`is the option table, word for word, between its markers in ${OPTIONS_DOC}`, () => {
    const doc = readFileSync(join(REPO_ROOT, OPTIONS_DOC), 'utf8');
    const start = doc.indexOf(OPTIONS_TABLE_START);
    const end = doc.indexOf(OPTIONS_TABLE_END);
    expect(start, `${OPTIONS_DOC} has ${OPTIONS_TABLE_START}`).toBeGreaterThanOrEqual(0);
    expect(doc.slice(start, end + OPTIONS_TABLE_END.length)).toBe(renderOptionsBlock());
  });

  it('has a row for each flag --help shows, and none for the hidden ones', () => {
    const block = renderOptionsBlock();
    const help = buildProgram('0.0.0').helpInformation();
    for (const spec of OPTION_TABLE.filter((s) => s.flag !== undefined)) {
      const flag = spec.flag as string;
      expect(block.includes(`${flag} `) || block.includes(`${flag}\``), flag).toBe(!spec.hidden);
      expect(help.includes(flag), flag).toBe(!spec.hidden);
    }
  });
});

describe('an option added to the table alone', () => {
  const knob: OptionSpec = {
    name: 'exampleKnobMs',
    flag: '--example-knob',
    value: '<duration>',
    kind: 'duration',
    range: { min: 1_000, max: 60_000 },
    default: 5_000,
    policy: true,
    help: 'a knob the test adds',
  };
  const table = [...OPTION_TABLE, knob];

  it("is among commander's options, with its default as typed", () => {
    const help = buildProgram('0.0.0', table).helpInformation().replace(/\s+/g, ' ');
    expect(help).toContain('--example-knob <duration> a knob the test adds (default: "5s")');
  });

  it('is parsed from its flag, in its range', () => {
    const program = buildProgram('0.0.0', table).exitOverride();
    program.parse(['in.wav', '--example-knob', '1m'], { from: 'user' });
    expect(tableOptionsFrom(program.opts<CliFlags>() as never, table)).toMatchObject({ exampleKnobMs: 60_000 });
    const again = buildProgram('0.0.0', table).exitOverride();
    again.parse(['in.wav', '--example-knob', '2m'], { from: 'user' });
    expect(usageError(() => tableOptionsFrom(again.opts<CliFlags>() as never, table)).message).toBe(
      '--example-knob takes a duration from 1s to 1m (2m)',
    );
  });

  it('has a row in the docs table', () => {
    expect(renderOptionsBlock(table)).toContain('| `--example-knob DURATION` | `5s` | 1s–1m | a knob the test adds |');
  });

  it('is validated by the library, and its errors name the flag', () => {
    const policy = { ...defaultPolicy, exampleKnobMs: 90_000 };
    const error = usageError(() => validatePolicy(policy as never, 30 * 60_000, table));
    expect(error.message).toBe('exampleKnobMs must be between 1 s and 1 min, got 90 s');
    expect(optionFlags(table).exampleKnobMs).toBe('--example-knob');
    // Not a policy field: checked when given.
    const runKnob = { ...knob, policy: false };
    expect(() => validateRunOptions({}, [...OPTION_TABLE, runKnob])).not.toThrow();
    expect(
      usageError(() => validateRunOptions({ exampleKnobMs: 10 } as never, [...OPTION_TABLE, runKnob])).message,
    ).toBe('exampleKnobMs must be between 1 s and 1 min, got 10 ms');
  });
});

describe('the library defaults', () => {
  it('are the table defaults of the policy fields, one key each', () => {
    for (const spec of OPTION_TABLE.filter((s) => s.policy)) {
      expect(Object.keys(defaultPolicy)).toContain(spec.name);
      expect(defaultPolicy[spec.name as keyof typeof defaultPolicy]).toEqual(spec.default);
    }
    expect(defaultPolicy.rotateAfterMs).toBe(8 * 60_000);
    expect(defaultPolicy.turnDetection).toEqual({
      type: 'server_vad',
      threshold: 0.5,
      prefix_padding_ms: 300,
      silence_duration_ms: 500,
    });
  });

  it('are what the flags default to', () => {
    const program = buildProgram('0.0.0').exitOverride();
    program.parse(['in.wav'], { from: 'user' });
    const parsed = tableOptionsFrom(program.opts<CliFlags>() as never);
    for (const name of ['chunkMs', 'speed', 'catchUpFactor', 'rotateAfterMs', 'replayLimitMs', 'watchdogMs'] as const)
      expect(parsed[name], name).toBe(defaultPolicy[name]);
    expect(parsed.noiseReduction).toBeNull();
  });
});
