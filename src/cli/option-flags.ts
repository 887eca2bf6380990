// The library names the option at fault (`chunkMs must be between 10 and 100, got 5`); a person
// at the command line set a flag, so the CLI says the flag instead.
import { isTranscribeError, TranscribeError } from '../index.js';

export const OPTION_FLAGS: Readonly<Record<string, string>> = {
  chunkMs: '--chunk-ms',
  speed: '--speed',
  catchUpFactor: '--catch-up',
  rotateAfterMs: '--rotate-after',
  replayLimitMs: '--replay-limit',
  pingIntervalMs: '--ping-interval',
  watchdogMs: '--watchdog',
  drainTimeoutMs: '--drain-timeout',
  maxAttempts: '--max-attempts',
  noiseReduction: '--noise-reduction',
  turnDetection: '--turn-detection',
  'turnDetection.type': '--turn-detection',
  'turnDetection.threshold': '--vad-threshold',
  'turnDetection.silence_duration_ms': '--vad-silence',
  'turnDetection.prefix_padding_ms': '--vad-prefix',
  language: '--language',
  prompt: '--prompt',
  provider: '--provider',
  endpoint: '--endpoint',
  apiKey: '--api-key',
  token: '--token',
  tokenCommand: '--token-command',
  tokenMaxAgeMs: '--token-max-age',
  azureCredential: '--azure-credential',
  tokenScope: '--token-scope',
  deployment: '--deployment',
  model: '--model',
  ffmpegPath: '--ffmpeg',
  logEventsPath: '--log-events',
  'rawInput.encoding': '--input-format',
  'rawInput.sampleRate': '--sample-rate',
  'rawInput.channels': '--channels',
};

/** The error as the CLI prints it: the option's name replaced by its flag, in message and hint. */
export function withFlagNames(error: unknown): unknown {
  if (!isTranscribeError(error) || error.option === undefined) return error;
  const flag = OPTION_FLAGS[error.option];
  if (flag === undefined) return error;
  const name = new RegExp(`(?<![\\w.-])${error.option.replace(/\./g, '\\.')}(?![\\w.])`, 'g');
  const message = error.message.replace(name, flag);
  const hint = error.hint?.replace(name, flag);
  return new TranscribeError(error.code, message, { hint, cause: error.cause, option: error.option });
}
