// How evenly a pacer released its chunks: drift from the ideal schedule and the gaps between
// releases, for the pacing tests.

export interface ScheduleStats {
  /** Largest |actual − ideal|, the ideal being the first release plus i intervals. */
  maxDriftMs: number;
  /** actual − ideal of the last release: what drift accumulated over the whole run. */
  finalDriftMs: number;
  minGapMs: number;
  meanGapMs: number;
  count: number;
}

// Summarises release times against a constant interval.
export function measureSchedule(releases: readonly number[], chunkIntervalMs: number): ScheduleStats {
  const count = releases.length;
  if (count === 0) return { maxDriftMs: 0, finalDriftMs: 0, minGapMs: Infinity, meanGapMs: NaN, count };
  const first = releases[0] ?? 0;
  let maxDriftMs = 0;
  let minGapMs = Infinity;
  let previous: number | undefined;
  for (const [i, at] of releases.entries()) {
    maxDriftMs = Math.max(maxDriftMs, Math.abs(at - (first + i * chunkIntervalMs)));
    if (previous !== undefined) minGapMs = Math.min(minGapMs, at - previous);
    previous = at;
  }
  const last = previous ?? first;
  return {
    maxDriftMs,
    finalDriftMs: last - (first + (count - 1) * chunkIntervalMs),
    minGapMs,
    meanGapMs: count > 1 ? (last - first) / (count - 1) : NaN,
    count,
  };
}
