// Pipes deliver bytes in whatever sizes the kernel chose, so a 16-bit sample can be split
// between two reads. This passes pieces through untouched where it can and re-joins the split
// samples, so every piece it yields holds whole samples.

export interface AlignStats {
  /** Bytes yielded (always even). */
  bytes: number;
  /** The source ended in the middle of a sample; that byte was dropped. */
  strayByte: boolean;
}

export async function* alignToSamples(source: AsyncIterable<Buffer>, stats: AlignStats): AsyncGenerator<Buffer> {
  let carry: number | undefined;
  for await (const chunk of source) {
    let piece = chunk;
    if (carry !== undefined && piece.length > 0) {
      // Two bytes are cheaper to copy than the piece they would otherwise be prepended to.
      const joined = Buffer.from([carry, piece.readUInt8(0)]);
      carry = undefined;
      piece = piece.subarray(1);
      stats.bytes += 2;
      yield joined;
    }
    if (piece.length % 2 === 1) {
      carry = piece[piece.length - 1];
      piece = piece.subarray(0, piece.length - 1);
    }
    if (piece.length > 0) {
      stats.bytes += piece.length;
      yield piece;
    }
  }
  stats.strayByte = carry !== undefined;
}
