// A batch: several files at once under one shared, adaptive limit on sessions, a line per file,
// and a table at the end. A failing file does not stop the others; an error every other file
// would meet too (a rejected key, a missing deployment) does stop new ones from starting.
import { ffmpegLine } from '../ffmpeg-line.js';
import { isTranscribeError, resolveService, type ErrorCode, type ResolvedService } from '../../index.js';
import { locateFfmpeg } from '../../audio/ffmpeg-locate.js';
import { createBatchProgress, formatRunSummary } from '../../terminal/index.js';
import { createAimdGate } from '../../transcriber/gate/aimd-gate.js';
import { transcribeFile, type FileResult } from './file.js';
import type { BatchPlan } from './plan.js';
import { runPool } from './pool.js';
import { errorLine, formatBatchCounts, formatBatchTable, formatFileLine, type BatchRow } from './summary.js';
import { EXIT, formatError } from '../report.js';
import { localMarkerNote } from '../local-note.js';
import { withFlagText } from '../option-flags.js';
import type { RunContext } from '../run-context.js';

export interface RunBatchOptions extends RunContext {
  plan: BatchPlan;
}

// Errors that say the command, not the file, is wrong: every file after would fail the same way.
const STOPS_THE_BATCH: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'AUTH_FAILED',
  'FORBIDDEN',
  'PROXY_REFUSED',
  'NOT_FOUND',
  'BAD_REQUEST',
  'CONFIG_MISSING',
  'CONFIG_REJECTED',
  'CONFIG_INVALID',
  'PROTOCOL_RETIRED',
  'FFMPEG_NOT_FOUND',
]);

// Gate timings at real-time pace; a faster --speed (tests, emulators) shrinks them alike, as it
// shrinks everything else the service sees.
const COOL_DOWN_MS = 5_000;
const CALM_MS = 15_000;

/** Runs the plan and returns the exit code. */
export async function runBatch(o: RunBatchOptions): Promise<number> {
  const { plan } = o;
  const toRun = plan.items.filter((item) => !item.done);
  let service: ResolvedService | undefined;
  if (toRun.length > 0) {
    // The service and the credential are resolved once, before any file starts: a configuration
    // error is one line, not one per file, and every file signs in with the same credential
    // source, so a token command runs once per token lifetime rather than once per file.
    service = resolveService(o.transcribeOptions);
    const { notice } = service;
    if (notice && !o.quiet && !o.local) o.stderr.write(`realtime-transcribe: ${withFlagText(notice)}\n`);
    locateFfmpeg({ explicitPath: o.transcribeOptions.ffmpegPath, env: o.transcribeOptions.env ?? process.env });
  }
  const ffmpeg = o.verbose && !o.quiet && toRun.length > 0 ? await ffmpegLine(o.transcribeOptions) : undefined;
  const progress = createBatchProgress({
    stream: o.stderr,
    enabled: o.progress && !o.quiet,
    totalFiles: toRun.length,
    look: o.look,
  });
  const log = o.quiet ? () => {} : (line: string) => progress.log(line);
  const noteMarker = localMarkerNote(o.local, log);
  const speed = o.transcribeOptions.speed ?? 1;
  const gate = createAimdGate({
    max: plan.jobs + 1, // a rotation briefly holds two sessions (make before break)
    coolDownMs: COOL_DOWN_MS / speed,
    calmMs: CALM_MS / speed,
    onChange: (limit, why) => {
      const sessions = `${limit} concurrent session${limit === 1 ? '' : 's'}`;
      log(o.paint.warn(why === 'calm' ? `throttling: back to ${sessions}` : `throttling: ${sessions} (${why})`));
    },
  });
  log(headLine(plan, toRun.length));
  if (ffmpeg !== undefined) log(o.paint.dim(ffmpeg));

  const startedAt = Date.now();
  let finished = 0;
  let stoppedBy: { label: string; error: unknown } | undefined;
  const results = await runPool(
    toRun,
    plan.jobs,
    async (item) => {
      const result = await transcribeFile(item, {
        transcribeOptions: { ...o.transcribeOptions, sessionGate: gate, ...(service ? { service } : {}) },
        progress,
        cue: o.cue,
        log,
        verbose: o.verbose,
        toolVersion: o.toolVersion,
        local: o.local,
        onSegmentText: noteMarker,
        interruptedBy: o.interruptedBy,
      });
      finished++;
      log(formatFileLine(finished, toRun.length, rowOf(item.label, result), o.paint));
      if (result.status === 'failed' && isTranscribeError(result.error) && STOPS_THE_BATCH.has(result.error.code)) {
        stoppedBy ??= { label: item.label, error: result.error };
      }
      return result;
    },
    () => o.interruptedBy() !== undefined || stoppedBy !== undefined,
  );
  progress.stop();

  const byItem = new Map(toRun.map((item, index) => [item, results[index]]));
  const interrupted = o.interruptedBy();
  const notStarted = interrupted
    ? `not started: interrupted by ${interrupted}`
    : `not started: the batch stopped after ${stoppedBy?.label} failed`;
  const rows: BatchRow[] = plan.items.map((item) => {
    if (item.done) return { label: item.label, status: 'skipped' };
    const result = byItem.get(item);
    if (result) return rowOf(item.label, result);
    return { label: item.label, status: interrupted ? 'interrupted' : 'failed', error: notStarted };
  });

  if (o.quiet) {
    for (const row of rows)
      if (row.status === 'failed')
        o.stderr.write(`${o.paint.error('realtime-transcribe:')} ${row.label}: ${row.error}\n`);
  } else {
    if (rows.length > 0) o.stderr.write(formatBatchTable(rows, o.paint));
    // Files that reached the service; one that was not audio transcribed nothing.
    const ran = results.filter(
      (result): result is FileResult => result?.summary !== undefined && result.summary.sessions > 0,
    );
    if (ran.length > 0) o.stderr.write(formatRunSummary(totals(ran, (Date.now() - startedAt) / 1000), o.paint) + '\n');
    if (stoppedBy) o.stderr.write(formatError(stoppedBy.error, o.paint, o.verbose));
    o.stderr.write(formatBatchCounts(rows) + '\n');
  }
  if (interrupted) return interrupted === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
  return rows.some((row) => row.status === 'failed') ? EXIT.failed : EXIT.ok;
}

