// From parsed flags to library options. Every bad value is a usage error naming the flag.
import type { DetectorKind, RawInputFormat, Sensitivity, TranscribeOptions, TurnDetection } from '../index.js';
import type { CueOptions, OutputFormat } from '../transcript/index.js';
import type { CliFlags } from './commands/transcribe.js';
import { durationFlag, numberFlag, usageError } from './flags.js';

export function transcribeOptionsFrom(flags: CliFlags): TranscribeOptions {
  checkLocal(flags);
  const turnDetection = turnDetectionFrom(flags);
  const options: TranscribeOptions = {
    chunkMs: numberFlag(
      '--chunk-ms',
      flags.chunkMs,
      10,
      100,
      true,
      'the Realtime guidance says 20 to 50 ms per append; the default is 40',
    ),
    speed: positive('--speed', flags.speed, 1000),
    catchUpFactor: numberFlag('--catch-up', flags.catchUp, 1, 10),
    rotateAfterMs: durationFlag('--rotate-after', flags.rotateAfter, 10_000, 28 * 60_000, '8m'),
    replayLimitMs: durationFlag('--replay-limit', flags.replayLimit, 5_000, 4 * 3_600_000, '10m'),
    pingIntervalMs: durationFlag('--ping-interval', flags.pingInterval, 0, 600_000, '15s'),
    watchdogMs: durationFlag('--watchdog', flags.watchdog, 1_000, 3_600_000, '20s'),
    drainTimeoutMs: durationFlag('--drain-timeout', flags.drainTimeout, 1_000, 3_600_000, '30s'),
    maxAttempts: numberFlag('--max-attempts', flags.maxAttempts, 1, 1000, true),
    noiseReduction: flags.noiseReduction === 'none' ? null : (flags.noiseReduction as 'near_field' | 'far_field'),
  };
  // Unset, the model decides (the model table): only a choice the user made is passed on.
  if (turnDetection !== undefined) options.turnDetection = turnDetection;
  if (flags.prompt) options.prompt = flags.prompt;
  // One language is `language`, which every model takes; several are `languages`.
  const languages = listFlag(flags.language) ?? [];
  if (languages.length === 1) options.language = languages[0];
  else if (languages.length > 1) options.languages = languages;
  const keywords = listFlag(flags.keywords);
  if (keywords?.length === 0)
    throw usageError(
      `--keywords takes words or phrases separated by commas (${flags.keywords})`,
      'for example --keywords ACME,Contoso',
    );
  if (keywords !== undefined) options.keywords = keywords;
  if (flags.delay !== undefined) options.delay = flags.delay as NonNullable<TranscribeOptions['delay']>;
  if (flags.logprobs) options.logprobs = true;
  if (flags.provider) options.provider = flags.provider;
  if (flags.endpoint) options.endpoint = flags.endpoint;
  if (flags.apiKey) options.apiKey = flags.apiKey;
  if (flags.token) options.token = flags.token;
  if (flags.tokenCommand !== undefined) options.tokenCommand = flags.tokenCommand;
  if (flags.tokenMaxAge !== undefined)
    options.tokenMaxAgeMs = durationFlag('--token-max-age', flags.tokenMaxAge, 10_000, 3_600_000, '5m');
  if (flags.azureCredential) options.azureCredential = true;
  if (flags.tokenScope !== undefined) options.tokenScope = flags.tokenScope;
  if (flags.deployment) options.deployment = flags.deployment;
  if (flags.model) options.model = flags.model;
  if (flags.ffmpeg) options.ffmpegPath = flags.ffmpeg;
  if (flags.proxy !== undefined) options.proxy = flags.proxy;
  if (flags.logEvents) options.logEventsPath = flags.logEvents;
  options.parallel =
    flags.parallel === 'auto'
      ? 'auto'
      : numberFlag('--parallel', flags.parallel, 1, 16, true, 'or auto: one span per 10 minutes of audio, up to 4');
  if (flags.skipSilence !== undefined) options.skipSilence = flags.skipSilence ? 'on' : 'off';
  options.speechDetector = flags.speechDetector as DetectorKind;
  options.speechSensitivity = flags.speechSensitivity as Sensitivity;
  if (flags.normalize) options.normalize = true;
  const rawInput = rawInputFrom(flags);
  if (rawInput) options.rawInput = rawInput;
  return options;
}

// Subtitle layout applies to the cue formats only: asked for with none of them, it would do nothing.
export function cueOptionsFrom(flags: CliFlags, formats: readonly OutputFormat[]): CueOptions | undefined {
  const given = [
    flags.maxLineWidth !== undefined ? '--max-line-width' : undefined,
    flags.maxLines !== undefined ? '--max-lines' : undefined,
  ].filter((f): f is string => f !== undefined);
  if (given.length === 0) return undefined;
  if (!formats.includes('srt') && !formats.includes('vtt')) {
    throw usageError(
      `${given.join(' and ')} ${given.length > 1 ? 'lay' : 'lays'} out subtitles, but --format is ${formats.join(',')}`,
      'add srt or vtt to --format, e.g. --format srt',
    );
  }
  const cue: CueOptions = {};
  const width = numberFlag('--max-line-width', flags.maxLineWidth, 10, 1000, true, 'for example --max-line-width 32');
  const lines = numberFlag('--max-lines', flags.maxLines, 1, 10, true, 'for example --max-lines 1');
  if (width !== undefined) cue.maxLineChars = width;
  if (lines !== undefined) cue.maxLines = lines;
  return cue;
}

