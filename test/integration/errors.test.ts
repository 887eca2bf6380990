// Errors that teach: every error a user can cause, run through the built CLI, prints exactly one
// line `realtime-transcribe: <what> (<value>)`, then a `hint:` line, and exits with the documented
// code (1 failed, 2 usage). docs/cli.md lists the same errors for people.
// Errors decided before anything is read or sent (usage, configuration) call the command's main()
// in-process (runMain); one of each kind still goes through the built CLI, whose exit code is the
// one main() returns.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import {
  checkTranscript,
  corpusDurationSec,
  formatCheckReport,
  synthesizeCorpusChunks,
  wavHeader,
} from '../../src/tonecode/index.js';
import { CLI_PATH, cleanEnv, REPO_ROOT, runCli, type CliResult } from '../helpers/run-cli.js';
import { serviceArgs as flagsFor, type Emulator } from '../helpers/service-args.js';
import { runMain } from '../helpers/run-main.js';

const DEMO = 'fixtures/tonecode-demo.wav';
const KEY = 'k-12345678';
let dir: string;
let emulator: Emulator;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-errors-'));
  emulator = await startEmulator({ timeScale: 40, seed: 3 });
});
afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

const serviceArgs = (e: Emulator) => flagsFor(e, { deployment: 'd' });
// The URL the client shows for an emulator (Azure path, the key never in it).
const realtimeUrl = (base: string) => `${base.replace(/^http/, 'ws')}/openai/v1/realtime?intent=transcription`;

/** The error as a user sees it: its line, its hint, and the exit code. */
function expectError(result: CliResult, code: number, line: string | RegExp): void {
  const lines = result.stderr.split('\n');
  const at = lines.findIndex((l) => l.startsWith('realtime-transcribe: '));
  expect(at, result.stderr).toBe(0);
  if (typeof line === 'string') expect(lines[0]).toBe(line);
  else expect(lines[0]).toMatch(line);
  expect(lines[1], result.stderr).toMatch(/^hint: \S/);
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr).not.toContain('\x1b'); // a pipe gets no colors
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('the input', () => {
  it('a missing file', async () => {
    expectError(
      await runCli(['no-such-file.wav', ...serviceArgs(emulator)]),
      1,
      'realtime-transcribe: input file not found (no-such-file.wav)',
    );
  });

  it('a file that is not audio', async () => {
    const result = await runCli(['fixtures/not-audio.wav', ...serviceArgs(emulator)]);
    expectError(
      result,
      1,
      'realtime-transcribe: not an audio file (fixtures/not-audio.wav): ffmpeg says "Invalid data found when processing input"',
    );
    expect(result.stdout).toBe('');
  });

  it('a truncated file (what decodes is still transcribed)', async () => {
    const result = await runCli(['fixtures/corrupt.wav', ...serviceArgs(emulator), '--speed', '40', '-q']);
    expectError(
      result,
      1,
      'realtime-transcribe: input ends early (fixtures/corrupt.wav): decoded 11.1 s of the 27.7 s its header declares',
    );
    expect(result.stdout.trim().split('\n')).toHaveLength(5);
    const check = checkTranscript(result.stdout, { count: 5 });
    expect(check.ok, formatCheckReport(check)).toBe(true);
  }, 30_000);

  it('an empty file', async () => {
    const empty = join(dir, 'empty.wav');
    await writeFile(empty, '');
    expectError(
      await runCli([empty, ...serviceArgs(emulator)]),
      1,
      `realtime-transcribe: input is empty (${empty}): the file has 0 bytes`,
    );
  });

  it('empty stdin', async () => {
    expectError(
      await runCli(['-', ...serviceArgs(emulator)], { stdin: Buffer.alloc(0) }),
      1,
      'realtime-transcribe: input is empty (stdin): no bytes arrived',
    );
  });

  it('ffmpeg not found where --ffmpeg points', async () => {
    expectError(
      await runCli([DEMO, ...serviceArgs(emulator), '--ffmpeg', '/nonexistent']),
      1,
      'realtime-transcribe: ffmpeg given by --ffmpeg is not an executable file (/nonexistent)',
    );
  });
});

