// --dry-run: the pure plan, then the built CLI, which must plan without any credentials and
// without opening a connection.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatPlan,
  planRun,
  preciseClock,
  roundClock,
  scheduleWallSec,
  sessionsFor,
  type MeasuredInput,
} from '../../../src/cli/dry-run/plan-text.js';
import { startEmulator } from '../../../src/emulator/index.js';
import { corpusDurationSec } from '../../../src/tonecode/index.js';
import { makeCorpusFile } from '../../helpers/tonecode-files.js';
import { runCli } from '../../helpers/run-cli.js';

const input = (label: string, seconds: number, speechSec = seconds / 2, utterances = 3): MeasuredInput => ({
  label,
  seconds,
  speechSec,
  utterances,
});

describe('sessionsFor', () => {
  it.each([
    [0.5, 480_000, 1],
    [479.9, 480_000, 1],
    [480, 480_000, 1],
    [480.001, 480_000, 2],
    [3600, 480_000, 8],
    [311.5, 60_000, 6],
    [0, 60_000, 1],
  ])('%s s with rotation every %s ms: %s', (seconds, rotateAfterMs, sessions) => {
    expect(sessionsFor(seconds, rotateAfterMs)).toBe(sessions);
  });

  it('does not add a session for float noise at an exact multiple', () => {
    expect(sessionsFor(0.1 * 3 * 1600, 480_000)).toBe(1); // 480.00000000000006
  });
});

describe('scheduleWallSec', () => {
  it('one job runs the files one after another', () => {
    expect(scheduleWallSec([10, 20, 30], 1)).toBe(60);
  });

  it('each file takes the first free slot, in order', () => {
    // slot 1: 10, then 30 (free at 10) → 40; slot 2: 20
    expect(scheduleWallSec([10, 20, 30], 2)).toBe(40);
    expect(scheduleWallSec([30, 10, 10, 10], 2)).toBe(30);
  });

  it('more jobs than files: the longest file', () => {
    expect(scheduleWallSec([5, 50, 7], 8)).toBe(50);
  });

  it('no files: no time', () => {
    expect(scheduleWallSec([], 4)).toBe(0);
  });
});

describe('planRun', () => {
  it('sessions from --rotate-after, wall time from --speed and --jobs', () => {
    const plan = planRun([input('a.wav', 600), input('b.wav', 300), input('c.wav', 300)], {
      rotateAfterMs: 480_000,
      speed: 2,
      jobs: 2,
    });
    expect(plan.inputs.map((p) => [p.sessions, p.wallSec])).toEqual([
      [2, 300],
      [1, 150],
      [1, 150],
    ]);
    expect(plan.seconds).toBe(1200);
    expect(plan.speechSec).toBe(600);
    expect(plan.sessions).toBe(4);
    expect(plan.wallSec).toBe(300); // b and c share the second slot while a runs
  });

  it('without --jobs the inputs run one after another', () => {
    const plan = planRun([input('a.wav', 60), input('b.wav', 60)], { rotateAfterMs: 480_000, speed: 1 });
    expect(plan.wallSec).toBe(120);
  });
});

describe('formatPlan', () => {
  it('one input: a block with its length, speech, sessions and wall time', () => {
    const plan = planRun([input('talk.wav', 27.7, 15.2, 12)], { rotateAfterMs: 480_000, speed: 1, jobs: 2 });
    expect(formatPlan(plan)).toBe(
      [
        'talk.wav',
        '  duration   0:27.70, decoded in full',
        '  speech     about 0:15 (55%) in 12 utterances, by the webrtc speech detector',
        '  sessions   1 (a session per 8m of audio sent, --rotate-after)',
        '  wall time  about 0:28 at --speed 1',
        '  billed     about 24.8 s of audio where billed by duration; token-billed models cannot be estimated exactly',
        '',
        'dry run: nothing was sent and nothing was written',
        '',
      ].join('\n'),
    );
  });

  it('several inputs: a total, with --jobs and the inputs that could not be read', () => {
    const plan = planRun(
      [input('a.wav', 3600, 1800, 400), input('b.mp3', 90, 30, 1)],
      { rotateAfterMs: 60_000, speed: 40, jobs: 4 },
      1,
    );
    const text = formatPlan(plan);
    expect(text).toContain(
      'b.mp3\n  duration   1:30.00, decoded in full\n  speech     about 0:30 (33%) in 1 utterance, by the webrtc speech detector\n',
    );
    expect(text).toContain('  sessions   60 (a session per 1m of audio sent, --rotate-after)\n');
    expect(text).toContain(
      [
        'total of 2 inputs (1 more could not be read)',
        '  duration   1:01:30.00',
        '  speech     about 30:30 (50%) in 401 utterances, by the webrtc speech detector',
        '  sessions   62',
        '  wall time  about 1:30 at --speed 40 with --jobs 4',
      ].join('\n'),
    );
    expect(text.endsWith('dry run: nothing was sent and nothing was written\n')).toBe(true);
  });

  it('a single input left after failures still gets a total that says so', () => {
    const text = formatPlan(planRun([input('a.wav', 10)], { rotateAfterMs: 60_000, speed: 1 }, 2));
    expect(text).toContain('total of 1 input (2 more could not be read)\n');
  });
});

