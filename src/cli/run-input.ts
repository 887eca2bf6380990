// Transcribes one input to one output: streams segments to the sink as they become final, shows
// progress, and always writes what was transcribed, whatever ends the run.
import { transcribe, type RunSummary } from '../index.js';
import { createProgress, createTranscriptSink, formatRunSummary, outputFiles, type OutputFormat, type ProgressDisplay } from '../output/index.js';
import { EXIT, exitCodeFor, formatError } from './report.js';
import { openCheckpoint, settleCheckpoint } from './journal.js';
import type { RunContext } from './run-context.js';

export interface RunInputOptions extends RunContext {
  input: string;
  outputPath: string | undefined;
  formats: OutputFormat[];
  stdout: NodeJS.WritableStream;
}

export interface RunInputResult {
  exitCode: number;
  summary: RunSummary | undefined;
  files: string[];
}

export async function runInput(o: RunInputOptions): Promise<RunInputResult> {
  const startedAt = new Date();
  const sink = createTranscriptSink({ ...(o.outputPath ? { outputPath: o.outputPath } : {}), formats: o.formats, stdout: o.stdout });
  const live = o.input === '-';
  const display = createProgress({ stream: o.stderr, enabled: o.progress && !o.quiet, mode: live ? 'stream' : 'bar' });
  const log = (line: string) => {
    if (!o.quiet) display.log(line);
  };
  const firstOutput = o.outputPath ? outputFiles(o.outputPath, o.formats)[0]?.path : undefined;
  const checkpoint = openCheckpoint(o.input, firstOutput, log);
  for (const segment of checkpoint?.earlier ?? []) sink.add(segment);
  const run = transcribe(o.input, { ...o.transcribeOptions, ...(checkpoint ? { startAtSec: checkpoint.startAtSec } : {}) });
  const label = live ? 'stdin' : o.input;
  let started = false;
  let lastProgress: Parameters<ProgressDisplay['update']>[0] | undefined;
  let barTotalSec: number | undefined;
  let failure: unknown;
  try {
    for await (const event of run) {
      switch (event.type) {
        case 'segment':
          display.partial('');
          checkpoint?.journal.segment(event.segment);
          sink.add(event.segment);
          break;
        case 'acknowledged':
          checkpoint?.journal.ack(event.sec);
          break;
        case 'partial':
          display.partial(event.text);
          break;
        case 'progress':
          if (!started) {
            display.start(label, event.totalSec);
            barTotalSec = event.totalSec;
            started = true;
          }
          lastProgress = {
            sentSec: event.sentSec,
            realtimeFactor: o.transcribeOptions.speed ?? 1,
            session: event.session,
            resumes: event.resumes,
            utterances: event.utterances,
          };
          display.update(lastProgress);
          break;
        case 'done':
          // Progress events come once per second of audio, so the last one falls up to a second
          // short of the end (and ffmpeg's Duration may exceed the decoded length by a rounding):
          // a finished run draws its bar full, with the final counts.
          if (lastProgress) {
            display.update({
              ...lastProgress,
              sentSec: Math.max(event.summary.audioSec, barTotalSec ?? 0),
              resumes: event.summary.resumes,
              utterances: event.summary.utterances,
            });
          }
          break;
        case 'reconnect':
          if (o.verbose) log(o.paint.warn(`reconnecting (attempt ${event.attempt}) in ${(event.delayMs / 1000).toFixed(1)} s from ${event.fromSec.toFixed(1)} s: ${event.cause}`));
          break;
        case 'session-end':
          if (o.verbose) log(o.paint.dim(`session ${event.session} ended: ${event.reason} (${event.detail})`));
          break;
        case 'session-open':
          if (o.verbose && event.reason !== 'start') log(o.paint.dim(`session ${event.session} opened (${event.reason}) at ${event.fromSec.toFixed(1)} s`));
          break;
        case 'warning':
          log(o.paint.warn(`warning: ${event.message}`));
          break;
        default:
          break;
      }
    }
  } catch (error) {
    failure = error;
  }
  display.stop();
  const summary = await run.summary;
  const interrupted = o.interruptedBy();
  const complete = failure === undefined && interrupted === undefined;
  let files: string[] = [];
  try {
    files = await sink.finish({
      input: label,
      ...(summary.audioSec > 0 ? { durationSec: summary.audioSec } : {}),
      provider: run.endpoint.provider,
      model: run.endpoint.transcriptionModel,
      sessions: summary.sessions,
      resumes: summary.resumes,
      rotations: summary.rotations,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      toolVersion: o.toolVersion,
      complete,
      ...(complete ? {} : { notTranscribedFromSec: summary.acknowledgedSec }),
    });
  } catch (error) {
    failure ??= error;
  }
  // The checkpoint goes once the output is whole; otherwise the same command continues from it.
  settleCheckpoint(checkpoint, complete && failure === undefined, failure);
  if (!o.quiet && summary.sessions > 0) {
    const wallSec = (Date.now() - startedAt.getTime()) / 1000;
    o.stderr.write(
      formatRunSummary(
        {
          inputs: 1,
          audioSec: summary.audioSec,
          wallSec,
          sessions: summary.sessions,
          rotations: summary.rotations,
          resumes: summary.resumes,
          resentSec: summary.resentSec,
          endReasons: summary.endReasons as Record<string, number>,
          utterances: summary.utterances,
        },
        o.paint,
      ) + '\n',
    );
  }
  if (interrupted) {
    o.stderr.write(`realtime-transcribe: interrupted by ${interrupted}: not transcribed from ${summary.acknowledgedSec.toFixed(1)} s of ${label}\n`);
    return { exitCode: interrupted === 'SIGINT' ? EXIT.interrupted : EXIT.terminated, summary, files };
  }
  if (failure !== undefined) {
    o.stderr.write(formatError(failure, o.paint, o.verbose));
    if (summary.acknowledgedSec > 0 && summary.acknowledgedSec < summary.audioSec) {
      o.stderr.write(`realtime-transcribe: transcribed up to ${summary.acknowledgedSec.toFixed(1)} s of ${label}; the rest was not\n`);
    }
    return { exitCode: exitCodeFor(failure), summary, files };
  }
  return { exitCode: EXIT.ok, summary, files };
}
