// The span plan of a real file (decoded by ffmpeg): wall time is the slowest span's, so the spans
// must balance what each sends — with silence skipping, the kept edges of every pause as well as
// the speech — not speech alone.
import { mkdtemp, rm } from 'node:fs/promises';
import { defaultDetectorSettings, loadDetector } from '../../src/speech/detector.js';
import { FRAME_SAMPLES } from '../../src/speech/tracker.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planParallel } from '../../src/run/parallel-input.js';
import { resolvePolicy } from '../../src/run/policy.js';
import { makeCorpusFile, type CorpusFile } from '../helpers/tonecode-files.js';

let dir: string;
let file: CorpusFile;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-parallel-plan-'));
  // About 25 minutes: mostly 1–2 s pauses, one in eight 5–20 s.
  file = await makeCorpusFile(dir, { count: 360, pauses: 'varied', seed: 3 });
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

// What a span sends: its sentences, and 0.6 s of each pause that starts inside it.
function sentPerSpan(spans: readonly { start: number; end: number }[]): number[] {
  return spans.map(({ start, end }) => {
    let sent = 0;
    for (const t of file.timings) {
      const from = t.startSec * 24_000;
      if (from < start || from >= end) continue;
      sent += t.endSec - t.startSec + 0.6;
    }
    return sent;
  });
}

describe('planParallel on a file', () => {
  it('balances what the spans send to within a few percent', async () => {
    const { policy } = resolvePolicy({});
    const plan = await planParallel(
      file.path,
      { chunkMs: policy.chunkMs },
      policy,
      loadDetector(defaultDetectorSettings, FRAME_SAMPLES),
      4,
      0,
    );
    expect(plan?.spans).toHaveLength(4);
    const sent = sentPerSpan(plan?.spans ?? []);
    const mean = sent.reduce((a, b) => a + b, 0) / sent.length;
    // Balanced by speech alone with a 10% tolerance, the slowest of this file's spans sent 19% over the mean.
    expect(Math.max(...sent) / mean).toBeLessThan(1.03);
  }, 60_000);
});
