// Cuts a PCM stream of arbitrary pieces into chunks of exactly `chunkBytes`.
// Whole chunks inside an incoming piece are handed out as views (no copy); only a chunk that
// straddles two pieces is assembled into a fresh buffer. Chunks are never reused, so a consumer
// may keep them (the replay buffer does).

export function rechunk(source: AsyncIterable<Buffer>, chunkBytes: number): AsyncIterable<Buffer> {
  // Checked here, not inside the generator, so a bad size fails at the call, not at first read.
  if (!Number.isInteger(chunkBytes) || chunkBytes <= 0 || chunkBytes % 2 !== 0) {
    throw new RangeError(`chunkBytes must be a positive even integer (whole PCM16 samples), got ${chunkBytes}`);
  }
  return cut(source, chunkBytes);
}

async function* cut(source: AsyncIterable<Buffer>, chunkBytes: number): AsyncGenerator<Buffer> {
  let partial: Buffer | undefined;
  let filled = 0;

  for await (const piece of source) {
    let offset = 0;
    if (partial) {
      const take = Math.min(chunkBytes - filled, piece.length);
      piece.copy(partial, filled, 0, take);
      filled += take;
      offset = take;
      if (filled < chunkBytes) continue;
      yield partial;
      partial = undefined;
      filled = 0;
    }
    while (piece.length - offset >= chunkBytes) {
      yield piece.subarray(offset, offset + chunkBytes);
      offset += chunkBytes;
    }
    if (offset < piece.length) {
      partial = Buffer.allocUnsafe(chunkBytes);
      filled = piece.copy(partial, 0, offset);
    }
  }

  // The tail is shorter than a chunk; an odd stray byte is not a sample and is dropped.
  const tail = filled - (filled % 2);
  if (partial && tail > 0) yield partial.subarray(0, tail);
}
