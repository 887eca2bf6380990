// The library's messages name its options; the CLI prints the same messages with the flags a
// person set. Each case makes the real library error, then checks both texts.
import { describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/errors.js';
import { withFlagNames, withFlagText } from '../../src/cli/option-flags.js';
import { azureCredentialSource } from '../../src/auth/azure-credential.js';
import type { RunCommand } from '../../src/auth/run-command.js';
import { tokenCommandSource } from '../../src/auth/token-command.js';
import { configRejectedError } from '../../src/realtime/config-rejected.js';
import { resolveEndpoint, type EndpointOptions } from '../../src/realtime/endpoint.js';
import { resolveModelSettings } from '../../src/realtime/models.js';
import { ConnectError } from '../../src/realtime/transport-types.js';
import { closeRefusal, serviceRefusal, wrongDeployment } from '../../src/transcriber/failure.js';
import { handshakeError } from '../../src/transcriber/handshake-error.js';
import { ReplayBuffer } from '../../src/transcriber/replay-buffer.js';

const KEY = 'azkey-0123456789abcdef';
const AZURE = 'https://res.openai.azure.com';
const URL = 'wss://res.openai.azure.com/openai/v1/realtime?intent=transcription';

interface Texts {
  message?: string;
  hint?: string;
}

// The library's words, then the CLI's, for the same error.
function expectBoth(error: unknown, library: Texts, cli: Texts): void {
  expect(error).toBeInstanceOf(TranscribeError);
  const shown = withFlagNames(error) as TranscribeError;
  const original = error as TranscribeError;
  if (library.message !== undefined) expect(original.message).toBe(library.message);
  if (library.hint !== undefined) expect(original.hint).toBe(library.hint);
  if (cli.message !== undefined) expect(shown.message).toBe(cli.message);
  if (cli.hint !== undefined) expect(shown.hint).toBe(cli.hint);
  expect(shown.code).toBe(original.code);
}

function endpointError(opts: EndpointOptions, env: NodeJS.ProcessEnv = {}): unknown {
  try {
    resolveEndpoint(opts, env);
  } catch (error) {
    return error;
  }
  throw new Error('resolveEndpoint did not throw');
}

describe('credential and endpoint messages', () => {
  it('no key for Azure', () => {
    expectBoth(
      endpointError({ endpoint: AZURE, deployment: 'd' }),
      {
        message:
          'no API key for Azure OpenAI: pass `apiKey` or set AZURE_OPENAI_API_KEY (for Microsoft Entra ID: `azureCredential`, `tokenCommand`, or `token` / AZURE_OPENAI_AD_TOKEN)',
      },
      {
        message:
          'no API key for Azure OpenAI: pass --api-key or set AZURE_OPENAI_API_KEY (for Microsoft Entra ID: --azure-credential, --token-command, or --token / AZURE_OPENAI_AD_TOKEN)',
      },
    );
  });

  it('a token with a space: the word token stays, the option becomes --token', () => {
    expectBoth(
      endpointError({ endpoint: AZURE, deployment: 'd', token: 'two words' }),
      { message: 'the token (`token` or AZURE_OPENAI_AD_TOKEN) contains spaces, line breaks or non-ASCII characters' },
      { message: 'the token (--token or AZURE_OPENAI_AD_TOKEN) contains spaces, line breaks or non-ASCII characters' },
    );
  });

  it('two credentials', () => {
    expectBoth(
      endpointError({ endpoint: AZURE, deployment: 'd', apiKey: KEY, token: 't' }),
      {
        message: 'both `apiKey` and `token` were given: pass one of them',
        hint: 'use `apiKey` for a resource key, or one of `azureCredential`, `tokenCommand`, `token` for Microsoft Entra ID',
      },
      {
        message: 'both --api-key and --token were given: pass one of them',
        hint: 'use --api-key for a resource key, or one of --azure-credential, --token-command, --token for Microsoft Entra ID',
      },
    );
  });

  it('a scope or a max age without their credential, an empty command', () => {
    expectBoth(
      endpointError({ endpoint: AZURE, deployment: 'd', tokenScope: 'https://ai.azure.com/.default' }),
      {
        message: '`tokenScope` (https://ai.azure.com/.default) applies only with `azureCredential`',
        hint: 'add `azureCredential`, or drop `tokenScope`',
      },
      {
        message: '--token-scope (https://ai.azure.com/.default) applies only with --azure-credential',
        hint: 'add --azure-credential, or drop --token-scope',
      },
    );
    expectBoth(
      endpointError({ endpoint: AZURE, deployment: 'd', apiKey: KEY, tokenMaxAgeMs: 60_000 }),
      { message: '`tokenMaxAgeMs` applies only with `tokenCommand`' },
      {
        message: '--token-max-age applies only with --token-command',
        hint: 'add --token-command, or drop --token-max-age',
      },
    );
    expectBoth(
      endpointError({ endpoint: AZURE, deployment: 'd', tokenCommand: ' ' }),
      { message: '`tokenCommand` is empty' },
      {
        message: '--token-command is empty',
        hint: 'for example --token-command "az account get-access-token --resource https://cognitiveservices.azure.com --query accessToken -o tsv"',
      },
    );
  });

  it('azureCredential on OpenAI', () => {
    expectBoth(
      endpointError({ provider: 'openai', apiKey: undefined, azureCredential: true }, { OPENAI_API_KEY: 'sk-x' }),
      {
        message: '`azureCredential` is for Azure OpenAI, but the provider is openai',
        hint: 'pass `endpoint: https://RESOURCE.openai.azure.com` (or `provider: azure`), or use `apiKey` for OpenAI',
      },
      {
        message: '--azure-credential is for Azure OpenAI, but the provider is openai',
        hint: 'pass --endpoint https://RESOURCE.openai.azure.com (or --provider azure), or use --api-key for OpenAI',
      },
    );
  });

  it('no service at all: the CLI hint is --local', () => {
    expectBoth(
      endpointError({}),
      {
        message:
          'no Realtime service configured: pass `endpoint` and `deployment` (or set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT) for Azure OpenAI, or set OPENAI_API_KEY for OpenAI',
        hint: 'to try it without credentials, pass the `endpoint` of an emulator (startEmulator from realtime-transcribe/emulator)',
      },
      {
        message:
          'no Realtime service configured: pass --endpoint and --deployment (or set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT) for Azure OpenAI, or set OPENAI_API_KEY for OpenAI',
        hint: 'to try it without credentials, run with --local (a built-in emulator)',
      },
    );
  });

  it('an unknown provider, a malformed endpoint, a missing deployment', () => {
    expectBoth(
      endpointError({ provider: 'google' as never }),
      {
        message: 'unknown provider (google): expected azure or openai (`provider`)',
        hint: 'pass `provider: azure` or `provider: openai`',
      },
      {
        message: 'unknown provider (google): expected azure or openai (--provider)',
        hint: 'pass --provider azure or --provider openai',
      },
    );
    expectBoth(
      endpointError({ endpoint: 'htp:/x', apiKey: KEY, deployment: 'd' }),
      {
        message:
          'malformed endpoint (htp:/x): expected https://RESOURCE.openai.azure.com (`endpoint` or AZURE_OPENAI_ENDPOINT)',
      },
      {
        message:
          'malformed endpoint (htp:/x): expected https://RESOURCE.openai.azure.com (--endpoint or AZURE_OPENAI_ENDPOINT)',
      },
    );
    expectBoth(
      endpointError({ endpoint: AZURE, apiKey: KEY }),
      {
        message:
          'no deployment for Azure OpenAI: pass `deployment` or set AZURE_OPENAI_DEPLOYMENT (the name of your transcription model deployment)',
      },
      {
        message:
          'no deployment for Azure OpenAI: pass --deployment or set AZURE_OPENAI_DEPLOYMENT (the name of your transcription model deployment)',
      },
    );
    expectBoth(
      endpointError({ provider: 'openai', endpoint: 'https://api.openai.com/v1/realtime?model=m', apiKey: 'sk-x' }),
      { hint: 'remove ?model=… from the URL and pass `model` instead' },
      { hint: 'remove ?model=… from the URL and pass --model instead' },
    );
  });

  it('the notice of a deployment in the URL', () => {
    const { notice } = resolveEndpoint({
      endpoint: `${AZURE}/openai/v1/realtime?deployment=u`,
      deployment: 'f',
      apiKey: KEY,
    });
    expect(notice).toContain('; `deployment` wins over deployment=u in the URL');
    expect(withFlagText(notice ?? '')).toContain('; --deployment wins over deployment=u in the URL');
  });

  it('a token command and azureCredential that fail', async () => {
    const run = (async () => ({ status: 0, signal: null, stdout: '', stderr: '', timedOut: false })) as RunCommand;
    const failed = await tokenCommandSource({ command: 'az', now: () => 0, run })
      .token()
      .catch((e: unknown) => e);
    expectBoth(
      failed,
      { message: '`tokenCommand` (az) printed no token' },
      { message: '--token-command (az) printed no token' },
    );
    const missing = Object.assign(new Error('not found'), { code: 'ERR_MODULE_NOT_FOUND' });
    const identity = await azureCredentialSource({ load: () => Promise.reject(missing) })
      .token()
      .catch((e: unknown) => e);
    expectBoth(
      identity,
      { message: '`azureCredential` needs the @azure/identity package, which is not installed' },
      {
        message: '--azure-credential needs the @azure/identity package, which is not installed',
        hint: 'install it next to realtime-transcribe (npm install @azure/identity), or use --token-command with az account get-access-token',
      },
    );
  });
});

describe('refused upgrades', () => {
  it.each([
    [
      'token',
      'the service rejected the token from `token` (401 from URL)',
      'the service rejected the token from --token (401 from URL)',
      'Entra ID tokens expire after about an hour: get a new one, or let --azure-credential or --token-command refresh it',
    ],
    [
      'AZURE_OPENAI_AD_TOKEN',
      'the service rejected the token from AZURE_OPENAI_AD_TOKEN (401 from URL)',
      'the service rejected the token from AZURE_OPENAI_AD_TOKEN (401 from URL)',
      'Entra ID tokens expire after about an hour: get a new one, or let --azure-credential or --token-command refresh it',
    ],
    [
      'azureCredential',
      'the service rejected the token from `azureCredential` (401 from URL)',
      'the service rejected the token from --azure-credential (401 from URL)',
      'a fresh token was refused too: check --token-scope, and that the identity has the Cognitive Services OpenAI User role on the resource',
    ],
    [
      'the token function',
      'the service rejected the token from the token function (401 from URL)',
      'the service rejected the token from the token function (401 from URL)',
      'a fresh token was refused too: check what the token function returns',
    ],
  ])('a 401 with the credential from %s', (label, library, cli, hint) => {
    const error = handshakeError(new ConnectError('refused', 401), URL, [], label);
    expectBoth(error, { message: library.replace('URL', URL) }, { message: cli.replace('URL', URL), hint });
  });

  it.each([
    [401, 'check --api-key / AZURE_OPENAI_API_KEY (or OPENAI_API_KEY)'],
    [
      403,
      "check --api-key / AZURE_OPENAI_API_KEY (or OPENAI_API_KEY); with --token, the identity needs the Cognitive Services OpenAI User role; check the resource's network rules",
    ],
    [404, 'check --endpoint / AZURE_OPENAI_ENDPOINT and --deployment / AZURE_OPENAI_DEPLOYMENT'],
    [400, 'check --endpoint (no api-version or model in the URL) and the provider'],
    [429, 'wait and try again; with --jobs, run fewer at once'],
    [405, 'check --endpoint / AZURE_OPENAI_ENDPOINT'],
  ])('%i: the CLI hint names the flags', (status, hint) => {
    const error = handshakeError(new ConnectError('refused', status), URL, [], 'apiKey');
    expect(error.hint).not.toMatch(/--/);
    expect((withFlagNames(error) as TranscribeError).hint).toBe(hint);
  });
});

describe('what the service refused', () => {
  it.each<[string | null, string]>([
    [
      'session.audio.input.turn_detection',
      'set it with --turn-detection: none (the client commits) for gpt-live-transcribe and gpt-realtime-whisper; semantic_vad is not supported everywhere',
    ],
    ['session.audio.input.turn_detection.threshold', 'set it with --vad-threshold (0 to 1), or --turn-detection none'],
    ['session.audio.input.turn_detection.silence_duration_ms', 'set it with --vad-silence, or --turn-detection none'],
    ['session.audio.input.turn_detection.prefix_padding_ms', 'set it with --vad-prefix, or --turn-detection none'],
    [
      'session.audio.input.transcription.language',
      'set it with --language (an ISO-639-1 code such as en), or leave it out',
    ],
    [
      'session.audio.input.transcription.prompt',
      'set it with --prompt, or leave it out (gpt-realtime-whisper takes no prompt)',
    ],
    [
      'session.audio.input.transcription.model',
      'set it with --deployment (Azure: the deployment name) or --model (OpenAI: the transcription model)',
    ],
    ['session.audio.input.noise_reduction.type', 'set it with --noise-reduction near_field|far_field|none'],
    ['session.audio.input.format.rate', 'no flag sets the audio format (always PCM16 24 kHz): please report this'],
    [
      'session.type',
      'the endpoint does not take transcription sessions: check --endpoint (…/v1/realtime?intent=transcription, no model in the URL)',
    ],
    [null, 'check --turn-detection, --language, --prompt, --noise-reduction and --deployment / --model'],
  ])('param %s: the CLI hint is as it always was', (param, hint) => {
    const error = configRejectedError({ type: 'invalid_request_error', message: 'no', param });
    expect(error.hint).not.toMatch(/--/);
    expect((withFlagNames(error) as TranscribeError).hint).toBe(hint);
  });

  it('refusals and a wrong deployment', () => {
    const detail = { type: 'invalid_request_error', code: 'invalid_model', message: 'no such model' };
    expectBoth(
      serviceRefusal(detail, { action: 'fail', code: 'CONFIG_INVALID', rule: 'x', reason: 'x' } as never),
      { hint: 'check `deployment` / `model` and the key; this will not get better by retrying' },
      { hint: 'check --deployment / --model and the key; this will not get better by retrying' },
    );
    expectBoth(
      closeRefusal(1008, 'policy'),
      { hint: 'the service refused what this client sent; run with `logEventsPath: FILE` and report it' },
      { hint: 'the service refused what this client sent; run with --log-events FILE and report it' },
    );
    expectBoth(
      wrongDeployment('d', undefined),
      {
        hint: 'on Azure `deployment` / AZURE_OPENAI_DEPLOYMENT must name the deployment of a transcription model (e.g. gpt-4o-transcribe)',
      },
      {
        hint: 'on Azure --deployment / AZURE_OPENAI_DEPLOYMENT must name the deployment of a transcription model (e.g. gpt-4o-transcribe)',
      },
    );
  });

  it('a full replay buffer', () => {
    const replay = new ReplayBuffer(48_000 * 2);
    replay.append(Buffer.alloc(48_000 * 2));
    let error: unknown;
    try {
      replay.append(Buffer.alloc(2));
    } catch (e) {
      error = e;
    }
    expectBoth(
      error,
      {
        message: 'replay buffer full: 2.0 s of audio are waiting for a transcript (`replayLimitMs: 2s`)',
        hint: 'the service has acknowledged nothing for too long; raise `replayLimitMs` to ride out longer outages',
      },
      {
        message: 'replay buffer full: 2.0 s of audio are waiting for a transcript (--replay-limit 2s)',
        hint: 'the service has acknowledged nothing for too long; raise --replay-limit to ride out longer outages',
      },
    );
  });
});

describe('warnings', () => {
  it('name the option in the library and the flag on the command line', () => {
    const prompt = resolveModelSettings({
      provider: 'openai',
      transcriptionModel: 'gpt-realtime-whisper',
      prompt: 'p',
    });
    expect(prompt.warnings).toEqual(['`prompt` ignored: gpt-realtime-whisper takes no prompt']);
    expect(prompt.warnings.map((w) => withFlagText(w))).toEqual([
      '--prompt ignored: gpt-realtime-whisper takes no prompt',
    ]);
    const vad = resolveModelSettings({
      provider: 'openai',
      transcriptionModel: 'gpt-live-transcribe',
      turnDetection: { type: 'semantic_vad' },
    });
    expect(vad.warnings.map((w) => withFlagText(w))).toEqual([
      'gpt-live-transcribe expects --turn-detection none; the service may reject semantic_vad',
    ]);
  });
});
