import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToneGen } from '../../../src/cli/commands/tonecode.js';
import { corpusTimings, decodeTonecode, synthesizeCorpus, wavHeader } from '../../../src/tonecode/index.js';
import { readPcm } from '../../helpers/tonecode-files.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tonecode-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function sink() {
  const parts: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, bytes: () => Buffer.concat(parts), text: () => Buffer.concat(parts).toString('utf8') };
}

async function run(argv: string[]) {
  const stdout = sink();
  const stderr = sink();
  const code = await runToneGen(argv, { stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout, stderr: stderr.text() };
}

describe('runToneGen', () => {
  it('writes a WAV and its timings, and says so in one line on stderr', async () => {
    const out = join(dir, 'a.wav');
    const timings = join(dir, 'a.json');
    const { code, stderr } = await run([
      '--sentences',
      '3',
      '--first',
      '20',
      '--pause-ms',
      '800',
      '--noise-dbfs',
      '-55',
      '-o',
      out,
      '--timings',
      timings,
    ]);
    expect(code).toBe(0);
    expect(stderr).toBe(
      `tonecode: wrote ${out}: 3 sentences (20-22), 5.7 s, 24000 Hz mono wav, noise -55 dBFS, timings in ${timings}\n`,
    );
    const opts = { first: 20, count: 3, pauseMs: 800, noiseDbfs: -55 };
    expect(JSON.parse(await readFile(timings, 'utf8'))).toEqual(corpusTimings(opts));
    const bytes = await readFile(out);
    expect(bytes.subarray(44).equals(Buffer.from(synthesizeCorpus(opts).pcm.buffer))).toBe(true);
  });

  it('takes the format from the extension and encodes it with ffmpeg', async () => {
    const out = join(dir, 'b.mp3');
    const { code, stderr } = await run([
      '--sentences',
      '4',
      '--rate',
      '44100',
      '--channels',
      '2',
      '--bitrate',
      '64',
      '-o',
      out,
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain('44100 Hz stereo mp3');
    const words = decodeTonecode(await readPcm(out)).words.map((w) => w.text);
    expect(words.join(' ')).toBe(
      corpusTimings({ count: 4 })
        .map((t) => t.text)
        .join(' '),
    );
  }, 30_000);

  it('writes WAV to stdout with -o -', async () => {
    const { code, stdout } = await run([
      '--sentences',
      '2',
      '--rate',
      '16000',
      '--lead-ms',
      '100',
      '--trail-ms',
      '0',
      '-o',
      '-',
    ]);
    expect(code).toBe(0);
    const pcm = synthesizeCorpus({ count: 2, sampleRate: 16000, leadingSilenceMs: 100, trailingSilenceMs: 0 }).pcm;
    expect(stdout.bytes().equals(Buffer.concat([wavHeader(pcm.byteLength, 16000, 1), Buffer.from(pcm.buffer)]))).toBe(
      true,
    );
  });

  it('prints usage for --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout.text()).toMatch(/^usage: realtime-transcribe tonecode --sentences N -o PATH \[options\]/);
  });

  it.each([
    [[], 'tonecode: --sentences N is required (how many sentences to write)'],
    [['--sentences', '3'], 'tonecode: -o PATH is required (where to write the audio; "-" for stdout)'],
    [['--sentences', 'ten', '-o', 'x.wav'], 'tonecode: --sentences must be a number, got "ten"'],
    [
      ['--sentences', '3', '--rate', '1000', '-o', 'x.wav'],
      'tonecode: --rate must be a whole number from 8000 to 192000, got 1000',
    ],
    [['--sentences', '3', '--channels', '6', '-o', 'x.wav'], 'tonecode: --channels must be 1 or 2, got 6'],
    [
      ['--sentences', '3', '--noise-dbfs', '6', '-o', 'x.wav'],
      'tonecode: --noise-dbfs must be a level of 0 dBFS or below (e.g. -55), got 6',
    ],
    [
      ['--sentences', '3', '--format', 'aiff', '-o', 'x.wav'],
      'tonecode: --format must be one of wav, mp3, flac, ogg, m4a, got "aiff"',
    ],
    [
      ['--sentences', '3', '--bitrate', '4', '-o', 'x.mp3'],
      'tonecode: --bitrate must be a whole number of kbps from 8 to 512, got 4',
    ],
    [
      ['--sentences', '3', '--format', 'mp3', '-o', '-'],
      'tonecode: only wav can be written to stdout, got --format mp3\nhint: write it to a file with -o PATH',
    ],
    [['--sentences', '3', '--volume', '2', '-o', 'x.wav'], "tonecode: Unknown option '--volume'"],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const { code, stderr } = await run(argv);
    expect(code).toBe(2);
    expect(stderr).toBe(`${message}\nrun with --help for the options\n`);
  });

  it('exits 1 when the output cannot be written', async () => {
    const out = join(dir, 'missing-dir', 'c.wav');
    const { code, stderr } = await run(['--sentences', '1', '-o', out]);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^tonecode: could not write ${out}: ENOENT`));
  });
});

describe('node dist/cli/commands/tonecode.js', () => {
  const built = fileURLToPath(new URL('../../../dist/cli/commands/tonecode.js', import.meta.url));

  it.skipIf(!existsSync(built))('runs when invoked directly (after npm run build)', async () => {
    const out = join(dir, 'direct.wav');
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [built, '--sentences', '2', '-o', out]);
    expect(stdout).toBe('');
    expect(stderr).toBe(`tonecode: wrote ${out}: 2 sentences (0-1), 3.7 s, 24000 Hz mono wav\n`);
    expect(existsSync(out)).toBe(true);
    const failed = await promisify(execFile)(process.execPath, [built, '--sentences', 'x', '-o', out]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({
      code: 2,
      stderr: 'tonecode: --sentences must be a number, got "x"\nrun with --help for the options\n',
    });
  });
});
