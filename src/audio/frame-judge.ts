// Cuts a stream of PCM16 mono chunks of any size into fixed frames on the input's own clock and
// judges each one silent or not, the way every local energy decision in the tool is made. Frames
// are counted from the first sample pushed, so the same audio gives the same frames however it
// was chunked. Holds at most one partial frame.
import { isSilent } from './energy.js';
import { BYTES_PER_SAMPLE } from './pcm-format.js';

/** `start`/`end` are input sample offsets, `end` exclusive. */
export type FrameVisitor = (start: number, end: number, silent: boolean) => void;

export class FrameJudge {
  readonly #frameBytes: number;
  #partial: Buffer = Buffer.alloc(0);
  #next: number;

  /** `origin`: the input sample offset of the first sample that will be pushed. */
  constructor(
    readonly frameSamples: number,
    readonly silenceDbfs: number,
    origin = 0,
  ) {
    if (!Number.isInteger(frameSamples) || frameSamples < 1) {
      throw new RangeError(`frameSamples must be a whole number of samples, 1 or more, got ${frameSamples}`);
    }
    if (!Number.isInteger(origin) || origin < 0)
      throw new RangeError(`origin must be a sample offset, 0 or more, got ${origin}`);
    this.#frameBytes = frameSamples * BYTES_PER_SAMPLE;
    this.#next = origin;
  }

  /** One past the last sample pushed (judged or not). */
  get pushedTo(): number {
    return this.#next + (this.#partial.length >> 1);
  }

  /** Judges every frame `pcm` completes. An odd trailing byte is a caller's bug. */
  push(pcm: Buffer, visit: FrameVisitor): void {
    if (pcm.length % BYTES_PER_SAMPLE !== 0)
      throw new RangeError(`PCM16 chunks hold whole samples, got ${pcm.length} bytes`);
    let offset = 0;
    if (this.#partial.length > 0) {
      const need = this.#frameBytes - this.#partial.length;
      if (pcm.length < need) {
        this.#partial = Buffer.concat([this.#partial, pcm]);
        return;
      }
      this.#judge(Buffer.concat([this.#partial, pcm.subarray(0, need)]), visit);
      this.#partial = Buffer.alloc(0);
      offset = need;
    }
    while (pcm.length - offset >= this.#frameBytes) {
      this.#judge(pcm.subarray(offset, offset + this.#frameBytes), visit);
      offset += this.#frameBytes;
    }
    // A copy: the caller may reuse its buffer once push returns.
    if (offset < pcm.length) this.#partial = Buffer.from(pcm.subarray(offset));
  }

  /** Judges the last, shorter frame, if any. */
  end(visit: FrameVisitor): void {
    if (this.#partial.length > 0) this.#judge(this.#partial, visit);
    this.#partial = Buffer.alloc(0);
  }

  #judge(frame: Buffer, visit: FrameVisitor): void {
    const start = this.#next;
    this.#next += frame.length >> 1;
    visit(start, this.#next, isSilent(frame, this.silenceDbfs));
  }
}
