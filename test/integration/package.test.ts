// The package as users get it: packed, installed into an empty project from the tarball, its
// binary and its three entry points used from there, and its types compiled by a strict consumer.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, REPO_ROOT } from '../helpers/run-cli.js';

const run = promisify(execFile);
let dir: string;
let packed: { filename: string; size: number; entryCount: number; files: { path: string }[] };

// Measured at 402 files and 281 kB packed when this test was written, and at 460 files and 360 kB
// once the speech detector, proxies, speakers and verified checkpoints came (84 kB of it the
// README, now README.md and docs/); the bounds leave room to grow, not room for a stray directory of source maps or bench code.
const MAX_FILES = 550;
const MAX_PACKED_BYTES = 420_000;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-package-'));
  // dist/ was built by `npm test`; packing again needs no build.
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], {
    cwd: REPO_ROOT,
  });
  packed = (JSON.parse(stdout) as (typeof packed)[])[0]!;
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed.filename)], {
    cwd: dir,
    env: cleanEnv(),
  });
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('holds the binary, the compiled library with its types, the docs, the README and package.json, and nothing else', () => {
    const paths = packed.files.map((f) => f.path);
    const unexpected = paths.filter(
      (p) =>
        !/^(bin\/[\w-]+\.js|docs\/[\w-]+\.md|dist\/(?!bench\/)[\w/.-]+\.(js|d\.ts)|README\.md|package\.json)$/.test(p),
    );
    expect(unexpected).toEqual([]);
    expect(paths.filter((p) => p.endsWith('.map') || p.startsWith('test/') || p.startsWith('src/'))).toEqual([]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bin/realtime-transcribe.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/emulator/index.js',
        'dist/tonecode/index.d.ts',
      ]),
    );
  });

  it('stays small', () => {
    expect(packed.entryCount).toBeLessThanOrEqual(MAX_FILES);
    expect(packed.size).toBeLessThanOrEqual(MAX_PACKED_BYTES);
  });
});

describe('the installed package', () => {
  it('its binary transcribes the demo with the built-in emulator', async () => {
    const bin = join(dir, 'node_modules', '.bin', 'realtime-transcribe');
    const { stdout } = await run(bin, ['--local', '--speed', '20', join(REPO_ROOT, 'fixtures', 'tonecode-demo.wav')], {
      cwd: dir,
      env: cleanEnv(),
    });
    const expected = await readFile(join(REPO_ROOT, 'fixtures', 'tonecode-demo.txt'), 'utf8');
    const normalize = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^a-z\n ]/g, '')
        .trim();
    expect(normalize(stdout)).toBe(normalize(expected));
  }, 60_000);

  it('tonecode --help points to its spec, shipped in the package', async () => {
    const bin = join(dir, 'node_modules', '.bin', 'realtime-transcribe');
    const { stdout } = await run(bin, ['tonecode', '--help'], { cwd: dir, env: cleanEnv() });
    const spec = /The spec: (\S+)/.exec(stdout)?.[1];
    expect(spec).toBe(join(await realpath(join(dir, 'node_modules', 'realtime-transcribe')), 'docs', 'tonecode.md'));
    expect(await readFile(spec!, 'utf8')).toContain('# Tonecode');
  }, 60_000);

  it('exports the library, the emulator and tonecode, and nothing the CLI alone needs', async () => {
    const script = [
      "const lib = await import('realtime-transcribe');",
      "const emu = await import('realtime-transcribe/emulator');",
      "const tone = await import('realtime-transcribe/tonecode');",
      'console.log(Object.keys(lib).sort().join(","), typeof emu.startEmulator, tone.sentenceText(0));',
    ].join(' ');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      env: cleanEnv(),
    });
    expect(stdout.trim()).toBe(
      'ConnectError,TranscribeError,decodeServerEvent,encodeClientEvent,isTranscribeError,measureInput,resolveService,transcribe function alpha alpha alpha hotel lotus',
    );
  }, 60_000);

  it('types a strict consumer that uses transcribe(), a custom Connect and the event types, with no deep import', async () => {
    await writeFile(join(dir, 'consumer.ts'), CONSUMER);
    await writeFile(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          skipLibCheck: false,
          typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, env: cleanEnv() }).catch(
      (error: { stdout: string }) => error,
    );
    expect(result.stdout).toBe('');
  }, 120_000);
});

const CONSUMER = `
import {
  ConnectError,
  isTranscribeError,
  transcribe,
  type ClientEvent,
  type CloseInfo,
  type Connect,
  type RunSummary,
  type Segment,
  type SegmentEvent,
  type ServerEvent,
  type TranscribeEvent,
  type TranscribeOptions,
  type Transport,
} from 'realtime-transcribe';

// A transport of one's own: answers session.update with session.updated, never transcribes.
const connect: Connect = async (request) => {
  if (!/^wss?:/.test(request.url)) throw new ConnectError(\`not a WebSocket URL: \${request.url}\`, 400);
  const onEvents: ((event: ServerEvent, raw: string) => void)[] = [];
  const onCloses: ((info: CloseInfo) => void)[] = [];
  const end = (info: CloseInfo) => onCloses.splice(0).forEach((listener) => listener(info));
  const transport: Transport = {
    send(event: ClientEvent) {
      if (event.type !== 'session.update') return;
      const reply: ServerEvent = { type: 'session.updated', event_id: 'e1', session: { ...event.session } };
      for (const listener of onEvents) listener(reply, JSON.stringify(reply));
    },
    bufferedAmount: () => 0,
    close: (code = 1000, reason = '') => end({ code, reason, cause: 'local' }),
    terminate: () => end({ code: 1006, reason: '', cause: 'local' }),
    onEvent: (listener) => void onEvents.push(listener),
    onClose: (listener) => void onCloses.push(listener),
  };
  return transport;
};

function line(event: SegmentEvent): string {
  const segment: Segment = event.segment;
  return \`\${segment.start.toFixed(1)} \${segment.text}\`;
}

function describeEvent(event: TranscribeEvent): string | undefined {
  switch (event.type) {
    case 'segment':
      return line(event);
    case 'progress':
      return \`\${event.sentSec} of \${event.totalSec ?? '?'} s\`;
    case 'warning':
      return event.message;
    case 'done':
      return \`\${event.summary.utterances} utterances\`;
    default:
      return undefined;
  }
}

async function* silence(): AsyncIterable<Buffer> {
  yield Buffer.alloc(48_000);
}

export async function main(): Promise<RunSummary> {
  const options: TranscribeOptions = { endpoint: 'http://127.0.0.1:9', apiKey: 'key-123456', deployment: 'd', connect, chunkMs: 40 };
  const run = transcribe({ pcm: silence(), totalSec: 1 }, options);
  try {
    for await (const event of run) {
      const text = describeEvent(event);
      if (text !== undefined) console.log(text);
    }
  } catch (error) {
    if (isTranscribeError(error)) console.error(error.code, error.hint ?? '');
  }
  return run.summary;
}
`;
