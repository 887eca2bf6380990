// How a stdin decode done in JS ended, as the one error a user should see, or none. Pure. The
// wording and the truncation allowance are decode-outcome's, so a user sees the same line
// whichever decoder ran.
import { TranscribeError } from '../errors.js';
import { outcomeError } from './decode-outcome.js';
import { noFfmpegFacts } from './ffmpeg-log.js';

export interface StdinOutcome {
  stopped: boolean;
  /** Bytes that arrived, header included. */
  inputBytes: number;
  decodedSeconds: number;
  /** What a WAV header declared; undefined for raw input and streaming placeholders. */
  declaredSeconds: number | undefined;
  /** Set when a WAV header arrived (for the message when no samples followed it). */
  wav: boolean;
}

export function stdinOutcomeError(o: StdinOutcome): TranscribeError | undefined {
  if (o.stopped) return undefined;
  if (o.inputBytes > 0 && o.decodedSeconds === 0) {
    return new TranscribeError(
      'INPUT_EMPTY',
      o.wav
        ? 'input has no audio (stdin): a WAV header arrived, then no samples'
        : `input has no audio (stdin): ${o.inputBytes} byte${o.inputBytes === 1 ? '' : 's'} arrived, not one whole sample frame`,
      { hint: 'check the command piping audio into realtime-transcribe' },
    );
  }
  // With an exit code of 0 and nothing from ffmpeg, only the empty and truncated cases remain.
  return outcomeError({
    label: 'stdin',
    fromStdin: true,
    ffmpegInput: 'pipe:0',
    exitCode: 0,
    exitSignal: null,
    stopped: false,
    decodedSeconds: o.decodedSeconds,
    inputBytes: o.inputBytes,
    declaredSeconds: o.declaredSeconds,
    facts: noFfmpegFacts(),
  });
}