// A comma-separated list, blanks dropped: `en, fr` is [en, fr].
function listFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function positive(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > max) {
    throw usageError(`${flag} takes a number above 0 and up to ${max} (${value})`, `${flag} 1 is real time`);
  }
  return n;
}

// --local starts an emulator in place of the service: a service named as well is a mistake that
// would otherwise be silently ignored (and exit 0). Only flags count, never the environment.
function checkLocal(flags: CliFlags): void {
  if (!flags.local) return;
  const service = [
    flags.endpoint !== undefined ? '--endpoint' : undefined,
    flags.apiKey !== undefined ? '--api-key' : undefined,
    flags.token !== undefined ? '--token' : undefined,
    flags.tokenCommand !== undefined ? '--token-command' : undefined,
    flags.tokenMaxAge !== undefined ? '--token-max-age' : undefined,
    flags.azureCredential ? '--azure-credential' : undefined,
    flags.tokenScope !== undefined ? '--token-scope' : undefined,
    flags.proxy !== undefined ? '--proxy' : undefined,
  ].filter((f): f is string => f !== undefined);
  if (service.length === 0) return;
  throw usageError(
    `--local uses the built-in emulator and cannot be combined with ${service.join(', ')}`,
    `drop --local to use the service, or drop ${service.join(', ')} to use the emulator`,
  );
}

// Undefined when the user chose nothing, so that the model table can decide.
function turnDetectionFrom(flags: CliFlags): TurnDetection | undefined {
  const vadFlags = [
    flags.vadThreshold !== undefined ? '--vad-threshold' : undefined,
    flags.vadSilence !== undefined ? '--vad-silence' : undefined,
    flags.vadPrefix !== undefined ? '--vad-prefix' : undefined,
  ].filter((f): f is string => f !== undefined);
  // --vad-eagerness is semantic VAD's one setting: it chooses semantic VAD unless told otherwise.
  if (flags.vadEagerness !== undefined) {
    const other = vadFlags.length > 0 ? vadFlags.join(', ') : undefined;
    if ((flags.turnDetection ?? 'semantic_vad') !== 'semantic_vad' || other !== undefined) {
      throw usageError(
        other !== undefined
          ? `--vad-eagerness sets semantic VAD, but ${other} set server VAD`
          : `--vad-eagerness sets semantic VAD, but --turn-detection is ${flags.turnDetection}`,
        'semantic VAD takes only --vad-eagerness; server VAD takes --vad-threshold, --vad-silence and --vad-prefix',
      );
    }
    return { type: 'semantic_vad', eagerness: flags.vadEagerness as 'low' | 'medium' | 'high' | 'auto' };
  }
  if (flags.turnDetection === undefined && vadFlags.length === 0) return undefined;
  if (flags.turnDetection === 'none' || flags.turnDetection === 'semantic_vad') {
    if (vadFlags.length > 0) {
      throw usageError(
        `${vadFlags.join(', ')} set server VAD, but --turn-detection is ${flags.turnDetection}`,
        'drop them, or use --turn-detection server_vad',
      );
    }
    return flags.turnDetection === 'none' ? null : { type: 'semantic_vad', eagerness: 'auto' };
  }
  return {
    type: 'server_vad',
    threshold: numberFlag(
      '--vad-threshold',
      flags.vadThreshold ?? '0.5',
      0,
      1,
      false,
      'the default is 0.5; raise it in a noisy room, lower it for quiet speech',
    ),
    silence_duration_ms: numberFlag('--vad-silence', flags.vadSilence ?? '500', 100, 5000, true),
    prefix_padding_ms: numberFlag('--vad-prefix', flags.vadPrefix ?? '300', 0, 2000, true),
  };
}

// Headerless PCM (arecord -t raw, sox -t raw) cannot say its own layout: the flags say it.
function rawInputFrom(flags: CliFlags): RawInputFormat | undefined {
  if (!flags.inputFormat) {
    if (flags.sampleRate || flags.channels)
      throw usageError('--sample-rate and --channels describe headerless input: add --input-format s16le|f32le|mulaw');
    return undefined;
  }
  // Missing is its own message: an empty value in "from 8000 to 192000 ()" told no one what to add.
  if (flags.sampleRate === undefined) {
    throw usageError(
      `--input-format ${flags.inputFormat} needs --sample-rate (none given)`,
      `add the rate the audio was recorded at, e.g. --input-format ${flags.inputFormat} --sample-rate 16000`,
    );
  }
  const rate = numberFlag('--sample-rate', flags.sampleRate, 8000, 192000, true, 'for example --sample-rate 16000');
  const channels = numberFlag('--channels', flags.channels ?? '1', 1, 8, true);
  return { encoding: flags.inputFormat as RawInputFormat['encoding'], sampleRate: rate, channels };
}
