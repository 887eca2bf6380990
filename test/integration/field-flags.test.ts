// The flags of the service's newer fields and of the output layout, refused as a user meets them:
// the built CLI prints one line naming the flag (and the model, for a knob the model does not
// take) and a hint, and exits 2 before it connects to anything (nothing listens on the endpoint).
// Decided before anything is read or sent, so in-process (runMain); errors.test.ts takes a usage
// error through the built CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { runCli, type CliResult } from '../helpers/run-cli.js';
import { runMain } from '../helpers/run-main.js';

let emulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emulator = await startEmulator({ timeScale: 40, seed: 3 });
});
afterAll(async () => {
  await emulator?.close();
});
const served = (deployment: string) => [
  '--endpoint',
  emulator.url,
  '--api-key',
  emulator.key,
  '--deployment',
  deployment,
  '--speed',
  '40',
  '-q',
];

const DEMO = 'fixtures/tonecode-demo.wav';
// Port 9 (discard): nothing answers; a usage error must come before any connection is tried.
const SERVICE = ['--endpoint', 'http://127.0.0.1:9', '--api-key', 'k-12345678', '--deployment', 'd'];

function expectUsage(result: CliResult, line: string, hint: string): void {
  expect(result.stderr.split('\n').slice(0, 2), result.stderr).toEqual([
    `realtime-transcribe: ${line}`,
    `hint: ${hint}`,
  ]);
  expect(result.code, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
}

describe('subtitle layout flags', () => {
  it('--max-line-width out of range', async () => {
    expectUsage(
      await runMain([DEMO, ...SERVICE, '-f', 'srt', '--max-line-width', '5']),
      '--max-line-width takes a whole number from 10 to 1000 (5)',
      'for example --max-line-width 32',
    );
  });

  it('--max-lines out of range', async () => {
    expectUsage(
      await runMain([DEMO, ...SERVICE, '-f', 'vtt', '--max-lines', '0']),
      '--max-lines takes a whole number from 1 to 10 (0)',
      'for example --max-lines 1',
    );
  });

  it('layout flags with no subtitle format', async () => {
    expectUsage(
      await runMain([DEMO, ...SERVICE, '-f', 'txt,tsv', '-o', '/tmp/never', '--max-lines', '1']),
      '--max-lines lays out subtitles, but --format is txt,tsv',
      'add srt or vtt to --format, e.g. --format srt',
    );
  });
});

describe('the newer knobs, against the model table', () => {
  const model = (name: string) => [...SERVICE.slice(0, 4), '--provider', 'openai', '--model', name];

  it('--keywords for a model that takes none', async () => {
    expectUsage(
      await runMain([DEMO, ...model('gpt-4o-transcribe'), '--keywords', 'ACME,Contoso']),
      '--keywords is taken only by gpt-transcribe and gpt-live-transcribe, not by gpt-4o-transcribe',
      'drop --keywords, or transcribe with one of those models',
    );
  });

  it('several --language codes for a model that takes one', async () => {
    expectUsage(
      await runMain([DEMO, ...model('whisper-1'), '--language', 'en,fr']),
      '--language is taken only by gpt-transcribe and gpt-live-transcribe, not by whisper-1',
      'drop --language, or transcribe with one of those models',
    );
  });

  it('--delay for a model other than gpt-realtime-whisper, and a --delay it does not know', async () => {
    expectUsage(
      await runMain([DEMO, ...model('gpt-live-transcribe'), '--delay', 'high']),
      '--delay is taken only by gpt-realtime-whisper, not by gpt-live-transcribe',
      'drop --delay, or transcribe with that model',
    );
    expectUsage(
      await runMain([DEMO, ...model('gpt-realtime-whisper'), '--delay', 'slow']),
      '--delay takes minimal, low, medium, high or xhigh (slow)',
      'realtime-transcribe --help lists every option',
    );
  });

  it('--vad-eagerness for a model that takes no turn detection, and beside --turn-detection none', async () => {
    expectUsage(
      await runMain([DEMO, ...model('gpt-realtime-whisper'), '--vad-eagerness', 'high']),
      '--vad-eagerness is for semantic VAD, and gpt-realtime-whisper takes no turn detection (the client commits)',
      'drop --vad-eagerness for gpt-realtime-whisper',
    );
    expectUsage(
      await runMain([DEMO, ...SERVICE, '--vad-eagerness', 'low', '--turn-detection', 'none']),
      '--vad-eagerness sets semantic VAD, but --turn-detection is none',
      'semantic VAD takes only --vad-eagerness; server VAD takes --vad-threshold, --vad-silence and --vad-prefix',
    );
  });
});

describe('the fields in the output of the built CLI, over a real socket', () => {
  it('--logprobs: every jsonl line has its mean log probability and its tokens', async () => {
    const result = await runCli([DEMO, ...served('emulator'), '--logprobs', '-f', 'jsonl']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(12);
    for (const line of lines) {
      const tokens = line.tokens as { token: string; logprob: number }[];
      expect(tokens.map((t) => t.token).join('')).toBe(line.text);
      const mean = tokens.reduce((sum, t) => sum + t.logprob, 0) / tokens.length;
      expect(line.logprob).toBe(Math.round(mean * 1e6) / 1e6);
    }
  }, 60_000);

  it('--local --model gpt-4o-transcribe-diarize: the built-in emulator labels speakers too', async () => {
    const result = await runCli([
      DEMO,
      '--local',
      '--model',
      'gpt-4o-transcribe-diarize',
      '--speed',
      '40',
      '-q',
      '-f',
      'tsv',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const rows = result.stdout.trim().split('\n');
    expect(rows[0]).toBe('start\tend\ttext');
    expect(rows.slice(1).map((r) => r.split('\t')[2]!.slice(0, 3))).toEqual(
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'A: ' : 'B: ')),
    );
  }, 60_000);

  it('a diarizing deployment: vtt voice spans and srt prefixes alternate A and B, one per sentence', async () => {
    const vtt = await runCli([DEMO, ...served('gpt-4o-transcribe-diarize'), '-f', 'vtt']);
    expect(vtt.code, vtt.stderr).toBe(0);
    const voices = vtt.stdout.split('\n').filter((l) => l.startsWith('<v '));
    expect(voices.map((l) => l.slice(0, 5)).join('')).toBe('<v A><v B>'.repeat(6));
    const txt = await runCli([DEMO, ...served('gpt-4o-transcribe-diarize'), '-f', 'txt']);
    expect(
      txt.stdout
        .trim()
        .split('\n')
        .map((l) => l.slice(0, 3)),
    ).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'A: ' : 'B: ')));
  }, 60_000);
});
