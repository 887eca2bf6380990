// Transcribes one input to one output: streams segments to the sink as they become final, shows
// progress, and always writes what was transcribed, whatever ends the run.
import { ffmpegLine } from './ffmpeg-line.js';
import type { RunSummary } from '../index.js';
import { createTranscriptSink, type OutputFormat } from '../transcript/index.js';
import { createProgress, createTerminalWriter, formatRunSummary, type ProgressUpdate } from '../terminal/index.js';
import { EXIT, exitCodeFor, formatError } from './report.js';
import { finishFile, startFile, type FileView } from './file-run.js';
import { localMarkerNote } from './local-note.js';
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
  const started = startFile({
    input: o.input,
    transcribeOptions: o.transcribeOptions,
    checkpointBeside: target.kind === 'files' ? target.checkpointFile : undefined,
    log,
  });
  const { run } = started;
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
  const outcome = await finishFile(started, {
    label,
    startedAt,
    toolVersion: o.toolVersion,
    local: o.local,
    interruptedBy: o.interruptedBy,
    output: {
      add(segment) {
        // The transcript goes where the partial line was: that line is cleared first.
        display.partial('');
        sink.add(segment);
        noteMarker(segment.text);
      },
      drained: () => sink.drained(),
      finish: (metadata) => sink.finish(metadata),
    },
    view: singleView(o, display, label),
  });
  const { summary, failure, interrupted, acknowledgedSec, files } = outcome;
  if (outcome.runFailure !== undefined && o.transcribeOptions.logEventsPath)
    logRefusedUpgrade(o.transcribeOptions.logEventsPath, outcome.runFailure, run.endpoint);
  if (!o.quiet && summary.sessions > 0) {
    const wallSec = (Date.now() - startedAt.getTime()) / 1000;
    const endSec = outcome.complete && failure === undefined ? summary.audioSec : acknowledgedSec;
    o.stderr.write(
      formatRunSummary(thisRunSummary(summary, outcome.priorSec, wallSec, endSec, o.local), o.paint) + '\n',
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

// One input on the terminal: a bar (a stream line for stdin) with the partial transcript, and,
// with --verbose, a line for each reconnect and session change.
function singleView(o: RunInputOptions, display: ReturnType<typeof createProgress>, label: string): FileView {
  const log = (line: string) => {
    if (!o.quiet) display.log(line);
  };
  let lastProgress: ProgressUpdate | undefined;
  let totalSec: number | undefined;
  return {
    event(event) {
      switch (event.type) {
        case 'partial':
          display.partial(event.text);
          break;
        case 'progress':
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
    },
    stop: () => display.stop(),
  };
}
