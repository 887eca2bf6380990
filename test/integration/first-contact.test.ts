// What a newcomer meets with the built CLI, each message true: --local on speech says why it
// writes markers; -o creates directories, writes devices and FIFOs as they are, says the truth
// about /proc; an interrupted run's JSON and the continued run's summary agree with each other;
// a refused key leaves the refusal in --log-events; a batch's interrupted files are interrupted.
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { LOCAL_NOTE } from '../../src/cli/local-note.js';
import { CLI_PATH, cleanEnv, outputOf, REPO_ROOT, runCli, runCliUntil } from '../helpers/run-cli.js';
import { makeCorpusFile } from '../helpers/tonecode-files.js';

const DEMO = join(REPO_ROOT, 'fixtures', 'tonecode-demo.wav');
const LOCAL = ['--local', '--speed', '20'];
let dir: string;
let long: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-first-contact-'));
  long = (await makeCorpusFile(dir, { count: 40 })).path; // 95.5 s
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const acks = (journal: string) =>
  existsSync(journal)
    ? readFileSync(journal, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('{"ack"')).length
    : 0;

describe('--local on sound that is not tonecode', () => {
  it.each([[[]], [['-v']]])(
    'writes markers and says once why, on stderr %j',
    async (extra) => {
      const result = await runCli([...LOCAL, ...extra, 'fixtures/speech.wav']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^\[speech \d+\.\d s at \d+\.\d s\]\n$/);
      expect(result.stderr.split('\n').filter((line) => line === LOCAL_NOTE)).toHaveLength(1);
    },
    60_000,
  );

  it('says nothing of the kind for tonecode', async () => {
    const result = await runCli([...LOCAL, DEMO]);
    expect(result.stderr).not.toContain('note:');
  }, 60_000);
});

describe('a damaged file', () => {
  it('is "cannot decode input", the message of its row in docs/cli.md', async () => {
    const { locateFfmpeg } = await import('../../src/audio/ffmpeg-locate.js');
    const whole = join(dir, 'whole.m4a');
    execFileSync(locateFfmpeg().path, ['-hide_banner', '-loglevel', 'error', '-y', '-i', DEMO, whole]);
    const cut = join(dir, 'cut.m4a');
    const bytes = readFileSync(whole);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const result = await runCli([...LOCAL, cut]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^realtime-transcribe: cannot decode input \(.*cut\.m4a\): ffmpeg says "/);
  }, 60_000);
});

describe('-o', () => {
  it("creates the directories of a single file's output, as the README example does", async () => {
    const cwd = join(dir, 'subs-example');
    await mkdir(cwd);
    const result = await runCli([...LOCAL, DEMO, '-f', 'srt,vtt', '-o', 'subs/talk'], { cwd });
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(join(cwd, 'subs'))).sort()).toEqual(['talk.srt', 'talk.vtt']);
  }, 60_000);

  it.skipIf(!existsSync('/dev/full'))(
    '/dev/full: written as it is, and its ENOSPC reported',
    async () => {
      const result = await runCli([...LOCAL, DEMO, '-o', '/dev/full']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'realtime-transcribe: cannot write output (/dev/full): ENOSPC no space left on device\nhint: free some space on that device, or choose another output path with -o\n',
      );
      expect(result.stderr).not.toContain('the rest was not'); // the audio was transcribed, only not written
      expect(existsSync('/dev/full.txt')).toBe(false);
      expect(existsSync('/dev/full.rt-journal')).toBe(false);
    },
    60_000,
  );

  it('a FIFO: the transcript goes into it, with no extension, temporary file or checkpoint beside it', async () => {
    const fifoDir = join(dir, 'fifo');
    await mkdir(fifoDir);
    const fifo = join(fifoDir, 'transcript');
    execFileSync('mkfifo', [fifo]);
    let read = '';
    const reader = createReadStream(fifo, { encoding: 'utf8' }).on('data', (d) => (read += String(d)));
    const closed = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const result = await runCli([...LOCAL, DEMO, '-o', fifo]);
    await closed;
    expect(result.code, result.stderr).toBe(0);
    expect(read.split('\n')[0]).toBe('Alpha alpha alpha hotel lotus.');
    expect(read.trim().split('\n')).toHaveLength(12);
    expect(await readdir(fifoDir)).toEqual(['transcript']);
  }, 60_000);

  it('/proc/x.txt: the hint does not say to create /proc', async () => {
    const result = await runCli([...LOCAL, DEMO, '-o', '/proc/x.txt']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'realtime-transcribe: cannot write output (/proc/x.txt): ENOENT no such file or directory\n' +
        'hint: /proc does not take new files (a virtual file system such as /proc or /sys); choose another output path with -o\n',
    );
  }, 60_000);
});

