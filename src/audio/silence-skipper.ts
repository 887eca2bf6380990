// Client-side silence skipping: of every long silence only two pieces are sent, its start (so the
// service's turn detection sees the utterance end: its silence_duration_ms plus a margin) and its
// last few hundred ms (so a quiet onset after it keeps its prefix padding); the rest is reported
// as skipped, for the caller to map timestamps around and to count as locally silent.
//
// Pure and streaming: chunks in, decisions out, on the input's sample clock. Audio is held only
// while it is undecided (a silence not yet known to be long), so memory is bounded by the
// threshold, not by the input.
import { FrameJudge } from './frame-judge.js';
import { defined } from '../util/must.js';
import { BYTES_PER_SAMPLE, msToSamples } from './pcm-format.js';

export interface SilenceSkipOptions {
  /** A 10 ms frame below this RMS level is silent. Default −50 (policy `silenceDbfs`). */
  silenceDbfs?: number;
  /** Silences shorter than this are sent whole. Default 2000 ms. */
  minSilenceMs?: number;
  /** Kept at the start of a long silence (the hangover after sound), so the service's VAD can close
   *  the utterance: silence_duration_ms 500 plus a margin. Default 700 ms. */
  keepMs?: number;
  /** Kept at the end of a long silence, before sound resumes. Default 300 ms. */
  prefixMs?: number;
  /** Default 10 ms. */
  frameMs?: number;
}

export interface ResolvedSilenceSkip {
  silenceDbfs: number;
  minSilenceSamples: number;
  keepSamples: number;
  prefixSamples: number;
  frameSamples: number;
}

/** Input audio to send: `pcm` starts at input sample `inputStart`. It may share memory with a pushed chunk. */
export interface SendAudio {
  type: 'audio';
  inputStart: number;
  pcm: Buffer;
}

/** Input samples [from, to) are silence not sent. */
export interface SkipRange {
  type: 'skip';
  from: number;
  to: number;
}

export type SkipDecision = SendAudio | SkipRange;

export function resolveSilenceSkip(o: SilenceSkipOptions = {}): ResolvedSilenceSkip {
  const silenceDbfs = o.silenceDbfs ?? -50;
  const ms = (name: string, value: number) => {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`silence skipping: ${name} must be a duration of 0 ms or more, got ${value}`);
    return msToSamples(value);
  };
  const r: ResolvedSilenceSkip = {
    silenceDbfs,
    minSilenceSamples: ms('minSilenceMs', o.minSilenceMs ?? 2000),
    keepSamples: ms('keepMs', o.keepMs ?? 700),
    prefixSamples: ms('prefixMs', o.prefixMs ?? 300),
    frameSamples: ms('frameMs', o.frameMs ?? 10),
  };
  if (!Number.isFinite(silenceDbfs))
    throw new RangeError(`silence skipping: silenceDbfs must be a level in dBFS, got ${silenceDbfs}`);
  if (r.frameSamples < 1)
    throw new RangeError(`silence skipping: frameMs must be at least one sample, got ${o.frameMs}`);
  // Otherwise a "long" silence could have nothing left to skip, or its two kept pieces overlap.
  if (r.minSilenceSamples <= r.keepSamples + r.prefixSamples) {
    throw new RangeError(
      `silence skipping: minSilenceMs (${o.minSilenceMs ?? 2000}) must exceed keepMs + prefixMs (${(o.keepMs ?? 700) + (o.prefixMs ?? 300)})`,
    );
  }
  return r;
}

interface Piece {
  start: number;
  pcm: Buffer;
}

// Audio to send being gathered: views of pushed chunks, joined once when handed out.
interface Gathering {
  type: 'audio';
  inputStart: number;
  samples: number;
  parts: Buffer[];
}

export class SilenceSkipper {
  readonly options: ResolvedSilenceSkip;
  readonly #judge: FrameJudge;
  // Undecided audio, contiguous from #decided to what was pushed.
  #pending: Piece[] = [];
  #decided: number;
  #soundSeen = false;
  #runStart: number | undefined;
  #long = false;
  #skipFrom: number | undefined;
  #out: (Gathering | SkipRange)[] = [];

  /** `origin`: the input sample offset of the first chunk (after a resume, where it continues). */
  constructor(options: SilenceSkipOptions = {}, origin = 0) {
    this.options = resolveSilenceSkip(options);
    this.#judge = new FrameJudge(this.options.frameSamples, this.options.silenceDbfs, origin);
    this.#decided = origin;
  }