function rowOf(label: string, result: FileResult): BatchRow {
  // A file that never reached the service (not audio) has no counts to show: `-`, not zeros.
  const s = result.summary !== undefined && result.summary.sessions > 0 ? result.summary : undefined;
  return {
    label,
    status: result.status,
    audioSec: s?.audioSec,
    utterances: s?.utterances,
    sessions: s?.sessions,
    resumes: s?.resumes,
    ...(result.status === 'ok' ? {} : { error: errorLine(result.error) }),
  };
}

// `shard 1/2 has 7 of 13 files: 6 to transcribe into out/, 3 at a time; 1 skipped (…)`
function headLine(plan: BatchPlan, toRun: number): string {
  const skipped = plan.items.length - toRun;
  const share = plan.shard
    ? `shard ${plan.shard.index}/${plan.shard.count} has ${plan.items.length} of ${plan.selected} files: `
    : '';
  const work = `${toRun} file${toRun === 1 ? '' : 's'} to transcribe into ${plan.outDir}, ${Math.min(plan.jobs, Math.max(1, toRun))} at a time`;
  const skip = skipped > 0 ? `; ${skipped} skipped (transcripts exist; --overwrite redoes them)` : '';
  return `${share}${work}${skip}`;
}

function totals(results: readonly FileResult[], wallSec: number) {
  const endReasons: Record<string, number> = {};
  let audioSec = 0;
  let sessions = 0;
  let rotations = 0;
  let resumes = 0;
  let resentSec = 0;
  let utterances = 0;
  for (const { summary, priorSec } of results) {
    if (!summary) continue;
    audioSec += Math.max(0, summary.audioSec - priorSec); // this run's audio, not a checkpoint's
    sessions += summary.sessions;
    rotations += summary.rotations;
    resumes += summary.resumes;
    resentSec += summary.resentSec;
    utterances += summary.utterances;
    for (const [reason, n] of Object.entries(summary.endReasons))
      endReasons[reason] = (endReasons[reason] ?? 0) + (n ?? 0);
  }
  return { inputs: results.length, audioSec, wallSec, sessions, rotations, resumes, resentSec, endReasons, utterances };
}
