// Cuts a PCM stream of arbitrary pieces into chunks of exactly `chunkBytes` (a live source, whose
// pieces set the pace), or joins it into pieces of at least a chunk (a file: any size will do).
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

/**
 * Pieces of at least `minBytes` (whole samples), for a reader that takes any size: small pieces
 * are joined, larger ones pass through as they are. Cutting a decoder's 64 kB pieces into 40 ms
 * chunks only multiplied the per-piece work of everything downstream.
 */
export function atLeast(source: AsyncIterable<Buffer>, minBytes: number): AsyncIterable<Buffer> {
  if (!Number.isInteger(minBytes) || minBytes <= 0 || minBytes % 2 !== 0) {
    throw new RangeError(`minBytes must be a positive even integer (whole PCM16 samples), got ${minBytes}`);
  }
  return join(source, minBytes);
}

async function* join(source: AsyncIterable<Buffer>, minBytes: number): AsyncGenerator<Buffer> {
  const held: Buffer[] = [];
  let heldBytes = 0;
  for await (const piece of source) {
    if (heldBytes === 0 && piece.length >= minBytes && piece.length % 2 === 0) {
      yield piece;
      continue;
    }
    held.push(piece);
    heldBytes += piece.length;
    if (heldBytes < minBytes) continue;
    const joined = Buffer.concat(held, heldBytes);
    held.length = 0;
    // An odd byte is half a sample: it waits for the next piece.
    const whole = heldBytes - (heldBytes % 2);
    heldBytes -= whole;
    if (heldBytes > 0) held.push(joined.subarray(whole));
    yield joined.subarray(0, whole);
  }
  const tail = heldBytes - (heldBytes % 2);
  if (tail > 0) yield Buffer.concat(held, heldBytes).subarray(0, tail);
}