describe('an interrupted run and its continuation', () => {
  it("JSON says local and the input's length; the offsets agree; the summary counts this run", async () => {
    const out = join(dir, 'interrupted', 'long');
    const journal = `${out}.json.rt-journal`;
    const first = await runCliUntil(
      [...LOCAL.slice(0, 1), '--speed', '10', long, '-f', 'json,txt', '-o', out],
      () => acks(journal) >= 6,
    );
    expect(first.code, first.stderr).toBe(130);
    const stoppedAt = /interrupted by SIGINT: not transcribed from (\d+\.\d) s of /.exec(first.stderr)?.[1];
    expect(stoppedAt, first.stderr).toBeDefined();
    const metadata = (JSON.parse(await readFile(`${out}.json`, 'utf8')) as { metadata: Record<string, unknown> })
      .metadata;
    expect(metadata).toMatchObject({ provider: 'local', model: 'emulator', durationSec: 95.5, complete: false });
    expect((metadata.notTranscribedFromSec as number).toFixed(1)).toBe(stoppedAt);

    const second = await runCli([...LOCAL, long, '-f', 'json,txt', '-o', out]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`continuing from ${stoppedAt} s with `);
    const audio = /^done: \d+ utterances? from (\d+):(\d\d) of audio in /m.exec(second.stderr);
    expect(audio, second.stderr).not.toBeNull();
    // This run's audio: from the checkpoint to the end, not the whole input. From the offset to the
    // millisecond (the one-decimal figure on stderr can put the difference across a whole second).
    const fromSec = metadata.notTranscribedFromSec as number;
    expect(Number(audio![1]) * 60 + Number(audio![2])).toBe(Math.floor(95.5 - fromSec));
    const done = (JSON.parse(await readFile(`${out}.json`, 'utf8')) as { metadata: Record<string, unknown> }).metadata;
    expect(done).toMatchObject({ provider: 'local', durationSec: 95.5, complete: true });
  }, 180_000);
});

describe('a refused key with --log-events', () => {
  it('writes the refused upgrade (URL, status, body) with no secret', async () => {
    const emulator = await startEmulator({ key: 'right-key-1234567890' });
    try {
      const log = join(dir, 'refused.jsonl');
      const result = await runCli([
        DEMO,
        '--endpoint',
        emulator.url,
        '--api-key',
        'wrong-key-0987654321',
        '--deployment',
        'd',
        '--log-events',
        log,
      ]);
      expect(result.code).toBe(1);
      // A wrong key fails at once, without retrying and without printing the key.
      expect(result.stderr.split('\n')[0]).toMatch(
        /^realtime-transcribe: the service rejected the key \(401 from ws:\/\/127\.0\.0\.1:\d+\/openai\/v1\/realtime\?intent=transcription\)$/,
      );
      expect(result.stderr).not.toContain('wrong-key-0987654321');
      expect(emulator.stats().upgrades).toBe(1);
      const lines = (await readFile(log, 'utf8')).trim().split('\n');
      const refused = lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((entry) => entry.status === 401);
      expect(refused, lines.join('\n')).toMatchObject({ kind: 'upgrade-refused', status: 401 });
      expect(String(refused!.url)).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/openai\/v1\/realtime\?intent=transcription$/);
      expect(String(refused!.body)).toMatch(/api key/i);
      expect(lines.join('\n')).not.toContain('wrong-key-0987654321');
    } finally {
      await emulator.close();
    }
  }, 60_000);
});

describe('a batch stopped by Ctrl-C', () => {
  it('reports its unfinished files as interrupted, not failed', async () => {
    const inputs = join(dir, 'batch-in');
    await mkdir(inputs);
    await copyFile(long, join(inputs, 'a.wav'));
    await copyFile(long, join(inputs, 'b.wav'));
    const out = join(dir, 'batch-out');
    const result = await runCliUntil(
      ['--local', '--speed', '10', '--jobs', '1', inputs, '-o', out],
      () => acks(join(out, 'a.txt.rt-journal')) >= 3,
    );
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).toMatch(
      new RegExp(
        `^${inputs}/a\\.wav +interrupted +\\d:\\d\\d .* interrupted by SIGINT: not transcribed from \\d+\\.\\d s$`,
        'm',
      ),
    );
    expect(result.stderr).toMatch(
      new RegExp(`^${inputs}/b\\.wav +interrupted .*not started: interrupted by SIGINT$`, 'm'),
    );
    expect(result.stderr.trim().split('\n').at(-1)).toBe('0 ok, 0 failed, 2 interrupted, 0 skipped');
    expect(result.stderr).not.toMatch(/\bfailed\b(?!, )/);
  }, 180_000);
});

describe('a file name that is not UTF-8', () => {
  // `n\xff\xfe.wav`: spawn's arguments are strings, so the shell passes the bytes on.
  const rawName = (dirPath: string, stem: string) =>
    Buffer.concat([Buffer.from(`${dirPath}/${stem}`), Buffer.from([0xff, 0xfe]), Buffer.from('.wav')]);

  it('is transcribed when named directly, and through its directory', async () => {
    const where = join(dir, 'raw-names');
    await mkdir(join(where, 'in'), { recursive: true });
    const direct = rawName(where, 'n');
    const inside = rawName(join(where, 'in'), 'd');
    const { copyFileSync } = await import('node:fs');
    copyFileSync(DEMO, direct);
    copyFileSync(DEMO, inside);

    const shell = (command: string) =>
      outputOf(spawn('sh', ['-c', command], { cwd: REPO_ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] }))
        .closed;
    const q = (text: string) => `'${text}'`;
    const named = await shell(
      `${q(process.execPath)} ${q(CLI_PATH)} --local --speed 20 -q "$(printf '${where}/n\\377\\376.wav')"`,
    );
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout.trim().split('\n')).toHaveLength(12);

    const out = join(where, 'out');
    const batch = await shell(
      `${q(process.execPath)} ${q(CLI_PATH)} --local --speed 20 ${q(join(where, 'in'))} -o ${q(out)}`,
    );
    expect(batch.code, batch.stderr).toBe(0);
    expect(batch.stderr.trim().split('\n').at(-1)).toBe('1 ok, 0 failed, 0 skipped');
    // The transcript is named after the decoded name (U+FFFD for the bytes that are not UTF-8).
    expect(await readdir(out)).toEqual(['d\ufffd\ufffd.txt']);
  }, 120_000);
});