  /** Samples held back, undecided (at most minSilence − keep, plus a frame). */
  get heldSamples(): number {
    return this.#judge.pushedTo - this.#decided;
  }

  /** The next chunk, which must start where the previous one ended. Returns what is now decided, in input order. */
  push(inputStart: number, pcm: Buffer): SkipDecision[] {
    if (inputStart !== this.#judge.pushedTo) {
      throw new RangeError(
        `silence skipping: chunks must be contiguous, expected input sample ${this.#judge.pushedTo}, got ${inputStart}`,
      );
    }
    if (pcm.length === 0) return [];
    const piece = { start: inputStart, pcm };
    this.#pending.push(piece);
    this.#judge.push(pcm, (start, end, silent) => this.#frame(start, end, silent));
    // What stays undecided of this chunk is copied (once): the caller may reuse its buffer.
    if (this.#pending[this.#pending.length - 1] === piece) piece.pcm = Buffer.from(piece.pcm);
    return this.#take();
  }

  /** The input ended: a silence still open is decided (a long one loses its prefix: nothing follows). */
  end(): SkipDecision[] {
    this.#judge.end((start, end, silent) => this.#frame(start, end, silent));
    const to = this.#judge.pushedTo;
    if (this.#runStart !== undefined && this.#long) this.#skip(to);
    else this.#send(to);
    this.#flushSkip();
    this.#runStart = undefined;
    return this.#take();
  }

  #frame(start: number, end: number, silent: boolean): void {
    const o = this.options;
    if (!silent) {
      if (this.#runStart !== undefined && this.#long) {
        this.#skip(Math.max(this.#decided, start - o.prefixSamples));
        this.#flushSkip();
      }
      this.#send(end);
      this.#runStart = undefined;
      this.#long = false;
      this.#soundSeen = true;
      return;
    }
    this.#runStart ??= start;
    // A silence before any sound closes no utterance: none of it needs keeping.
    const keepEnd = this.#runStart + (this.#soundSeen ? o.keepSamples : 0);
    this.#send(Math.min(end, keepEnd));
    if (!this.#long && end - this.#runStart >= o.minSilenceSamples) this.#long = true;
    if (this.#long) this.#skip(end - o.prefixSamples);
  }

  // Releases pending audio up to input sample `to` as audio to send.
  #send(to: number): void {
    while (this.#decided < to) {
      const piece = defined(this.#pending[0], 'undecided audio to send');
      const bytes = Math.min(piece.pcm.length, (to - piece.start) * BYTES_PER_SAMPLE);
      const pcm = piece.pcm.subarray(0, bytes);
      const last = this.#out[this.#out.length - 1];
      if (last?.type === 'audio') {
        const tail = defined(last.parts.at(-1), 'a part of gathered audio');
        // Consecutive frames of one chunk become one view, not many parts.
        if (tail.buffer === pcm.buffer && tail.byteOffset + tail.length === pcm.byteOffset) {
          last.parts[last.parts.length - 1] = Buffer.from(tail.buffer, tail.byteOffset, tail.length + pcm.length);
        } else last.parts.push(pcm);
        last.samples += bytes >> 1;
      } else this.#out.push({ type: 'audio', inputStart: piece.start, samples: bytes >> 1, parts: [pcm] });
      this.#consume(piece, bytes);
    }
  }

  // Releases pending audio up to `to` as skipped; the range is reported when the silence ends.
  #skip(to: number): void {
    if (to <= this.#decided) return;
    this.#skipFrom ??= this.#decided;
    while (this.#decided < to) {
      const piece = defined(this.#pending[0], 'undecided audio to skip');
      this.#consume(piece, Math.min(piece.pcm.length, (to - piece.start) * BYTES_PER_SAMPLE));
    }
  }

  #consume(piece: Piece, bytes: number): void {
    this.#decided = piece.start + (bytes >> 1);
    if (bytes === piece.pcm.length) this.#pending.shift();
    else {
      piece.pcm = piece.pcm.subarray(bytes);
      piece.start = this.#decided;
    }
  }

  #flushSkip(): void {
    if (this.#skipFrom === undefined) return;
    this.#out.push({ type: 'skip', from: this.#skipFrom, to: this.#decided });
    this.#skipFrom = undefined;
  }

  #take(): SkipDecision[] {
    const out = this.#out.map((d): SkipDecision =>
      d.type === 'skip'
        ? d
        : {
            type: 'audio',
            inputStart: d.inputStart,
            pcm: d.parts.length === 1 ? defined(d.parts[0], 'the part') : Buffer.concat(d.parts),
          },
    );
    this.#out = [];
    return out;
  }
}
