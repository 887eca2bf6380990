// Audio read from the input but not yet acknowledged by a transcript. It is what a new session
// re-sends after a drop, so it only ever releases audio behind the acknowledged offset (which never
// moves backwards) and is bounded: exceeding the bound is an error, never a silent loss.
import { TranscribeError } from '../errors.js';
import { BYTES_PER_SAMPLE, samplesToSeconds } from '../audio/pcm-format.js';
import { defined } from '../util/must.js';

interface Piece {
  start: number; // input sample offset of piece[0]
  pcm: Buffer;
}

export class ReplayBuffer {
  private pieces: Piece[] = [];
  private head = 0; // index of the first live piece (avoids O(n) shifts)
  private startSample: number;
  private endSample: number;
  private heldBytes = 0;

  constructor(
    private readonly limitBytes: number,
    firstSample = 0,
    private readonly limitOptionName = 'replayLimitMs',
  ) {
    this.startSample = firstSample;
    this.endSample = firstSample;
  }

  /** First input sample still held. */
  get start(): number {
    return this.startSample;
  }

  /** One past the last input sample read so far. */
  get end(): number {
    return this.endSample;
  }

  get bytes(): number {
    return this.heldBytes;
  }

  /** Appends the next contiguous PCM of the input. */
  append(pcm: Buffer): void {
    if (pcm.length === 0) return;
    if (this.heldBytes + pcm.length > this.limitBytes) {
      const heldSec = samplesToSeconds(this.heldBytes / BYTES_PER_SAMPLE);
      throw new TranscribeError(
        'REPLAY_LIMIT',
        `replay buffer full: ${heldSec.toFixed(1)} s of audio are waiting for a transcript (\`${this.limitOptionName}: ${samplesToSeconds(this.limitBytes / BYTES_PER_SAMPLE).toFixed(0)}s\`)`,
        {
          hint: `the service has acknowledged nothing for too long; raise \`${this.limitOptionName}\` to ride out longer outages`,
          option: this.limitOptionName,
        },
      );
    }
    this.pieces.push({ start: this.endSample, pcm });
    this.endSample += pcm.length / BYTES_PER_SAMPLE;
    this.heldBytes += pcm.length;
  }

  /** Forgets audio before `sample` (the acknowledged offset). Never moves backwards. */
  release(sample: number): void {
    const target = Math.min(Math.max(sample, this.startSample), this.endSample);
    for (let piece = this.pieces[this.head]; piece !== undefined; piece = this.pieces[this.head]) {
      const pieceEnd = piece.start + piece.pcm.length / BYTES_PER_SAMPLE;
      if (pieceEnd > target) {
        if (piece.start < target) {
          const cut = (target - piece.start) * BYTES_PER_SAMPLE;
          this.heldBytes -= cut;
          piece.pcm = piece.pcm.subarray(cut);
          piece.start = target;
        }
        break;
      }
      this.heldBytes -= piece.pcm.length;
      this.head++;
    }
    if (this.head > 64 && this.head * 2 > this.pieces.length) {
      this.pieces = this.pieces.slice(this.head);
      this.head = 0;
    }
    this.startSample = target;
  }

  /** Up to `maxSamples` samples starting at input sample `from` (which must be held). */
  read(from: number, maxSamples: number): Buffer {
    if (from < this.startSample || from > this.endSample) {
      throw new RangeError(`sample ${from} is not held (held ${this.startSample}..${this.endSample})`);
    }
    const wanted = Math.min(maxSamples, this.endSample - from);
    if (wanted <= 0) return Buffer.alloc(0);
    const parts: Buffer[] = [];
    let need = wanted;
    let cursor = from;
    for (let i = this.findPiece(from); need > 0; i++) {
      const piece = this.pieces[i];
      if (piece === undefined) break;
      const offset = (cursor - piece.start) * BYTES_PER_SAMPLE;
      const take = Math.min(need * BYTES_PER_SAMPLE, piece.pcm.length - offset);
      parts.push(piece.pcm.subarray(offset, offset + take));
      need -= take / BYTES_PER_SAMPLE;
      cursor += take / BYTES_PER_SAMPLE;
    }
    const [only] = parts;
    return only !== undefined && parts.length === 1 ? only : Buffer.concat(parts); // one piece: no copy
  }

  private findPiece(sample: number): number {
    let lo = this.head;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (defined(this.pieces[mid], 'replay piece').start <= sample) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
