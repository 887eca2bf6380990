// At most `jobs` files at once, started in the batch's order. Once `stopped()` says so, no new
// file starts (Ctrl-C, or an error that every other file would meet too); those are left undefined.

export async function runPool<T, R>(
  items: readonly T[],
  jobs: number,
  worker: (item: T, index: number) => Promise<R>,
  stopped: () => boolean,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = new Array(items.length).fill(undefined);
  // One iterator shared by every lane: each takes the next item in order.
  const pending = items.entries();
  const lane = async (): Promise<void> => {
    while (!stopped()) {
      const step = pending.next();
      if (step.done) return;
      const [index, item] = step.value;
      results[index] = await worker(item, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, lane));
  return results;
}
