// --dry-run: what a run would do, worked out from each input's decoded length and estimated speech,
// without connecting. Pure: measurements and settings in, a plan and its text out.
import { estimateBilled } from '../../realtime/usage.js';
import { autoParallel } from '../../run/parallel-input.js';
import { QUIET_SPEECH_DBFS } from '../../speech/speech-notices.js';

export interface MeasuredInput {
  /** The input as the user named it (`stdin` for '-'). */
  label: string;
  /** Decoded length: every sample counted, not ffmpeg's header figure. */
  seconds: number;
  speechSec: number;
  utterances: number;
  /** What a run would send: the input less the middles of long silences (default: all of it). */
  sentSec?: number | undefined;
  /** What each span sends, from the run's own span plan (one entry: no spans). */
  spanSentSec?: number[] | undefined;
  /** The level 99% of speech frames peak under, in dBFS. */
  speechPeakDbfs?: number | null | undefined;
  /** The detector that heard the speech (default: webrtc). */
  speech?: { detector: string; sensitivity: string } | undefined;
}

export interface PlanSettings {
  rotateAfterMs: number;
  speed: number;
  /** Files transcribed at once; undefined where the command has no --jobs. */
  jobs?: number | undefined;
  /** --parallel: spans of one file at once (default 1). */
  parallel?: number | 'auto' | undefined;
}

interface InputPlan extends MeasuredInput {
  sessions: number;
  wallSec: number;
  /** Spans sent at once. */
  spans: number;
}

export interface RunPlan {
  inputs: InputPlan[];
  /** Inputs that could not be measured (their errors are reported on their own). */
  failed: number;
  seconds: number;
  speechSec: number;
  sessions: number;
  wallSec: number;
  settings: PlanSettings;
}

/** One session per started `--rotate-after` of audio, and at least one. */
export function sessionsFor(seconds: number, rotateAfterMs: number): number {
  // Whole milliseconds first, so an input of exactly 8m is one 8m session, not two.
  return Math.max(1, Math.ceil(Math.round(seconds * 1000) / rotateAfterMs));
}

/**
 * Wall time of files run `jobs` at a time, each starting, in order, as soon as a slot is free (as
 * a batch pool does). Audio is paced at `--speed`, so a file takes its length divided by it.
 */
export function scheduleWallSec(wallSecs: readonly number[], jobs: number): number {
  const slots: number[] = new Array<number>(Math.max(1, Math.min(Math.floor(jobs), wallSecs.length))).fill(0);
  for (const wall of wallSecs) {
    // The slot free soonest (the first of equals) takes the next file.
    let earliest = 0;
    let earliestFree = slots[0] ?? 0;
    for (const [i, free] of slots.entries()) {
      if (free < earliestFree) {
        earliest = i;
        earliestFree = free;
      }
    }
    slots[earliest] = earliestFree + wall;
  }
  return Math.max(0, ...slots);
}

export function planRun(measured: readonly MeasuredInput[], settings: PlanSettings, failed = 0): RunPlan {
  const inputs = measured.map((m) => {
    // Each span goes at real-time pace of what it sends, and its sessions rotate by that clock:
    // the run's own span plan where it was measured, else an even split.
    const count = settings.parallel === 'auto' ? autoParallel(m.seconds) : (settings.parallel ?? 1);
    const spanSent = m.spanSentSec ?? new Array<number>(count).fill((m.sentSec ?? m.seconds) / count);
    return {
      ...m,
      spans: spanSent.length,
      sessions: spanSent.reduce((n, sent) => n + sessionsFor(sent, settings.rotateAfterMs), 0),
      wallSec: Math.max(0, ...spanSent) / settings.speed,
    };
  });
  const sum = (pick: (p: InputPlan) => number) => inputs.reduce((total, p) => total + pick(p), 0);
  return {
    inputs,
    failed,
    seconds: sum((p) => p.seconds),
    speechSec: sum((p) => p.speechSec),
    sessions: sum((p) => p.sessions),
    wallSec: scheduleWallSec(
      inputs.map((p) => p.wallSec),
      settings.jobs ?? 1,
    ),
    settings,
  };
}

