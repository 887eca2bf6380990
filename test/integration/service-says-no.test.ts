// The built CLI against an emulator that says no as the real service does: it rejects the
// configuration, asks to wait (Retry-After), or accepts each token only for a few seconds.
// Exit codes, stderr lines and --log-events need a process; the same paths are tested in more
// variants on the virtual clock (test/transcriber/refusals.test.ts).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTranscript, formatCheckReport } from '../../src/tonecode/index.js';
import { makeCorpusFile } from '../helpers/tonecode-files.js';
import { runCli } from '../helpers/run-cli.js';
import { emulatorPerTest } from '../helpers/service-args.js';

const DEMO = 'fixtures/tonecode-demo.wav';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-says-no-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const emulate = emulatorPerTest({ seed: 4 });

describe('the service says no', () => {
  it("a rejected configuration: exit 1 at once, one session, the service's words and the flag that sets it", async () => {
    const e = await emulate({
      timeScale: 10,
      faults: { rejectConfig: { param: 'session.audio.input.turn_detection' } },
    });
    const result = await runCli([
      DEMO,
      '--endpoint',
      e.url,
      '--api-key',
      e.key,
      '--deployment',
      'd',
      '--speed',
      '10',
      '-q',
    ]);
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /^realtime-transcribe: the service rejected the session configuration: ".+" \(param session\.audio\.input\.turn_detection, code \w+\)$/,
    );
    expect(lines[1]).toMatch(/^hint: .*--turn-detection/);
    expect(e.stats().sessionsOpened).toBeLessThanOrEqual(2);
  }, 30_000);

  it('two 429s with Retry-After: 3: each wait is at least 3 s, said on stderr, then the run is exact', async () => {
    const e = await emulate({ timeScale: 10, faults: { refuse: { status: 429, count: 2 }, retryAfterSec: 3 } });
    const log = join(dir, 'retry-after.jsonl');
    const result = await runCli([
      DEMO,
      '--endpoint',
      e.url,
      '--api-key',
      e.key,
      '--deployment',
      'd',
      '--speed',
      '10',
      '--log-events',
      log,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(checkTranscript(result.stdout, { count: 12 }).ok).toBe(true);
    const backoffs = (await readFile(log, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; delayMs?: number })
      .filter((entry) => entry.kind === 'backoff');
    expect(backoffs).toHaveLength(2);
    for (const b of backoffs) expect(b.delayMs).toBeGreaterThanOrEqual(3_000);
    expect(result.stderr).toContain('warning: the service asked to wait 3 s; reconnecting then');
    expect(e.stats().refused[429]).toBe(2);
  }, 60_000);

  it('tokens that expire after 4 s: --token-command refreshes them across rotations, every sentence exactly once', async () => {
    const e = await emulate({ timeScale: 10, key: 'emu-key', faults: { tokenTtlMs: 4_000 } });
    // A credential helper as a user writes one: prints a fresh token each time it runs.
    const counter = join(dir, 'minted');
    const helper = join(dir, 'token.mjs');
    await writeFile(
      helper,
      `import { readFileSync, writeFileSync } from 'node:fs';\n` +
        `let n = 0; try { n = Number(readFileSync(${JSON.stringify(counter)}, 'utf8')); } catch {}\n` +
        `writeFileSync(${JSON.stringify(counter)}, String(n + 1));\nconsole.log('emu-key.' + (n + 1));\n`,
    );
    const corpus = await makeCorpusFile(dir, { count: 40 }); // about 95 s: 10 s of wall time at ×10
    const result = await runCli(
      [
        corpus.path,
        '--endpoint',
        e.url,
        '--deployment',
        'd',
        '--speed',
        '10',
        '--rotate-after',
        '15s',
        '--token-command',
        `${process.execPath} ${helper}`,
      ],
      { timeoutMs: 60_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    const check = checkTranscript(result.stdout, { count: 40 });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    expect(e.stats().sessionsOpened).toBeGreaterThanOrEqual(4);
    expect(e.stats().refused[401] ?? 0).toBeGreaterThanOrEqual(1); // a token did expire, and was replaced
    expect(result.stderr).not.toContain('emu-key.');
  }, 90_000);
});
