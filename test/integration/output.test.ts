// Output people can use, end to end: the built CLI against the emulator writes subtitles whose
// cues start where the speech starts (across rotations and resumes), JSON whose metadata agrees
// with the summary on stderr, JSON Lines that stream, and no escape codes into a pipe.
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import {
  checkTranscript,
  corpusDurationSec,
  formatCheckReport,
  type SentenceTiming,
} from '../../src/tonecode/index.js';
import { makeCorpusFile, type CorpusFile } from '../helpers/tonecode-files.js';
import { CLI_PATH, cleanEnv, REPO_ROOT, runCli } from '../helpers/run-cli.js';
import { serviceArgs as flagsFor, type Emulator } from '../helpers/service-args.js';
import { parseSrtStrict } from '../helpers/strict-srt.js';
import { parseVttStrict } from '../helpers/strict-vtt.js';
import { screenOf } from '../helpers/screen.js';

const SPEED = 40;
const FAULT_SPEED = 10;
const TOLERANCE_MS = 300;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-output-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const serviceArgs = (e: Emulator) => flagsFor(e, { speed: SPEED });
const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');

// `  7 sessions (4 rotations, 2 resumes, 3.6 s re-sent)` from the summary on stderr.
function summaryCounts(stderr: string): { sessions: number; rotations: number; resumes: number } {
  const m = /(\d+) sessions? \((\d+) rotations?, (\d+) resumes?,/.exec(stderr);
  if (!m) throw new Error(`no summary in stderr:\n${stderr}`);
  return { sessions: Number(m[1]), rotations: Number(m[2]), resumes: Number(m[3]) };
}

/**
 * Maps cues to sentences by their text: a long utterance may be split over several cues, so
 * consecutive cues are joined until they spell the next sentence. Returns, per sentence, the
 * first cue's start minus the sentence's true onset, in ms; throws if the cues do not spell the
 * sentences in order.
 */
function cueStartErrors(cues: { startMs: number; text: string }[], timings: SentenceTiming[]): number[] {
  const errors: number[] = [];
  let next = 0;
  let joined = '';
  let firstStart = 0;
  for (const cue of cues) {
    if (joined === '') firstStart = cue.startMs;
    joined = joined === '' ? words(cue.text) : `${joined} ${words(cue.text)}`;
    const expected = timings[next];
    if (!expected) throw new Error(`a cue after the last sentence: ${cue.text}`);
    if (joined === expected.text) {
      errors.push(Math.round(firstStart - expected.startSec * 1000));
      joined = '';
      next++;
    } else if (!expected.text.startsWith(`${joined} `)) {
      throw new Error(`cues spell "${joined}" where sentence ${expected.index} is "${expected.text}"`);
    }
  }
  if (next !== timings.length) throw new Error(`cues cover ${next} of ${timings.length} sentences`);
  return errors;
}

function stats(errors: number[]): { max: number; median: number } {
  const abs = errors.map(Math.abs).sort((a, b) => a - b);
  return { max: abs.at(-1) ?? 0, median: abs[Math.floor(abs.length / 2)] ?? 0 };
}

describe('subtitles, JSON and the summary agree through rotations and resumes', () => {
  let emulator: Emulator;
  let corpus: CorpusFile;
  let base: string;
  let result: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    // Sessions 1 and 3 drop 40 s in (before the 1-minute rotation); the others rotate: at least
    // 3 sessions, 2 resumes and a rotation over a 5-minute corpus.
    // At ×10, not ×40: the emulator runs in this busy test process, and each second it waits for
    // the CPU is --speed seconds of service time, enough at ×40 for the client to judge a session
    // stalled or to commit inside a sentence. The faults and the rotation are in service time.
    emulator = await startEmulator({
      timeScale: FAULT_SPEED,
      seed: 5,
      faults: { drop: { afterMs: 40_000 }, dropSessions: [1, 3] },
    });
    corpus = await makeCorpusFile(dir, { count: 130 });
    base = join(dir, 'talk');
    result = await runCli(
      [
        corpus.path,
        ...['--endpoint', emulator.url, '--api-key', emulator.key, '--deployment', 'transcribe'],
        ...['--speed', String(FAULT_SPEED)],
        '--rotate-after',
        '1m',
        '-f',
        'srt,vtt,json',
        '-o',
        base,
      ],
      { timeoutMs: 110_000 },
    );
  }, 120_000);
  afterAll(async () => {
    await emulator?.close();
  });

  it('ran through at least 3 sessions and 2 resumes, as the emulator saw', () => {
    expect(result.code, result.stderr).toBe(0);
    const counts = summaryCounts(result.stderr);
    expect(counts.sessions).toBeGreaterThanOrEqual(3);
    expect(counts.resumes).toBeGreaterThanOrEqual(2);
    expect(counts.rotations).toBeGreaterThanOrEqual(1);
    expect(emulator.stats().drops).toBe(2);
    expect(corpus.timings.at(-1)!.endSec).toBeGreaterThan(300);
  });

  it(`SRT cue starts are within ${TOLERANCE_MS} ms of each sentence's onset, and the file is strictly valid`, async () => {
    const cues = parseSrtStrict(await readFile(`${base}.srt`, 'utf8'));
    const errors = cueStartErrors(
      cues.map((c) => ({ startMs: c.startMs, text: c.lines.join(' ') })),
      corpus.timings,
    );
    const { max, median } = stats(errors);
    console.info(`SRT cue-start error over ${errors.length} sentences: max ${max} ms, median ${median} ms`);
    expect(max).toBeLessThanOrEqual(TOLERANCE_MS);
  });

  it(`VTT cue starts are within ${TOLERANCE_MS} ms of each sentence's onset, and the file is strictly valid`, async () => {
    const cues = parseVttStrict(await readFile(`${base}.vtt`, 'utf8'));
    const errors = cueStartErrors(
      cues.map((c) => ({ startMs: c.startMs, text: c.text.join(' ') })),
      corpus.timings,
    );
    const { max, median } = stats(errors);
    console.info(`VTT cue-start error over ${errors.length} sentences: max ${max} ms, median ${median} ms`);
    expect(max).toBeLessThanOrEqual(TOLERANCE_MS);
  });

  it('JSON: metadata that matches the summary, and every segment with its session and item', async () => {
    const doc = JSON.parse(await readFile(`${base}.json`, 'utf8')) as {
      version: number;
      metadata: Record<string, unknown>;
      segments: { start: number; end: number; text: string; session: number; itemId: string }[];
    };
    const pkg = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const counts = summaryCounts(result.stderr);
    const m = doc.metadata;
    expect(Object.keys(m)).toEqual([
      'input',
      'durationSec',
      'provider',
      'model',
      'sessions',
      'resumes',
      'rotations',
      'startedAt',
      'finishedAt',
      'toolVersion',
      'complete',
      'usage',
      'speech',
    ]);
    // What the speech detector decided: tonecode is loud, so nothing is quiet about it.
    expect(m.speech).toMatchObject({ detector: 'webrtc', sensitivity: 'normal', speechSec: expect.any(Number) });
    expect((m.speech as { speechPeakDbfs: number }).speechPeakDbfs).toBeGreaterThan(-20);
    // What the service reported billing: the emulator bills seconds of audio per item.
    expect(m.usage).toMatchObject({
      items: expect.any(Number),
      unreported_items: 0,
      duration_seconds: expect.any(Number),
    });
    expect(m).toMatchObject({
      input: corpus.path,
      provider: 'azure',
      model: 'transcribe',
      toolVersion: pkg.version,
      complete: true,
      ...counts,
    });
    expect(m.durationSec as number).toBeCloseTo(corpusDurationSec({ count: 130 }), 2);
    expect(Date.parse(m.startedAt as string)).toBeLessThan(Date.parse(m.finishedAt as string));

    expect(doc.segments).toHaveLength(130);
    const check = checkTranscript(doc.segments.map((s) => s.text).join('\n'), { count: 130 });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    for (const s of doc.segments) {
      expect(Object.keys(s)).toEqual(['start', 'end', 'text', 'session', 'itemId']);
      expect(s.end).toBeGreaterThan(s.start);
      expect(s.itemId).toMatch(/^item_/);
    }
    const sessions = new Set(doc.segments.map((s) => s.session));
    expect(sessions.size).toBeGreaterThanOrEqual(3);
    expect(Math.max(...sessions)).toBeLessThanOrEqual(counts.sessions);
    // Segments are in order on the input's own clock, across sessions.
    for (let i = 1; i < doc.segments.length; i++)
      expect(doc.segments[i]!.start).toBeGreaterThanOrEqual(doc.segments[i - 1]!.end);
  });

  it('stderr in a pipe carries no escape codes: no bar drawing, no colors', () => {
    expect(result.stderr).not.toContain('\x1b[');
    expect(result.stderr).not.toContain('\x1b');
    expect(result.stderr).toMatch(/^done: 130 utterances/m);
  });
});

