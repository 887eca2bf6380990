// The summary counts what this run did. A run continued from a checkpoint decodes and skips the
// part done before, and the library's audioSec is the offset reached on the input's clock; the
// audio this run transcribed (and its speed) is that less what the checkpoint held done.
import type { RunSummary as LibrarySummary } from '../index.js';
import type { RunTotals as RunSummary } from '../terminal/index.js';
import { formatUsageLine } from '../realtime/usage.js';

// `endSec`: where this run's transcript ends; an interrupted run read further than it transcribed,
// and its summary must not claim the audio after "not transcribed from".
// `local`: the built-in emulator answered; what it says it bills is not a bill.
export function thisRunSummary(
  summary: LibrarySummary,
  priorSec: number,
  wallSec: number,
  endSec = summary.audioSec,
  local = false,
): RunSummary {
  return {
    inputs: 1,
    audioSec: Math.max(0, Math.min(endSec, summary.audioSec) - priorSec),
    wallSec,
    sessions: summary.sessions,
    rotations: summary.rotations,
    resumes: summary.resumes,
    resentSec: summary.resentSec,
    endReasons: summary.endReasons as Record<string, number>,
    utterances: summary.utterances,
    billed: local ? undefined : formatUsageLine(summary.usage),
  };
}