/** The plan as the command prints it: a block per input, a total for several, ending in a newline. */
export function formatPlan(plan: RunPlan): string {
  const { settings } = plan;
  const blocks = plan.inputs.map((p) =>
    block(p.label, {
      duration: `${preciseClock(p.seconds)}, decoded in full`,
      speech: speechText(p.speechSec, p.seconds, p.utterances, p.speech?.detector),
      ...(typeof p.speechPeakDbfs === 'number' && p.speechPeakDbfs < QUIET_SPEECH_DBFS
        ? { level: `speech peaks at about ${p.speechPeakDbfs} dBFS: quiet, --normalize raises it` }
        : {}),
      ...(p.sentSec !== undefined && p.sentSec < p.seconds - 0.5
        ? {
            sent: `about ${roundClock(p.sentSec)} (${Math.round((p.sentSec / p.seconds) * 100)}%): the middles of long silences are skipped`,
          }
        : {}),
      sessions: `${p.sessions} (a session per ${rotateText(settings.rotateAfterMs)} of audio sent, --rotate-after)`,
      'wall time': `about ${roundClock(p.wallSec)} at --speed ${settings.speed}${p.spans > 1 ? `, ${p.spans} spans at once (--parallel)` : ''}`,
      billed: billedText(p.sentSec ?? p.seconds, p.speechSec, p.utterances),
    }),
  );
  if (plan.inputs.length + plan.failed > 1) {
    const jobs = settings.jobs !== undefined && plan.inputs.length > 1 ? ` with --jobs ${settings.jobs}` : '';
    const unread = plan.failed > 0 ? ` (${plan.failed} more could not be read)` : '';
    blocks.push(
      block(`total of ${count(plan.inputs.length, 'input')}${unread}`, {
        duration: preciseClock(plan.seconds),
        speech: speechText(
          plan.speechSec,
          plan.seconds,
          plan.inputs.reduce((n, p) => n + p.utterances, 0),
          plan.inputs[0]?.speech?.detector,
        ),
        sessions: String(plan.sessions),
        'wall time': `about ${roundClock(plan.wallSec)} at --speed ${settings.speed}${jobs}`,
        billed: billedText(
          plan.inputs.reduce((n, p) => n + (p.sentSec ?? p.seconds), 0),
          plan.speechSec,
          plan.inputs.reduce((n, p) => n + p.utterances, 0),
        ),
      }),
    );
  }
  return `${blocks.join('\n')}\ndry run: nothing was sent and nothing was written\n`;
}

// What the service would bill, where it bills by duration: each utterance's speech with the
// default server VAD's padding around it (300 ms before, 500 ms after), no more than is sent.
function billedText(seconds: number, speechSec: number, utterances: number): string {
  return estimateBilled({ seconds, speechSec, utterances, prefixPaddingMs: 300, silenceDurationMs: 500 }).text;
}

function block(title: string, rows: Record<string, string>): string {
  const width = Math.max(...Object.keys(rows).map((k) => k.length));
  return `${title}\n${Object.entries(rows)
    .map(([name, value]) => `  ${name.padEnd(width)}  ${value}\n`)
    .join('')}`;
}

function speechText(speechSec: number, seconds: number, utterances: number, detector = 'webrtc'): string {
  const share = seconds > 0 ? Math.round((speechSec / seconds) * 100) : 0;
  return `about ${roundClock(speechSec)} (${share}%) in ${count(utterances, 'utterance')}, by the ${detector} speech detector`;
}

function rotateText(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `0:27.70`, `1:02:03.40`: to the hundredth, since it was counted sample by sample. */
export function preciseClock(seconds: number): string {
  const centis = Math.round(Math.max(0, seconds) * 100);
  const hours = Math.floor(centis / 360_000);
  const minutes = Math.floor(centis / 6000) % 60;
  const secs = ((centis % 6000) / 100).toFixed(2).padStart(5, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}

/** `0:28`, `1:02:03`: an estimate, to the second (rounded, so 0.6 s reads 0:01). */
export function roundClock(seconds: number): string {
  const total = Math.round(Math.max(0, seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor(total / 60) % 60;
  const secs = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${secs}` : `${minutes}:${secs}`;
}