describe('every format at once, and JSON Lines', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ timeScale: SPEED, seed: 9 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('-f all writes NAME.EXT for each format next to -o, and they tell the same story', async () => {
    const out = join(dir, 'all', 'demo');
    await mkdir(join(dir, 'all'));
    const result = await runCli(['fixtures/tonecode-demo.wav', ...serviceArgs(emulator), '-f', 'all', '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect((await readdir(join(dir, 'all'))).sort()).toEqual([
      'demo.json',
      'demo.jsonl',
      'demo.srt',
      'demo.tsv',
      'demo.txt',
      'demo.vtt',
    ]);

    const txt = (await readFile(`${out}.txt`, 'utf8')).trim().split('\n');
    const json = JSON.parse(await readFile(`${out}.json`, 'utf8')) as { segments: { text: string; start: number }[] };
    const jsonl = (await readFile(`${out}.jsonl`, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { text: string; start: number });
    expect(txt).toHaveLength(12);
    expect(json.segments.map((s) => s.text)).toEqual(txt);
    expect(jsonl).toEqual(json.segments);
    const tsv = (await readFile(`${out}.tsv`, 'utf8')).split('\n');
    expect(tsv[0]).toBe('start\tend\ttext');
    expect(tsv.slice(1, -1)).toEqual(
      (json.segments as { start: number; end: number; text: string }[]).map(
        (s) => `${Math.round(s.start * 1000)}\t${Math.round(s.end * 1000)}\t${s.text}`,
      ),
    );
    const srt = parseSrtStrict(await readFile(`${out}.srt`, 'utf8'));
    const vtt = parseVttStrict(await readFile(`${out}.vtt`, 'utf8'));
    expect(srt.map((c) => [c.startMs, c.endMs])).toEqual(vtt.map((c) => [c.startMs, c.endMs]));
    expect(words(srt.map((c) => c.lines.join(' ')).join(' '))).toBe(words(txt.join(' ')));
    expect(checkTranscript(txt.join('\n'), { count: 12 }).ok).toBe(true);
  });

  it('--max-line-width and --max-lines lay out the subtitle cues, in srt and vtt alike', async () => {
    const sub = join(dir, 'layout');
    await mkdir(sub);
    const result = await runCli([
      'fixtures/tonecode-demo.wav',
      ...serviceArgs(emulator),
      '-f',
      'srt,vtt,txt',
      '--max-line-width',
      '16',
      '--max-lines',
      '1',
      '-o',
      join(sub, 'talk'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    const srt = parseSrtStrict(await readFile(join(sub, 'talk.srt'), 'utf8'));
    const vtt = parseVttStrict(await readFile(join(sub, 'talk.vtt'), 'utf8'));
    for (const cue of [...srt, ...vtt]) {
      expect(cue.lines).toHaveLength(1);
      expect(cue.lines[0]!.length).toBeLessThanOrEqual(16);
    }
    expect(srt.map((c) => c.lines)).toEqual(vtt.map((c) => c.lines));
    const txt = await readFile(join(sub, 'talk.txt'), 'utf8');
    expect(words(srt.map((c) => c.lines.join(' ')).join(' '))).toBe(words(txt));
    expect(srt.length).toBeGreaterThan(12); // more cues than the 12 utterances: lines of 16 hold less
  });

  it('-f srt,vtt -o talk.txt replaces the known extension: talk.srt and talk.vtt', async () => {
    const sub = join(dir, 'pair');
    await mkdir(sub);
    const result = await runCli([
      'fixtures/tonecode-demo.wav',
      ...serviceArgs(emulator),
      '-f',
      'srt,vtt',
      '-o',
      join(sub, 'talk.txt'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(sub)).sort()).toEqual(['talk.srt', 'talk.vtt']);
  });

  it('jsonl with no -o streams to stdout: one line per segment, as each becomes final', async () => {
    const corpus = await makeCorpusFile(dir, { first: 400, count: 40 }); // about 95 s: 10 s at ×10
    const speed = 10;
    const e = await startEmulator({ timeScale: speed, seed: 3 });
    try {
      const child = spawn(
        process.execPath,
        [
          CLI_PATH,
          corpus.path,
          '--endpoint',
          e.url,
          '--api-key',
          e.key,
          '--deployment',
          'd',
          '--speed',
          String(speed),
          '-f',
          'jsonl',
        ],
        {
          cwd: REPO_ROOT,
          env: cleanEnv(),
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      // Audio the service had received when each line arrived: an order of events, not wall time.
      const heardSec = () => e.stats().sessions.reduce((sum, session) => sum + session.audioMs, 0) / 1000;
      const arrivals: number[] = [];
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        const lines = stdout.split('\n').length - 1;
        while (arrivals.length < lines) arrivals.push(heardSec());
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code, stderr).toBe(0);

      const records = stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(records).toHaveLength(40);
      for (const r of records) expect(Object.keys(r)).toEqual(['start', 'end', 'text', 'session', 'itemId']);
      expect(checkTranscript(records.map((r) => r.text as string).join('\n'), { first: 400, count: 40 }).ok).toBe(true);
      // Streamed: the first line came long before the service had heard the end, and lines kept
      // coming along the way.
      const totalSec = heardSec();
      expect(arrivals[0]!).toBeLessThan(totalSec / 3);
      expect(arrivals[19]!).toBeLessThan(totalSec * 0.75);
    } finally {
      await e.close();
    }
  }, 60_000);
});

// script(1) runs the CLI on a pseudo-terminal, as a person would: the bar is drawn.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe.skipIf(!hasScript)('progress in a terminal', () => {
  it('the bar ends at 100%, log lines stay above it, and the summary comes after it', async () => {
    const out = join(dir, 'tty.txt');
    const command = `${process.execPath} ${CLI_PATH} --local --speed 10 -v --local-drop 12s fixtures/tonecode-demo.wav -o ${out}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: REPO_ROOT,
      env: cleanEnv({ TERM: 'xterm' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (screen += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, screen).toBe(0);
    expect(screen).toContain('\x1b['); // drawn in place
    // Progress events come once a second of audio; the finished run still draws a full bar.
    const lastBar = screen.lastIndexOf('fixtures/tonecode-demo.wav \u2588');
    expect(screen.slice(lastBar)).toMatch(/^fixtures\/tonecode-demo\.wav \u2588{24} 100% \| 0:27\/0:27/);
    // On the screen, the log lines stay above the bar and the summary comes after it.
    const lines = screenOf(screen, 80);
    const barRow = lines.findIndex((line) => line.startsWith('fixtures/tonecode-demo.wav \u2588'));
    expect(lines.findIndex((line) => line.includes(' ended: finished'))).toBeLessThan(barRow);
    expect(lines[barRow + 1]).toMatch(/^done: /);
    expect(screen.indexOf('done:', lastBar)).toBeGreaterThan(lastBar);
  }, 30_000);
});
