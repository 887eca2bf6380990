// Reads ffmpeg's stderr (run with `-loglevel level+info`) line by line and keeps what the decoder
// needs, in bounded memory: the Duration line, whether that duration was only estimated, whether
// the input has a real video stream, warnings, the last error, and a short tail for reports.
import { defined } from '../util/must.js';

export interface FfmpegLogFacts {
  /** Seconds from the first `Duration:` line; null once ffmpeg said `N/A` or moved past it. */
  durationSeconds: number | null | undefined;
  /** ffmpeg guessed the duration from the bitrate (file size), so it proves nothing. */
  durationEstimated: boolean;
  /** A video stream other than cover art: the container duration may exceed the audio's. */
  hasVideo: boolean;
  /** The last line ffmpeg logged at error level or worse, without its `[component @ 0x…]` prefix
   *  (an ffmpeg that ignores `level+` tags nothing: then the last line that is not chatter). */
  lastError: string | undefined;
  /** The first such line: often the demuxer's own complaint, before ffmpeg's generic summary. */
  firstError: string | undefined;
  /** ffmpeg reported stopping because of a signal ("Exiting normally, received signal 2"). */
  receivedSignal: boolean;
}

interface FfmpegLine {
  level: string | undefined;
  text: string;
}

const TAIL_BYTES = 8 * 1024;
const MAX_LINE = 1000;
const MAX_WARNINGS = 20;
// Said about every headerless-layout WAV; never news to the user.
const NOISE = [/^Guessed Channel Layout/];
// Closing words that follow the real error and explain nothing.
const GENERIC = [/^Conversion failed!?$/, /^Exiting normally/, /^size=/, /^video:\d+kB audio:/];

/** What a log says before it has said anything. */
export function noFfmpegFacts(): FfmpegLogFacts {
  return {
    durationSeconds: undefined,
    durationEstimated: false,
    hasVideo: false,
    lastError: undefined,
    firstError: undefined,
    receivedSignal: false,
  };
}

export class FfmpegLog {
  readonly facts: FfmpegLogFacts = noFfmpegFacts();
  readonly #warnings = new Set<string>();
  #tail: string[] = [];
  #tailBytes = 0;
  #partial = '';
  #lastUntagged: string | undefined;
  readonly #onDuration: (seconds: number | undefined) => void;

  /** `onDuration` is called once, as soon as the duration is known or known to be unknown. */
  constructor(onDuration: (seconds: number | undefined) => void = () => {}) {
    this.#onDuration = onDuration;
  }

  /** Feed stderr text as it arrives; lines may be split across calls. */
  write(text: string): void {
    const pieces = (this.#partial + text).split(/\r\n|\r|\n/);
    this.#partial = (pieces.pop() ?? '').slice(0, MAX_LINE); // split gives one piece at least
    for (const piece of pieces) this.#line(piece);
  }

  /** Call when stderr ends. */
  end(): void {
    if (this.#partial) this.#line(this.#partial);
    this.#partial = '';
    this.facts.lastError ??= this.#lastUntagged;
    this.facts.firstError ??= this.#lastUntagged;
    this.#settleDuration(null);
  }

  /** Warnings and non-fatal errors, de-duplicated, at most 20. */
  get warnings(): string[] {
    return [...this.#warnings];
  }

  /** The last lines (about 8 KB), for a report. */
  get tail(): string {
    return this.#tail.join('\n');
  }

  #line(raw: string): void {
    const line = raw.slice(0, MAX_LINE);
    if (!line.trim()) return;
    this.#remember(line);
    const { level, text } = parseLine(line);

    if (this.facts.durationSeconds === undefined) {
      const duration = /^\s*Duration: (?:(\d+):(\d\d):(\d\d(?:\.\d+)?)|N\/A)/.exec(text);
      if (duration) {
        this.#settleDuration(
          duration[1] === undefined
            ? null
            : Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3]),
        );
      } else if (/^(?:Stream mapping:|Output #\d)/.test(text)) {
        this.#settleDuration(null);
      }
    }
    if (/Estimating duration from bitrate/.test(text)) this.facts.durationEstimated = true;
    if (/^\s*Stream #\d+:\d+.*: Video: /.test(text) && !/\(attached pic\)/.test(text)) this.facts.hasVideo = true;
    if (/received signal \d+/.test(text)) this.facts.receivedSignal = true;

    const generic = GENERIC.some((re) => re.test(text));
    if (!generic && (level === 'error' || level === 'fatal' || level === 'panic')) {
      this.facts.lastError = text;
      this.facts.firstError ??= text;
    }
    if (!generic && level === undefined && !/^\s/.test(text)) this.#lastUntagged = text;
    if ((level === 'warning' || level === 'error') && !NOISE.some((re) => re.test(text))) {
      if (this.#warnings.size < MAX_WARNINGS) this.#warnings.add(text);
    }
  }

  #remember(line: string): void {
    this.#tail.push(line);
    this.#tailBytes += line.length + 1;
    while (this.#tailBytes > TAIL_BYTES && this.#tail.length > 1) {
      const oldest = defined(this.#tail.shift(), 'oldest tail line');
      this.#tailBytes -= oldest.length + 1;
    }
  }

  #settleDuration(seconds: number | null): void {
    if (this.facts.durationSeconds !== undefined) return;
    this.facts.durationSeconds = seconds;
    this.#onDuration(seconds ?? undefined);
  }
}

// `[wav @ 0x55d…] [warning] text` → { level: 'warning', text }. Lines from an ffmpeg that did not
// honour `level+` have no level and are still read for their text.
export function parseLine(line: string): FfmpegLine {
  const match =
    /^(?:\[[^\]]* @ (?:0x)?[0-9a-fA-F]+\] )?(?:\[(trace|debug|verbose|info|warning|error|fatal|panic|quiet)\] )?(.*)$/.exec(
      line,
    );
  return { level: match?.[1], text: match?.[2] ?? line };
}