describe('the configuration (fails before connecting)', () => {
  it('no service at all', async () => {
    expectError(
      await runCli([DEMO]),
      1,
      'realtime-transcribe: no Realtime service configured: pass --endpoint and --deployment (or set AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_DEPLOYMENT) for Azure OpenAI, or set OPENAI_API_KEY for OpenAI',
    );
  });

  it('a missing key (and nothing connects)', async () => {
    const before = emulator.stats().upgrades;
    expectError(
      await runMain([DEMO, '--endpoint', emulator.url, '--deployment', 'd']),
      1,
      'realtime-transcribe: no API key for Azure OpenAI: pass --api-key or set AZURE_OPENAI_API_KEY (for Microsoft Entra ID: --azure-credential, --token-command, or --token / AZURE_OPENAI_AD_TOKEN)',
    );
    expect(emulator.stats().upgrades).toBe(before);
  });

  it('a missing deployment', async () => {
    expectError(
      await runMain([DEMO, '--endpoint', emulator.url, '--api-key', KEY]),
      1,
      'realtime-transcribe: no deployment for Azure OpenAI: pass --deployment or set AZURE_OPENAI_DEPLOYMENT (the name of your transcription model deployment)',
    );
  });

  it('a malformed endpoint', async () => {
    expectError(
      await runMain([DEMO, '--endpoint', 'htp:/x', '--api-key', KEY, '--deployment', 'd']),
      1,
      'realtime-transcribe: malformed endpoint (htp:/x): expected https://RESOURCE.openai.azure.com (--endpoint or AZURE_OPENAI_ENDPOINT)',
    );
  });

  // An api-version in the endpoint is now dropped with a notice (test/realtime/endpoint.test.ts).
  it('--local together with --endpoint', async () => {
    expectError(
      await runMain([DEMO, '--local', '--endpoint', 'https://r.openai.azure.com']),
      2,
      'realtime-transcribe: --local uses the built-in emulator and cannot be combined with --endpoint',
    );
  });

  it('the same from the environment', async () => {
    expectError(
      await runMain([DEMO], {
        env: { AZURE_OPENAI_ENDPOINT: 'htp:/x', AZURE_OPENAI_API_KEY: KEY, AZURE_OPENAI_DEPLOYMENT: 'd' },
      }),
      1,
      'realtime-transcribe: malformed endpoint (htp:/x): expected https://RESOURCE.openai.azure.com (--endpoint or AZURE_OPENAI_ENDPOINT)',
    );
  });
});

