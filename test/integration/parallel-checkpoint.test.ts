// kill -9 during a parallel run (issue 12), with the built CLI and the built-in emulator: the
// checkpoint keeps each span's progress, and the same command continues each span where it
// stopped, transcribing again only what no span got through, and ends with the transcript of an
// uninterrupted run.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTranscript, formatCheckReport } from '../../src/tonecode/index.js';
import { runCli, runCliUntil } from '../helpers/run-cli.js';
import { makeCorpusFile, type CorpusFile } from '../helpers/tonecode-files.js';

const COUNT = 150; // about six minutes: three spans at --parallel 3
let dir: string;
let corpus: CorpusFile;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-parallel-checkpoint-'));
  corpus = await makeCorpusFile(dir, { count: COUNT });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const args = (out: string) => [corpus.path, '--local', '--speed', '20', '--parallel', '3', '-o', out];

// Segments in the checkpoint's span lines: later spans' progress on disk.
function spanSegments(journal: string): number {
  if (!existsSync(journal)) return 0;
  let count = 0;
  for (const line of readFileSync(journal, 'utf8').split('\n')) {
    if (!line.startsWith('{"span":')) continue;
    try {
      count += (JSON.parse(line) as { segments: unknown[] }).segments.length;
    } catch {
      // the line being written
    }
  }
  return count;
}

describe('kill -9 during a parallel run', () => {
  it('the continued run continues each span where it stopped and ends with the uninterrupted transcript', async () => {
    const whole = join(dir, 'uninterrupted.txt');
    const reference = await runCli(args(whole), { timeoutMs: 90_000 });
    expect(reference.code, reference.stderr).toBe(0);
    expect(reference.stderr).toMatch(/^ {2}3 sessions /m);

    const out = join(dir, 'crashed.txt');
    const journal = `${out}.rt-journal`;
    const killed = await runCliUntil(args(out), () => spanSegments(journal) >= 30, { signal: 'SIGKILL', pollMs: 20 });
    expect(killed.signal, killed.stderr).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false); // a crash writes nothing but the checkpoint

    const rerun = await runCli(args(out), { timeoutMs: 90_000 });
    expect(rerun.code, rerun.stderr).toBe(0);
    const said =
      /^continuing from (\d+\.\d) s with (\d+) utterances from the checkpoint .*crashed\.txt\.rt-journal \(and (\d+\.\d) s further on, done by later spans\)$/m.exec(
        rerun.stderr,
      );
    expect(said, rerun.stderr).not.toBeNull();
    const [inOrderSec, kept, aheadSec] = [Number(said![1]), Number(said![2]), Number(said![3])];
    expect(aheadSec).toBeGreaterThan(0);
    const text = await readFile(out, 'utf8');
    const check = checkTranscript(text, { count: COUNT });
    expect(check.ok, formatCheckReport(check)).toBe(true);
    expect(text).toBe(await readFile(whole, 'utf8'));
    expect(existsSync(journal)).toBe(false);

    // What the continued run transcribed: every sentence the checkpoint did not hold, once. A
    // continued run from the in-order offset alone (as before) would have transcribed every
    // sentence after it.
    const transcribed = Number(/^done: (\d+) utterances? /m.exec(rerun.stderr)?.[1]);
    const afterInOrder = corpus.timings.filter((t) => t.endSec > inOrderSec).length;
    expect(transcribed).toBe(COUNT - kept);
    expect(afterInOrder - transcribed).toBeGreaterThanOrEqual(10);
  }, 240_000);
});
