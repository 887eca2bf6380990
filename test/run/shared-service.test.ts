// Runs that share one resolved service share its credential source: a token command runs once
// for all of them while its token is fresh, and once more when its age runs out between two runs.
// Each run resolving its own (no `service`) runs it once per run. The token ages are told by an
// injected wall clock; the command is a real process and the emulator is on loopback.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveService, transcribe, type TranscribeOptions } from '../../src/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import type { RunningEmulator } from '../../src/emulator/types.js';
import { resolveEndpoint } from '../../src/realtime/endpoint.js';
import { serviceOf } from '../../src/run/service.js';
import { checkTranscript, synthesizeCorpusChunks } from '../../src/tonecode/index.js';

const SPEED = 40;
const MAX_AGE_MS = 60_000;
let emulator: RunningEmulator;
let dir: string;
let helper: string;

beforeAll(async () => {
  emulator = await startEmulator({ timeScale: SPEED, seed: 5, key: 'emu-key', log: () => {} });
  dir = await mkdtemp(join(tmpdir(), 'rt-shared-service-'));
  helper = join(dir, 'token.mjs');
  await writeFile(
    helper,
    `import { appendFileSync } from 'node:fs';\nappendFileSync(process.argv[2], 'ran\\n');\nconsole.log('emu-key');\n`,
  );
}, 60_000);

afterAll(async () => {
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

async function* corpus(first: number, count: number): AsyncIterable<Buffer> {
  for (const part of synthesizeCorpusChunks({ first, count }, 24_000))
    yield Buffer.from(part.buffer, part.byteOffset, part.byteLength);
}

function serviceOptions(counter: string): TranscribeOptions {
  return {
    endpoint: emulator.url,
    deployment: 'emulator',
    tokenCommand: [process.execPath, helper, counter],
    tokenMaxAgeMs: MAX_AGE_MS,
    env: {},
  };
}

// One tonecode run of three sentences, checked exact.
async function transcribeThree(first: number, options: TranscribeOptions): Promise<void> {
  const texts: string[] = [];
  for await (const event of transcribe({ pcm: corpus(first, 3) }, { speed: SPEED, ...options }))
    if (event.type === 'segment') texts.push(event.segment.text);
  expect(checkTranscript(texts, { first, count: 3 }).ok).toBe(true);
}

async function runsOf(counter: string): Promise<number> {
  return (await readFile(counter, 'utf8')).split('\n').filter((line) => line === 'ran').length;
}

describe('runs that share a service', () => {
  it('three runs in turn and two at once, one service: the token command runs once', async () => {
    const counter = join(dir, 'shared');
    const service = resolveService(serviceOptions(counter));
    for (const first of [0, 10, 20]) await transcribeThree(first, { service });
    await Promise.all([transcribeThree(30, { service }), transcribeThree(40, { service })]);
    expect(await runsOf(counter)).toBe(1);
    expect(service.secrets).toEqual(['emu-key']);
  }, 60_000);

  it('its token older than tokenMaxAgeMs between two runs: it runs again, twice in all', async () => {
    const counter = join(dir, 'aged');
    let now = Date.UTC(2026, 0, 1);
    const service = serviceOf(resolveEndpoint(serviceOptions(counter), {}, { now: () => now }));
    await transcribeThree(0, { service });
    now += MAX_AGE_MS - 1;
    await transcribeThree(10, { service });
    expect(await runsOf(counter)).toBe(1);
    now += 1;
    await transcribeThree(20, { service });
    expect(await runsOf(counter)).toBe(2);
  }, 60_000);

  it('without one, each run resolves its own and runs the command itself', async () => {
    const counter = join(dir, 'own');
    for (const first of [0, 10, 20]) await transcribeThree(first, serviceOptions(counter));
    expect(await runsOf(counter)).toBe(3);
  }, 60_000);

  it('a `service` not made by resolveService() is refused before any I/O', () => {
    const fake = { ...resolveService(serviceOptions(join(dir, 'never'))) };
    expect(() => transcribe({ pcm: corpus(0, 1) }, { service: fake })).toThrow(
      '`service` was not made by resolveService()',
    );
  });
});
