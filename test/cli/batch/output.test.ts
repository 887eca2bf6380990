import { mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchOutput } from '../../../src/cli/batch/output.js';
import { outputTargets } from '../../../src/cli/batch/paths.js';
import type { TranscriptMetadata } from '../../../src/transcript/index.js';

let dir: string;
const meta = (complete: boolean): TranscriptMetadata => ({
  input: 'a.wav',
  provider: 'azure',
  model: 'm',
  sessions: 1,
  resumes: 0,
  rotations: 0,
  startedAt: '2024-01-01T00:00:00.000Z',
  finishedAt: '2024-01-01T00:00:01.000Z',
  toolVersion: '0.0.0',
  complete,
});
const segment = (text: string, start: number) => ({ start, end: start + 1, text, session: 1, itemId: `i${start}` });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-batch-out-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createBatchOutput', () => {
  it('lays subtitles out with the cue options of the batch', async () => {
    const targets = outputTargets(dir, 'layout/a.wav', ['srt']);
    const output = createBatchOutput(targets, { maxLineChars: 10, maxLines: 1 });
    output.add({ ...segment('one two three four', 0), end: 4 });
    await output.finish(meta(true), true);
    expect(await readFile(targets[0]!.path, 'utf8')).toBe(
      '1\n00:00:00,000 --> 00:00:01,684\none two\n\n2\n00:00:01,684 --> 00:00:04,000\nthree four\n\n',
    );
  });

  it('writes every format in place, creating directories, and removes an old .partial', async () => {
    const targets = outputTargets(dir, 'x/y/a.wav', ['txt', 'srt']);
    await mkdir(join(dir, 'x/y'), { recursive: true });
    await writeFile(join(dir, 'x/y/a.txt.partial'), 'from an earlier, interrupted run');
    const output = createBatchOutput(targets);
    output.add(segment('One.', 0));
    output.add(segment('Two.', 2));
    expect(await output.finish(meta(true), true)).toEqual(targets.map((t) => t.path));
    expect(await readFile(join(dir, 'x/y/a.txt'), 'utf8')).toBe('One.\nTwo.\n');
    expect(await readFile(join(dir, 'x/y/a.srt'), 'utf8')).toMatch(/^1\n00:00:00,000 --> 00:00:01,000\nOne\.\n/);
    expect((await readdir(join(dir, 'x/y'))).sort()).toEqual(['a.srt', 'a.txt']);
  });

  it('keeps an incomplete transcript as .partial, so a re-run does not skip the file', async () => {
    const targets = outputTargets(dir, 'b.wav', ['txt']);
    const output = createBatchOutput(targets);
    output.add(segment('Half.', 0));
    expect(await output.finish(meta(false), false)).toEqual([join(dir, 'b.txt.partial')]);
    expect(await readFile(join(dir, 'b.txt.partial'), 'utf8')).toBe('Half.\n');
    expect((await readdir(dir)).includes('b.txt')).toBe(false);
  });

  it('writes nothing for a run that failed before any transcript', async () => {
    const output = createBatchOutput(outputTargets(dir, 'c.wav', ['txt']));
    expect(await output.finish(meta(false), false)).toEqual([]);
    expect((await readdir(dir)).some((name) => name.startsWith('c.'))).toBe(false);
  });
});
