// Turns how an ffmpeg decode ended into the one error a user should see, or none. Pure: the
// process is gone by the time this runs; only numbers and ffmpeg's words remain.
import { TranscribeError } from '../errors.js';
import type { FfmpegLogFacts } from './ffmpeg-log.js';

export interface DecodeOutcome {
  /** How the input is named in messages: its path, or `stdin`. */
  label: string;
  fromStdin: boolean;
  /** The name ffmpeg was given (`file:…`, `pipe:0`), stripped from its lines. */
  ffmpegInput: string;
  exitCode: number | null;
  exitSignal: string | null;
  /** kill() or the abort signal ended the decode: not an error. */
  stopped: boolean;
  decodedSeconds: number;
  /** File size, or bytes received on stdin, when known. */
  inputBytes: number | undefined;
  declaredSeconds: number | undefined;
  facts: FfmpegLogFacts;
}

const MAX_QUOTE = 160;
const INVALID_DATA = /Invalid data found when processing input/;
// Decoded short of the declared length by more than both of these: the input was cut. Codec
// padding and rounding stay well inside them.
const TRUNCATION_SLACK_SECONDS = 0.5;
const TRUNCATION_RATIO = 0.97;

export function outcomeError(o: DecodeOutcome): TranscribeError | undefined {
  if (o.stopped) return undefined;
  const input = o.label;
  const decodedNothing = o.decodedSeconds === 0;

  if (decodedNothing && o.inputBytes === 0) {
    return new TranscribeError(
      'INPUT_EMPTY',
      o.fromStdin ? `input is empty (${input}): no bytes arrived` : `input is empty (${input}): the file has 0 bytes`,
      {
        hint: o.fromStdin
          ? 'check the command piping audio into realtime-transcribe'
          : 'the file holds no audio; was it fully written or copied?',
      },
    );
  }

  if (o.exitCode !== 0) {
    if (o.facts.receivedSignal || (o.exitSignal !== null && o.exitCode === null)) {
      return new TranscribeError(
        'INTERRUPTED',
        `decoding was interrupted (${input}): ffmpeg received ${o.exitSignal ?? 'a signal'}`,
      );
    }
    const last = o.facts.lastError ?? '';
    if (/does not contain any stream|matches no streams/.test(last)) {
      return new TranscribeError(
        'INPUT_NOT_AUDIO',
        `not an audio file (${input}): ffmpeg found no audio stream in it`,
        {
          hint: o.facts.hasVideo ? 'it is a video without a sound track' : 'pass a file with an audio track',
        },
      );
    }
    // "Invalid data found" is ffmpeg's summary for any input it could not open. Alone, it means
    // ffmpeg recognised nothing; after a demuxer's own complaint (a cut MP4's "moov atom not
    // found"), it was a damaged file of a known kind, and the complaint is the news.
    const first = o.facts.firstError;
    const cause = first && first !== last && !INVALID_DATA.test(first) ? first : undefined;
    if (decodedNothing && INVALID_DATA.test(last) && !cause) {
      return new TranscribeError(
        'INPUT_NOT_AUDIO',
        `not an audio file (${input}): ffmpeg says "${quote(last, o.ffmpegInput)}"`,
        {
          hint: o.fromStdin
            ? 'if stdin carries raw PCM (e.g. arecord -t raw), describe it: `rawInput.encoding: s16le|f32le|mulaw` `rawInput.sampleRate: HZ` (and `rawInput.channels: N` if not 1)'
            : 'pass an audio (or video) file ffmpeg can read; the file may also be damaged',
        },
      );
    }
    const said = quote(decodedNothing ? (cause ?? last) : last, o.ffmpegInput);
    return new TranscribeError(
      'INPUT_UNREADABLE',
      said
        ? `cannot decode input (${input}): ffmpeg says "${said}"`
        : `cannot decode input (${input}): ffmpeg exited with code ${o.exitCode}`,
      {
        hint: o.fromStdin
          ? 'check the format of what is piped in; raw PCM needs `rawInput.encoding: s16le|f32le|mulaw` `rawInput.sampleRate: HZ` (and `rawInput.channels: N` if not 1)'
          : 'the file may be damaged or incomplete; run ffmpeg -i on it for the full report',
      },
    );
  }

  if (decodedNothing) {
    return new TranscribeError('INPUT_EMPTY', `input has no audio (${input}): ffmpeg decoded 0 samples`, {
      hint: 'the audio track is empty',
    });
  }

  const declared = o.declaredSeconds;
  if (
    declared !== undefined &&
    o.decodedSeconds < declared - TRUNCATION_SLACK_SECONDS &&
    o.decodedSeconds < declared * TRUNCATION_RATIO
  ) {
    return new TranscribeError(
      'INPUT_TRUNCATED',
      `input ends early (${input}): decoded ${o.decodedSeconds.toFixed(1)} s of the ${declared.toFixed(1)} s its header declares`,
      {
        hint: 'the file was cut short (an interrupted copy, download or recording); what was decoded was still transcribed',
      },
    );
  }
  return undefined;
}

// The seconds a truncation check should trust: a WAV header's own figure first, then ffmpeg's
// Duration line unless ffmpeg only estimated it or the container also holds (possibly longer) video.
export function trustedDeclaredSeconds(wavSeconds: number | undefined, facts: FfmpegLogFacts): number | undefined {
  if (wavSeconds !== undefined) return wavSeconds;
  if (facts.durationEstimated || facts.hasVideo) return undefined;
  return facts.durationSeconds ?? undefined;
}

function quote(line: string | undefined, ffmpegInput: string): string {
  if (!line) return '';
  let text = line.trim();
  if (text.startsWith(`${ffmpegInput}: `)) text = text.slice(ffmpegInput.length + 2);
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE - 1)}…` : text;
}
