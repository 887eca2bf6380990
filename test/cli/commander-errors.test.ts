import { describe, expect, it } from 'vitest';
import { usageFromCommander } from '../../src/cli/commander-errors.js';

const from = (code: string, message: string, command?: string) => {
  const error = usageFromCommander({ code, message }, command);
  return { code: error.code, message: error.message, hint: error.hint };
};

describe('usageFromCommander', () => {
  it("an unknown option, with commander's suggestion moved into the hint", () => {
    expect(from('commander.unknownOption', "error: unknown option '--sped'\n(Did you mean --speed?)")).toEqual({
      code: 'USAGE',
      message: 'unknown option (--sped)',
      hint: 'did you mean --speed? realtime-transcribe --help lists every option',
    });
    expect(from('commander.unknownOption', "error: unknown option '--zzz'", 'realtime-transcribe emulate').hint).toBe(
      'realtime-transcribe emulate --help lists every option',
    );
  });

  it('an option without its value', () => {
    expect(from('commander.optionMissingArgument', "error: option '-o, --output <path>' argument missing")).toEqual({
      code: 'USAGE',
      message: '--output needs a value (none given)',
      hint: 'put the value right after the option: --output <path>',
    });
  });

  it('a value outside the choices', () => {
    expect(
      from(
        'commander.invalidArgument',
        "error: option '--turn-detection <mode>' argument 'x' is invalid. Allowed choices are server_vad, semantic_vad, none.",
      ).message,
    ).toBe('--turn-detection takes server_vad, semantic_vad or none (x)');
    expect(
      from('commander.invalidArgument', "error: option '--level <n>' argument 'x' is invalid. Not a number.").message,
    ).toBe('invalid value for --level (x)');
  });

  it("anything else keeps commander's words on one line", () => {
    expect(from('emulate.invalidOption', "error: --drop: invalid value 'x': expected a time (3m)").message).toBe(
      "--drop: invalid value 'x': expected a time (3m)",
    );
    expect(from('commander.error', 'error: first\nsecond').message).toBe('first second');
  });
});
