// The session's input audio buffer, addressed by absolute sample positions on the session's
// appended-audio clock (0 = the first sample appended in this session). Audio before the last
// commit or clear is released, so memory follows the uncommitted audio, not the session length.

interface Chunk {
  start: number;
  data: Int16Array;
}

export class InputBuffer {
  private chunks: Chunk[] = [];
  private endPosition = 0;
  private startPosition = 0;

  // Position just after the last sample appended (total samples appended in the session).
  get end(): number {
    return this.endPosition;
  }

  // First sample still held.
  get start(): number {
    return this.startPosition;
  }

  append(samples: Int16Array): void {
    if (samples.length === 0) return;
    this.chunks.push({ start: this.endPosition, data: samples });
    this.endPosition += samples.length;
  }

  // A copy of [from, to), clamped to what is held.
  slice(from: number, to: number): Int16Array {
    const lo = Math.max(from, this.startPosition);
    const hi = Math.min(to, this.endPosition);
    const out = new Int16Array(Math.max(0, hi - lo));
    for (const chunk of this.chunks) {
      const chunkEnd = chunk.start + chunk.data.length;
      if (chunkEnd <= lo) continue;
      if (chunk.start >= hi) break;
      const a = Math.max(lo, chunk.start);
      const b = Math.min(hi, chunkEnd);
      out.set(chunk.data.subarray(a - chunk.start, b - chunk.start), a - lo);
    }
    return out;
  }

  // Releases everything before `position`.
  discardBefore(position: number): void {
    const cut = Math.min(Math.max(position, this.startPosition), this.endPosition);
    const kept = this.chunks.findIndex((chunk) => chunk.start + chunk.data.length > cut);
    this.chunks = kept < 0 ? [] : this.chunks.slice(kept);
    const first = this.chunks[0];
    if (first && first.start < cut) {
      // Copy, so the released part of a large append can be garbage-collected.
      this.chunks[0] = { start: cut, data: first.data.slice(cut - first.start) };
    }
    this.startPosition = cut;
  }
}
