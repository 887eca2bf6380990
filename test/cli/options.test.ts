// Flags as commander parses them, turned into library options: the service and token flags,
// turn detection left to the model unless chosen, and --local with a service named.
import { describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/errors.js';
import { localEmulatorFrom, transcribeOptionsFrom } from '../../src/cli/options.js';
import { buildProgram, type CliFlags } from '../../src/cli/commands/transcribe.js';

function flags(...args: string[]): CliFlags {
  const program = buildProgram('0.0.0').exitOverride();
  program.parse(['in.wav', ...args], { from: 'user' });
  return program.opts<CliFlags>();
}

function usage(...args: string[]): TranscribeError {
  try {
    transcribeOptionsFrom(flags(...args));
  } catch (error) {
    expect(error).toBeInstanceOf(TranscribeError);
    expect((error as TranscribeError).code).toBe('USAGE');
    return error as TranscribeError;
  }
  throw new Error('expected a usage error');
}

describe('--local with a service named', () => {
  it.each([
    [
      ['--endpoint', 'https://res.openai.azure.com'],
      '--local uses the built-in emulator and cannot be combined with --endpoint',
      'drop --local to use the service, or drop --endpoint to use the emulator',
    ],
    [
      ['--api-key', 'k-123456'],
      '--local uses the built-in emulator and cannot be combined with --api-key',
      'drop --local to use the service, or drop --api-key to use the emulator',
    ],
    [
      ['--endpoint', 'https://res.openai.azure.com', '--token-command', 'az account get-access-token'],
      '--local uses the built-in emulator and cannot be combined with --endpoint, --token-command',
      'drop --local to use the service, or drop --endpoint, --token-command to use the emulator',
    ],
    [
      ['--azure-credential'],
      '--local uses the built-in emulator and cannot be combined with --azure-credential',
      'drop --local to use the service, or drop --azure-credential to use the emulator',
    ],
    [
      ['--token', 'eyJabc'],
      '--local uses the built-in emulator and cannot be combined with --token',
      'drop --local to use the service, or drop --token to use the emulator',
    ],
  ])('%j is a usage error', (args, message, hint) => {
    const error = usage('--local', ...args);
    expect(error.message).toBe(message);
    expect(error.hint).toBe(hint);
  });

  it('is fine with the service configured only in the environment', () => {
    // Commander no longer reads these variables itself: flags are what the user typed.
    const before = process.env.AZURE_OPENAI_ENDPOINT;
    process.env.AZURE_OPENAI_ENDPOINT = 'https://res.openai.azure.com';
    try {
      const f = flags('--local');
      expect(f.endpoint).toBeUndefined();
      expect(() => transcribeOptionsFrom(f)).not.toThrow();
    } finally {
      if (before === undefined) delete process.env.AZURE_OPENAI_ENDPOINT;
      else process.env.AZURE_OPENAI_ENDPOINT = before;
    }
  });
});

describe('token flags', () => {
  it('pass through to the library', () => {
    const options = transcribeOptionsFrom(
      flags(
        '--token-command',
        'az account get-access-token --query accessToken -o tsv',
        '--token-max-age',
        '2m',
        '--endpoint',
        'https://r.openai.azure.com',
      ),
    );
    expect(options.tokenCommand).toBe('az account get-access-token --query accessToken -o tsv');
    expect(options.tokenMaxAgeMs).toBe(120_000);
    const azure = transcribeOptionsFrom(flags('--azure-credential', '--token-scope', 'https://ai.azure.com/.default'));
    expect(azure.azureCredential).toBe(true);
    expect(azure.tokenScope).toBe('https://ai.azure.com/.default');
  });

  it('checks --token-max-age', () => {
    expect(usage('--token-command', 'x', '--token-max-age', '1s').message).toBe(
      '--token-max-age takes a duration from 10s to 60m (1s)',
    );
  });
});

describe('turn detection', () => {
  it('is left to the model unless chosen', () => {
    expect(transcribeOptionsFrom(flags()).turnDetection).toBeUndefined();
    expect(transcribeOptionsFrom(flags('--turn-detection', 'none')).turnDetection).toBeNull();
    expect(transcribeOptionsFrom(flags('--turn-detection', 'semantic_vad')).turnDetection).toEqual({
      type: 'semantic_vad',
      eagerness: 'auto',
    });
    expect(transcribeOptionsFrom(flags('--turn-detection', 'server_vad')).turnDetection).toEqual({
      type: 'server_vad',
      threshold: 0.5,
      silence_duration_ms: 500,
      prefix_padding_ms: 300,
    });
  });

  it('takes a --vad-* flag as a choice of server VAD', () => {
    expect(transcribeOptionsFrom(flags('--vad-silence', '800')).turnDetection).toEqual({
      type: 'server_vad',
      threshold: 0.5,
      silence_duration_ms: 800,
      prefix_padding_ms: 300,
    });
  });

  it('refuses --vad-* with another mode', () => {
    const error = usage('--turn-detection', 'none', '--vad-threshold', '0.7');
    expect(error.message).toBe('--vad-threshold set server VAD, but --turn-detection is none');
    expect(error.hint).toBe('drop them, or use --turn-detection server_vad');
  });

  it('has no model default on the command line: the library picks one per provider', () => {
    expect(transcribeOptionsFrom(flags()).model).toBeUndefined();
    expect(transcribeOptionsFrom(flags('--model', 'gpt-live-transcribe')).model).toBe('gpt-live-transcribe');
  });
});

describe('the newer transcription fields', () => {
  it('one --language is language, several are languages; --keywords is a list; --delay as given', () => {
    expect(transcribeOptionsFrom(flags('--language', 'en')).language).toBe('en');
    const several = transcribeOptionsFrom(
      flags('--language', 'en, fr', '--keywords', 'ACME, Contoso ,', '--delay', 'high'),
    );
    expect([several.language, several.languages, several.keywords, several.delay]).toEqual([
      undefined,
      ['en', 'fr'],
      ['ACME', 'Contoso'],
      'high',
    ]);
  });

  it('an empty --keywords is refused, naming the flag', () => {
    expect(usage('--keywords', ' , ').message).toBe('--keywords takes words or phrases separated by commas ( , )');
  });

  it('--vad-eagerness chooses semantic VAD, and refuses server VAD settings beside it', () => {
    expect(transcribeOptionsFrom(flags('--vad-eagerness', 'low')).turnDetection).toEqual({
      type: 'semantic_vad',
      eagerness: 'low',
    });
    expect(
      transcribeOptionsFrom(flags('--vad-eagerness', 'high', '--turn-detection', 'semantic_vad')).turnDetection,
    ).toEqual({ type: 'semantic_vad', eagerness: 'high' });
    expect(usage('--vad-eagerness', 'low', '--turn-detection', 'none').message).toBe(
      '--vad-eagerness sets semantic VAD, but --turn-detection is none',
    );
    expect(usage('--vad-eagerness', 'low', '--vad-silence', '800').message).toBe(
      '--vad-eagerness sets semantic VAD, but --vad-silence set server VAD',
    );
  });
});

describe('--local emulator knobs', () => {
  it('--local-drop takes a time, or a range the drop is chosen in, as its help says', () => {
    expect(localEmulatorFrom(flags('--local', '--local-drop', '2m')).faults).toEqual({ drop: { afterMs: 120_000 } });
    expect(localEmulatorFrom(flags('--local', '--local-drop', '1m-3m')).faults).toEqual({
      drop: { betweenMs: [60_000, 180_000] },
    });
    expect(() => localEmulatorFrom(flags('--local', '--local-drop', '3m-1m'))).toThrow(
      '--local-drop takes a range from low to high (3m-1m)',
    );
    expect(() => localEmulatorFrom(flags('--local', '--local-drop', '0.5'))).toThrow(
      '--local-drop takes a duration from 1s to 60m (0.5)',
    );
  });

  it('--local-expire and --local-seed', () => {
    expect(localEmulatorFrom(flags('--local', '--local-expire', '90', '--local-seed', '7'))).toEqual({
      seed: 7,
      faults: { expireAfterMs: 90_000 },
    });
  });
});