describe('clocks', () => {
  it.each([
    [0, '0:00.00'],
    [27.7, '0:27.70'],
    [59.999, '1:00.00'],
    [3723.4, '1:02:03.40'],
  ])('preciseClock(%s) = %s', (seconds, text) => {
    expect(preciseClock(seconds)).toBe(text);
  });

  it.each([
    [0.4, '0:00'],
    [0.6, '0:01'],
    [27.7, '0:28'],
    [3723.4, '1:02:03'],
  ])('roundClock(%s) = %s', (seconds, text) => {
    expect(roundClock(seconds)).toBe(text);
  });
});

describe('the built CLI with --dry-run', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rt-dry-run-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('plans a file with no credentials at all, connects to nothing and writes nothing', async () => {
    const emulator = await startEmulator({ seed: 1 });
    try {
      const corpus = await makeCorpusFile(dir, { count: 130 });
      const out = join(dir, 'never.srt');
      // An endpoint is given (so a real run would connect) but no key: a dry run needs neither.
      const result = await runCli([
        '--dry-run',
        corpus.path,
        '--endpoint',
        emulator.url,
        '--rotate-after',
        '1m',
        '--speed',
        '40',
        '-f',
        'srt',
        '-o',
        out,
      ]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toBe('');
      const seconds = corpusDurationSec({ count: 130 });
      expect(result.stdout).toContain(`${corpus.path}\n  duration   ${preciseClock(seconds)}, decoded in full\n`);
      expect(result.stdout).toMatch(
        /\n {2}speech {5}about \d+:\d\d \(\d+%\) in 130 utterances, by the webrtc speech detector\n/,
      );
      // A second of pause after each sentence: 0.6 s of each is sent, the rest skipped.
      const sent = /\n {2}sent {7}about (\d+):(\d\d) \((\d+)%\): the middles of long silences are skipped\n/.exec(
        result.stdout,
      );
      expect(sent, result.stdout).not.toBeNull();
      const sentSec = Number(sent![1]) * 60 + Number(sent![2]);
      expect(sentSec).toBeLessThan(seconds - 129 * 0.3);
      expect(result.stdout).toContain(
        `  sessions   ${Math.ceil((sentSec - 0.5) / 60)} (a session per 1m of audio sent, --rotate-after)\n`,
      );
      expect(result.stdout).toMatch(/\n {2}wall time {2}about 0:\d\d at --speed 40\n/);
      expect(emulator.stats().upgrades).toBe(0);
      expect(await readdir(dir)).not.toContain('never.srt');
    } finally {
      await emulator.close();
    }
  }, 30_000);

  it('reads stdin to its end', async () => {
    const corpus = await makeCorpusFile(dir, { first: 50, count: 5 });
    const result = await runCli(['--dry-run', '-'], { stdin: await readFile(corpus.path) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      `stdin\n  duration   ${preciseClock(corpusDurationSec({ first: 50, count: 5 }))}, decoded in full\n`,
    );
  });

  it('reports an input it cannot read in the usual format, plans the rest, and exits 1', async () => {
    const result = await runCli(['--dry-run', 'fixtures/tonecode-demo.wav', 'no-such.wav', 'fixtures/not-audio.wav']);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('realtime-transcribe:'))).toEqual([
      'realtime-transcribe: input file not found (no-such.wav)',
      'realtime-transcribe: not an audio file (fixtures/not-audio.wav): ffmpeg says "Invalid data found when processing input"',
    ]);
    expect(result.stdout).toContain('fixtures/tonecode-demo.wav\n  duration   0:27.70, decoded in full\n');
    expect(result.stdout).toContain('total of 1 input (2 more could not be read)\n');
  });

  it('checks the flags as a real run would: a bad value is a usage error (exit 2)', async () => {
    const result = await runCli(['--dry-run', '--rotate-after', '5s', 'fixtures/tonecode-demo.wav']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toBe(
      'realtime-transcribe: --rotate-after takes a duration from 10s to 28m (5s)',
    );
    expect(result.stdout).toBe('');
  });
});
