// The library names options; the CLI says the flag a person set.
import { describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/index.js';
import { OPTION_FLAGS, withFlagNames, withFlagText } from '../../src/cli/option-flags.js';

describe('withFlagNames', () => {
  it('puts the flag in place of the option, in the message and the hint', () => {
    const error = new TranscribeError('USAGE', 'chunkMs must be a whole number between 10 and 100, got 5', {
      option: 'chunkMs',
      hint: 'chunkMs: 20 to 50',
    });
    const shown = withFlagNames(error) as TranscribeError;
    expect(shown.message).toBe('--chunk-ms must be a whole number between 10 and 100, got 5');
    expect(shown.hint).toBe('--chunk-ms: 20 to 50');
    expect(shown.code).toBe('USAGE');
  });

  it('maps nested options to their own flags', () => {
    const error = new TranscribeError('USAGE', 'turnDetection.threshold must be between 0 and 1, got 2', {
      option: 'turnDetection.threshold',
    });
    expect((withFlagNames(error) as Error).message).toBe('--vad-threshold must be between 0 and 1, got 2');
  });

  it('says ffmpeg came from --ffmpeg, as the CLI always did', () => {
    const error = new TranscribeError('FFMPEG_NOT_FOUND', 'ffmpeg given by ffmpegPath is not an executable file (/x)', {
      option: 'ffmpegPath',
      hint: 'point ffmpegPath at an ffmpeg binary, or leave it unset to use an installed one',
    });
    const shown = withFlagNames(error) as TranscribeError;
    expect(shown.message).toBe('ffmpeg given by --ffmpeg is not an executable file (/x)');
    expect(shown.hint).toBe('point --ffmpeg at an ffmpeg binary, or leave it unset to use an installed one');
  });

  it('leaves errors without an option, or with one that has no flag, as they are', () => {
    const plain = new TranscribeError('INPUT_EMPTY', 'no audio');
    expect(withFlagNames(plain)).toBe(plain);
    const unmapped = new TranscribeError('USAGE', 'maxBufferedEvents must be…', { option: 'maxBufferedEvents' });
    expect(withFlagNames(unmapped)).toBe(unmapped);
    expect(OPTION_FLAGS.maxBufferedEvents).toBeUndefined();
  });
});

describe('withFlagNames, for errors about several options', () => {
  it('rewrites every camelCase option name, and plain words only for the option at fault', () => {
    const error = new TranscribeError(
      'CONFIG_INVALID',
      'tokenScope applies only with azureCredential; the token and the model are fine',
      {
        hint: 'add azureCredential, or drop tokenScope',
      },
    );
    const shown = withFlagNames(error) as TranscribeError;
    expect(shown.message).toBe('--token-scope applies only with --azure-credential; the token and the model are fine');
    expect(shown.hint).toBe('add --azure-credential, or drop --token-scope');
  });
});

describe('withFlagText', () => {
  it('puts the flag in place of an option in backticks, plain words included', () => {
    expect(withFlagText('the token (`token` or AZURE_OPENAI_AD_TOKEN) contains spaces')).toBe(
      'the token (--token or AZURE_OPENAI_AD_TOKEN) contains spaces',
    );
    expect(withFlagText('`prompt` ignored: gpt-realtime-whisper takes no prompt')).toBe(
      '--prompt ignored: gpt-realtime-whisper takes no prompt',
    );
  });

  it('writes `option: value` as the flag and its value, with null as none', () => {
    expect(withFlagText('set it with `turnDetection.threshold` (0 to 1), or `turnDetection: null`')).toBe(
      'set it with --vad-threshold (0 to 1), or --turn-detection none',
    );
    expect(withFlagText('set it with `noiseReduction: near_field|far_field|null`')).toBe(
      'set it with --noise-reduction near_field|far_field|none',
    );
    expect(withFlagText('pass `endpoint: https://RESOURCE.openai.azure.com` (or `provider: azure`)')).toBe(
      'pass --endpoint https://RESOURCE.openai.azure.com (or --provider azure)',
    );
  });

  it('leaves plain words outside backticks, and names it does not know, as they are', () => {
    expect(withFlagText('the endpoint has a model parameter; `maxBufferedEvents` and `nothing` stay')).toBe(
      'the endpoint has a model parameter; `maxBufferedEvents` and `nothing` stay',
    );
    expect(withFlagText('model stays, `model` does not', ['model'])).toBe('--model stays, --model does not');
  });
});