describe('the connection', () => {
  it('a host name that does not resolve', async () => {
    expectError(
      await runCli([
        DEMO,
        '--endpoint',
        'https://no-such-resource.invalid',
        '--api-key',
        KEY,
        '--deployment',
        'd',
        '--max-attempts',
        '1',
      ]),
      1,
      "realtime-transcribe: cannot resolve the endpoint's host (wss://no-such-resource.invalid/openai/v1/realtime?intent=transcription)",
    );
  });

  it('nothing listening on the port', async () => {
    const port = await freePort();
    expectError(
      await runCli([
        DEMO,
        '--endpoint',
        `http://127.0.0.1:${port}`,
        '--api-key',
        KEY,
        '--deployment',
        'd',
        '--max-attempts',
        '1',
      ]),
      1,
      `realtime-transcribe: cannot connect to the endpoint (${realtimeUrl(`http://127.0.0.1:${port}`)}): connection failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  describe.each([
    [401, (url: string) => `realtime-transcribe: the service rejected the key (401 from ${url})`],
    [403, (url: string) => `realtime-transcribe: the service refused access (403 from ${url})`],
    [404, (url: string) => `realtime-transcribe: no Realtime endpoint or deployment at ${url} (404)`],
    [
      429,
      () =>
        'realtime-transcribe: gave up after 2 failed attempts in a row (last: the server refused the WebSocket upgrade: HTTP 429 Too Many Requests)',
    ],
    [
      503,
      () =>
        'realtime-transcribe: gave up after 2 failed attempts in a row (last: the server refused the WebSocket upgrade: HTTP 503 Service Unavailable)',
    ],
  ] as const)('the service refuses the upgrade with %i', (status, line) => {
    let refusing: Emulator;
    beforeAll(async () => {
      refusing = await startEmulator({ seed: 1, faults: { refuse: { status } } });
    });
    afterAll(async () => {
      await refusing?.close();
    });

    it(status >= 429 ? 'retried, then given up' : 'fails at once, without retrying', async () => {
      const result = await runCli([DEMO, ...serviceArgs(refusing), '--max-attempts', '1']);
      // A busy service asks for a wait (Retry-After: 1), and the run says it waits.
      const warned = status >= 429 ? 'warning: the service asked to wait 1 s; reconnecting then\n' : '';
      expect(result.stderr.startsWith(warned), result.stderr).toBe(true);
      expectError({ ...result, stderr: result.stderr.slice(warned.length) }, 1, line(realtimeUrl(refusing.url)));
      expect(refusing.stats().upgrades).toBe(status >= 429 ? 2 : 1);
      expect(result.stderr).not.toContain(refusing.key);
    });
  });

  it('--verbose adds the cause chain', async () => {
    const refusing = await startEmulator({ seed: 1, faults: { refuse: { status: 401 } } });
    try {
      const result = await runCli([DEMO, ...serviceArgs(refusing), '--verbose']);
      const lines = result.stderr.split('\n');
      // --verbose first says which ffmpeg the run uses.
      expect(lines[0]).toMatch(/^ffmpeg: \S+, version \S+.*, from \S+/);
      expect(lines.slice(1, 4)).toEqual([
        `realtime-transcribe: the service rejected the key (401 from ${realtimeUrl(refusing.url)})`,
        'hint: check --api-key / AZURE_OPENAI_API_KEY (or OPENAI_API_KEY)',
        '  caused by: the server refused the WebSocket upgrade: HTTP 401 Unauthorized',
      ]);
    } finally {
      await refusing.close();
    }
  });

  it('an endpoint that speaks the retired beta protocol (close 4000)', async () => {
    // A gateway still on the beta shape answers as the service does: an error, then close 4000.
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    server.on('connection', (socket) => {
      socket.send(
        JSON.stringify({
          type: 'error',
          event_id: 'event_1',
          error: {
            type: 'invalid_request_error',
            code: 'beta_api_shape_disabled',
            message: 'The Realtime Beta API is no longer supported.',
            param: null,
          },
        }),
      );
      socket.close(4000, 'beta_api_shape_disabled');
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expectError(
        await runCli([DEMO, '--endpoint', url, '--api-key', KEY, '--deployment', 'd', '--max-attempts', '1']),
        1,
        'realtime-transcribe: the service closed the session with 4000 (beta_api_shape_disabled)',
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a 400 at the upgrade is not retried and quotes the service', async () => {
    const server = createHttpServer((_req, res) => res.writeHead(404).end());
    server.on('upgrade', (_req, socket) => {
      const body = JSON.stringify({
        error: { type: 'invalid_request_error', code: 'invalid_model', message: 'Unknown parameter: model.' },
      });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const result = await runCli([DEMO, '--endpoint', base, '--api-key', KEY, '--deployment', 'd']);
      expectError(
        result,
        1,
        new RegExp(
          `^realtime-transcribe: the service rejected the connection request \\(400 from ${realtimeUrl(base).replace(/[.?]/g, '\\$&')}\\): .*Unknown parameter: model\\.`,
        ),
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a session the service refuses (invalid_model) stops at once', async () => {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    let connections = 0;
    server.on('connection', (socket) => {
      connections++;
      socket.send(JSON.stringify({ type: 'session.created', session: {} }));
      socket.on('message', () =>
        socket.send(
          JSON.stringify({
            type: 'error',
            error: {
              type: 'invalid_request_error',
              code: 'invalid_model',
              message: 'Model "d" is not a transcription model.',
              param: 'session.audio.input.transcription.model',
            },
          }),
        ),
      );
    });
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expectError(
        await runCli([DEMO, '--endpoint', base, '--api-key', KEY, '--deployment', 'd']),
        1,
        'realtime-transcribe: the service refused the session: Model "d" is not a transcription model. (invalid_model, param session.audio.input.transcription.model)',
      );
      expect(connections).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('an outage longer than --replay-limit on a live stream', async () => {
    const speed = 10;
    const e = await startEmulator({ timeScale: speed, seed: 4 });
    const count = 20;
    const rate = 24_000;
    const args = [
      '-',
      ...serviceArgs(e),
      '--speed',
      String(speed),
      '--replay-limit',
      '5s',
      '--max-attempts',
      '50',
      '-q',
    ];
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: REPO_ROOT,
      env: cleanEnv(),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.resume();
    child.stdin.on('error', () => {});
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      child.stdin.write(wavHeader(Math.round(corpusDurationSec({ count }) * rate) * 2, rate, 1));
      let sent = 0;
      let started = Date.now();
      let closed = false;
      for (const chunk of synthesizeCorpusChunks({ count }, rate / 10)) {
        if (child.exitCode !== null) break;
        child.stdin.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        sent += 0.1;
        if (!closed && sent >= 3) {
          // Live pace from when the first session is open, then the service goes away for good.
          while (e.stats().sessionsOpened === 0 && child.exitCode === null)
            await new Promise((resolve) => setTimeout(resolve, 5));
          if (sent >= 8) {
            closed = true;
            await e.close();
          }
        }
        if (Math.abs(sent - 3) < 0.05) started = Date.now() - 3000 / speed;
        const due = started + (sent * 1000) / speed;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
      }
      child.stdin.end();
      const code = await exited;
      const lines = stderr.split('\n');
      const m =
        /^realtime-transcribe: replay buffer full: (\d+\.\d) s of audio are waiting for a transcript \(--replay-limit 5s\)$/.exec(
          lines[0] ?? '',
        );
      expect(m, stderr).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThanOrEqual(4.5);
      expect(Number(m![1])).toBeLessThanOrEqual(5);
      expect(lines[1]).toBe(
        'hint: the service has acknowledged nothing for too long; raise --replay-limit to ride out longer outages',
      );
      expect(code).toBe(1);
    } finally {
      child.kill('SIGKILL');
      await e.close();
    }
  }, 60_000);
});

describe('the output', () => {
  it('several formats without -o', async () => {
    expectError(
      await runMain([DEMO, ...serviceArgs(emulator), '-f', 'srt,vtt']),
      2,
      'realtime-transcribe: several formats need -o (srt,vtt): stdout takes one',
    );
  });

  it('an unknown format', async () => {
    expectError(
      await runMain([DEMO, ...serviceArgs(emulator), '-f', 'docx']),
      2,
      'realtime-transcribe: unknown output format (docx): choose txt, json, srt, vtt, jsonl, tsv or all',
    );
  });

  it('an output path through a file', async () => {
    const file = join(dir, 'notes.txt');
    await writeFile(file, 'not a directory');
    const result = await runCli([DEMO, ...serviceArgs(emulator), '--speed', '40', '-o', join(file, 'out.txt')]);
    expectError(
      result,
      1,
      `realtime-transcribe: cannot write output (${join(file, 'out.txt')}): ENOTDIR not a directory`,
    );
    expect(result.stderr.split('\n')[1]).toBe(
      `hint: ${file} is not a directory (part of it is a file); choose another output path with -o`,
    );
  });

  it('an output directory that does not exist is created, as a batch creates its own', async () => {
    const out = join(dir, 'no-such-dir', 'deeper', 'out.txt');
    const result = await runCli([DEMO, ...serviceArgs(emulator), '--speed', '40', '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(12);
  });

  it.skipIf(process.getuid?.() === 0)('an output directory without write permission', async () => {
    const locked = join(dir, 'locked');
    await mkdir(locked);
    await chmod(locked, 0o555);
    const out = join(locked, 'out.txt');
    expectError(
      await runCli([DEMO, ...serviceArgs(emulator), '--speed', '40', '-o', out]),
      1,
      `realtime-transcribe: cannot write output (${out}): EACCES permission denied`,
    );
  });
});

describe('the command line (exit 2, before anything is read or sent)', () => {
  it.each([
    ['no input', [], 'realtime-transcribe: no input given'],
    [
      '--speed not a number',
      ['--speed', 'fast', DEMO],
      'realtime-transcribe: --speed takes a number above 0 and up to 1000 (fast)',
    ],
    ['--speed 0', ['--speed', '0', DEMO], 'realtime-transcribe: --speed takes a number above 0 and up to 1000 (0)'],
    // A value that looks like a flag is still --speed's value.
    ['--speed -1', ['--speed', '-1', DEMO], 'realtime-transcribe: --speed takes a number above 0 and up to 1000 (-1)'],
    [
      '--chunk-ms too small',
      ['--chunk-ms', '7', DEMO],
      'realtime-transcribe: --chunk-ms takes a whole number from 10 to 100 (7)',
    ],
    [
      '--chunk-ms not whole',
      ['--chunk-ms', '20.5', DEMO],
      'realtime-transcribe: --chunk-ms takes a whole number from 10 to 100 (20.5)',
    ],
    [
      '--rotate-after past the 30-minute cap',
      ['--rotate-after', '45m', DEMO],
      'realtime-transcribe: --rotate-after takes a duration from 10s to 28m (45m)',
    ],
    [
      '--rotate-after not a duration',
      ['--rotate-after', 'soon', DEMO],
      'realtime-transcribe: --rotate-after takes a duration from 10s to 28m (soon)',
    ],
    [
      '--vad-threshold above 1',
      ['--vad-threshold', '1.5', DEMO],
      'realtime-transcribe: --vad-threshold takes a number from 0 to 1 (1.5)',
    ],
    ['an unknown flag', ['--bogus', DEMO], 'realtime-transcribe: unknown option (--bogus)'],
    ['an unknown flag and no input', ['--bogus'], 'realtime-transcribe: unknown option (--bogus)'],
    [
      'an unknown format, by the long flag',
      ['--format', 'docx', DEMO],
      'realtime-transcribe: unknown output format (docx): choose txt, json, srt, vtt, jsonl, tsv or all',
    ],
    ['a flag without its value', [DEMO, '-o'], 'realtime-transcribe: --output needs a value (none given)'],
    [
      'a value not among the choices',
      ['--turn-detection', 'loud', DEMO],
      'realtime-transcribe: --turn-detection takes server_vad, semantic_vad or none (loud)',
    ],
  ])('%s', async (_name, args, line) => {
    const before = emulator.stats().upgrades;
    expectError(await runMain([...serviceArgs(emulator), ...args]), 2, line);
    expect(emulator.stats().upgrades).toBe(before);
  });

  it('a misspelt flag: the suggestion is in the hint', async () => {
    const result = await runCli(['--sped', '2', DEMO]);
    expectError(result, 2, 'realtime-transcribe: unknown option (--sped)');
    expect(result.stderr.split('\n')[1]).toBe(
      'hint: did you mean --speed? realtime-transcribe --help lists every option',
    );
  });

  it('hints that say what to type', async () => {
    const hint = async (args: string[]) => (await runMain([...args, DEMO])).stderr.split('\n')[1];
    expect(await hint(['--speed', '0'])).toBe('hint: --speed 1 is real time');
    expect(await hint(['--chunk-ms', '7'])).toBe(
      'hint: the Realtime guidance says 20 to 50 ms per append; the default is 40',
    );
    expect(await hint(['--rotate-after', '45m'])).toBe('hint: for example --rotate-after 8m');
    expect(await hint(['--vad-threshold', '1.5'])).toBe(
      'hint: the default is 0.5; raise it in a noisy room, lower it for quiet speech',
    );
    expect(await hint(['-f', 'srt,vtt'])).toBe('hint: add -o FILE to write FILE.srt, FILE.vtt');
  });
});
