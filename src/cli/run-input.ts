// Transcribes one input to one output: streams segments to the sink as they become final, shows
// progress, and always writes what was transcribed, whatever ends the run.
import { ffmpegLine } from './ffmpeg-line.js';
import { transcribe, type RunSummary } from '../index.js';
import { createTranscriptSink, type OutputFormat } from '../transcript/index.js';
import { createProgress, createTerminalWriter, formatRunSummary, type ProgressUpdate } from '../terminal/index.js';
import { EXIT, exitCodeFor, formatError } from './report.js';
import { openCheckpoint, settleCheckpoint } from '../checkpoint/journal.js';
import { localMarkerNote } from './local-note.js';
import { transcriptMetadata } from './metadata.js';
import { prepareOutput } from './output-target.js';
import { withFlagText } from './option-flags.js';
import { logRefusedUpgrade } from './refused-upgrade.js';
import type { RunContext } from './run-context.js';
import { thisRunSummary } from './run-summary.js';

export interface RunInputOptions extends RunContext {
  input: string;
  /** How the input is named in messages (the path as typed; `stdin` for '-'). */
  label?: string;
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
  const target = prepareOutput(o.outputPath, o.formats);
  // One writer owns stderr: the bar, log lines, and stdout's transcript when both are the terminal.
  const writer = createTerminalWriter({ stderr: o.stderr, stdout: o.stdout, live: o.progress && !o.quiet });
  const sink = createTranscriptSink({
    ...(target.kind === 'stdout' ? {} : { outputPath: target.path }),
    device: target.kind === 'device',
    formats: o.formats,
    stdout: writer.stdout,
    ...(o.cue ? { cue: o.cue } : {}),
  });
  const live = o.input === '-';
  const display = createProgress({ writer, mode: live ? 'stream' : 'bar', look: o.look });
  const log = (line: string) => {
    if (!o.quiet) display.log(line);
  };
  const checkpoint = openCheckpoint(o.input, target.kind === 'files' ? target.checkpointFile : undefined, log);
  const startAtSec = checkpoint?.startAtSec ?? 0;
  // The run emits the checkpoint's segments again, in their place, before and between its own.
  const resume = checkpoint?.resume;
  const run = transcribe(o.input, { ...o.transcribeOptions, ...(resume ? { resume } : {}) });
  const label = live ? 'stdin' : (o.label ?? o.input);
  const noteMarker = localMarkerNote(o.local, log);
  // An endpoint pasted from the portal is read differently from how it was given: say how.
  if (run.endpoint.notice && !o.local) log(`realtime-transcribe: ${withFlagText(run.endpoint.notice)}`);
  if (o.verbose) {
    const line = await ffmpegLine(o.transcribeOptions);
    if (line !== undefined) log(o.paint.dim(line));
  }
  const { proxy } = run.endpoint;
  if (o.verbose && proxy)
    log(o.paint.dim(`proxy: ${proxy.displayUrl} (${proxy.source === 'proxy' ? '--proxy' : proxy.source})`));
  let lastProgress: ProgressUpdate | undefined;
  let totalSec: number | undefined;
  // The offset the checkpoint holds: what the interrupt line and a continued run both say.
  let acknowledgedSec = startAtSec;
  let failure: unknown;
  try {
    for await (const event of run) {
      switch (event.type) {
        case 'segment':
          display.partial('');
          checkpoint?.journal.segment(event.segment);
          sink.add(event.segment);
          noteMarker(event.segment.text);
          break;
        case 'acknowledged':
          checkpoint?.journal.ack(event.sec);
          acknowledgedSec = Math.max(acknowledgedSec, event.sec);
          break;
        case 'span-checkpoint':
          checkpoint?.journal.spanCheckpoint(event.fromSec, event.ackSec, event.segments);
          break;
        case 'partial':
          display.partial(event.text);
          break;
        case 'progress':
          if (event.totalSec !== undefined) checkpoint?.journal.inputLength(event.totalSec);
          if (lastProgress === undefined) {
            display.start(label, event.totalSec);
            totalSec = event.totalSec;
          }
          lastProgress = {
            sentSec: event.sentSec,
            realtimeFactor: o.transcribeOptions.speed ?? 1,
            session: event.session,
            resumes: event.resumes,
            utterances: event.utterances,
            spans: event.spans,
          };
          display.update(lastProgress);
          break;
        case 'done':
          // Progress events come once per second of audio, so the last one falls up to a second
          // short of the end (and ffmpeg's Duration may exceed the decoded length by a rounding):
          // a run that read its whole input draws its bar full. An interrupted one keeps the
          // bar where it stopped.
          if (lastProgress && o.interruptedBy() === undefined) {
            display.update({
              ...lastProgress,
              sentSec: Math.max(event.summary.audioSec, totalSec ?? 0),
              resumes: event.summary.resumes,
              utterances: event.summary.utterances,
            });
          }
          break;
        case 'reconnect':
          if (o.verbose)
            log(
              o.paint.warn(
                `reconnecting (attempt ${event.attempt}) in ${(event.delayMs / 1000).toFixed(1)} s from ${event.fromSec.toFixed(1)} s: ${event.cause}`,
              ),
            );
          break;
        case 'session-end':
          if (o.verbose) log(o.paint.dim(`session ${event.session} ended: ${event.reason} (${event.detail})`));
          break;
        case 'session-open':
          if (o.verbose && event.reason !== 'start')
            log(o.paint.dim(`session ${event.session} opened (${event.reason}) at ${event.fromSec.toFixed(1)} s`));
          break;
        case 'warning':
          log(o.paint.warn(`warning: ${withFlagText(event.message)}`));
          break;
        default:
          break;
      }
    }
  } catch (error) {
    failure = error;
  }
  // The bar is left as it is before anything else is printed: the summary goes below it, and so
  // does nothing of the transcript.
  await sink.drained();
  display.stop();
  const summary = await run.summary;
  const interrupted = o.interruptedBy();
  const complete = failure === undefined && interrupted === undefined;
  if (failure !== undefined && o.transcribeOptions.logEventsPath)
    logRefusedUpgrade(o.transcribeOptions.logEventsPath, failure, run.endpoint);
  let files: string[] = [];
  try {
    files = await sink.finish(
      transcriptMetadata({
        label,
        run,
        summary,
        startedAt,
        toolVersion: o.toolVersion,
        complete,
        provider: o.local ? 'local' : undefined,
        totalSec,
        acknowledgedSec,
      }),
    );
  } catch (error) {
    failure ??= error;
  }
  // The checkpoint goes once the output is whole; otherwise the same command continues from it.
  settleCheckpoint(checkpoint, complete && failure === undefined, failure);
  if (!o.quiet && summary.sessions > 0) {
    const wallSec = (Date.now() - startedAt.getTime()) / 1000;
    const endSec = complete && failure === undefined ? summary.audioSec : acknowledgedSec;
    o.stderr.write(
      formatRunSummary(thisRunSummary(summary, checkpoint?.doneSec ?? 0, wallSec, endSec, o.local), o.paint) + '\n',
    );
  }
  if (interrupted) {
    o.stderr.write(
      `realtime-transcribe: interrupted by ${interrupted}: not transcribed from ${acknowledgedSec.toFixed(1)} s of ${label}\n`,
    );
    return { exitCode: interrupted === 'SIGINT' ? EXIT.interrupted : EXIT.terminated, summary, files };
  }
  if (failure !== undefined) {
    o.stderr.write(formatError(failure, o.paint, o.verbose));
    // Not when only the output failed: then the audio was all transcribed, just not written.
    const outputFailed = failure instanceof Error && 'code' in failure && failure.code === 'OUTPUT_FAILED';
    if (!outputFailed && acknowledgedSec > 0 && acknowledgedSec < summary.audioSec) {
      o.stderr.write(
        `realtime-transcribe: transcribed up to ${acknowledgedSec.toFixed(1)} s of ${label}; the rest was not\n`,
      );
    }
    return { exitCode: exitCodeFor(failure), summary, files };
  }
  return { exitCode: EXIT.ok, summary, files };
}
