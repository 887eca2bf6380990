import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planBatch, wantsBatch, type BatchFlags } from '../../../src/cli/batch/plan.js';
import { jobsFrom } from '../../../src/cli/options.js';

let dir: string;
let rec: string;
let out: string;
const flags = (more: Partial<BatchFlags> = {}): BatchFlags => ({ output: out, jobs: 2, ...more });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-plan-'));
  rec = join(dir, 'rec');
  out = join(dir, 'out');
  for (const file of ['a/b.wav', 'a/c.mp3', 'd.flac', 'notes.txt', 'e/f/g.ogg']) {
    await mkdir(join(rec, file, '..'), { recursive: true });
    await writeFile(join(rec, file), 'x');
  }
  await writeFile(join(dir, 'lone.m4a'), 'x');
  await writeFile(join(dir, 'a-file'), 'x');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('wantsBatch', () => {
  it('is a batch with several inputs, a directory, or -o naming a directory', async () => {
    expect(await wantsBatch([join(dir, 'lone.m4a')], undefined)).toBe(false);
    expect(await wantsBatch([join(dir, 'lone.m4a')], join(dir, 'x.txt'))).toBe(false);
    expect(await wantsBatch(['-'], undefined)).toBe(false);
    expect(await wantsBatch(['-'], 'out/')).toBe(false);
    expect(await wantsBatch([join(dir, 'lone.m4a'), join(dir, 'lone.m4a')], undefined)).toBe(true);
    expect(await wantsBatch([rec], undefined)).toBe(true);
    expect(await wantsBatch([join(dir, 'lone.m4a')], 'transcripts/')).toBe(true);
    expect(await wantsBatch([join(dir, 'lone.m4a')], rec)).toBe(true);
  });
});

describe('planBatch', () => {
  it('mirrors each directory below -o, takes named files by name, in a stable order', async () => {
    const plan = await planBatch([rec, join(dir, 'lone.m4a')], flags(), ['txt']);
    expect(plan.items.map((i) => [i.label, i.rel, i.outputs.map((o) => o.path)])).toEqual([
      [join(rec, 'a/b.wav'), 'a/b.wav', [join(out, 'a/b.txt')]],
      [join(rec, 'a/c.mp3'), 'a/c.mp3', [join(out, 'a/c.txt')]],
      [join(rec, 'd.flac'), 'd.flac', [join(out, 'd.txt')]],
      [join(rec, 'e/f/g.ogg'), 'e/f/g.ogg', [join(out, 'e/f/g.txt')]],
      [join(dir, 'lone.m4a'), 'lone.m4a', [join(out, 'lone.txt')]],
    ]);
    expect(plan.selected).toBe(5);
    expect(plan.jobs).toBe(2);
  });

  it('runs a file given twice (by itself and in its directory) once', async () => {
    const plan = await planBatch([rec, join(rec, 'd.flac')], flags(), ['txt']);
    expect(plan.items.filter((i) => i.input.endsWith('d.flac'))).toHaveLength(1);
  });

  it('marks a file done when every format exists, unless --overwrite', async () => {
    await mkdir(join(out, 'a'), { recursive: true });
    await writeFile(join(out, 'a/b.srt'), 'old');
    await writeFile(join(out, 'a/b.vtt'), 'old');
    await writeFile(join(out, 'a/c.srt'), 'old'); // its .vtt is missing: not done
    const plan = await planBatch([rec], flags(), ['srt', 'vtt']);
    expect(plan.items.filter((i) => i.done).map((i) => i.rel)).toEqual(['a/b.wav']);
    const again = await planBatch([rec], flags({ overwrite: true }), ['srt', 'vtt']);
    expect(again.items.filter((i) => i.done)).toEqual([]);
    await rm(out, { recursive: true, force: true });
  });

  it('takes a deterministic share with --shard; the shares cover everything once', async () => {
    const [one, two] = await Promise.all(['1/2', '2/2'].map((shard) => planBatch([rec], flags({ shard }), ['txt'])));
    const labels = [...one!.items, ...two!.items].map((i) => i.rel).sort();
    expect(labels).toEqual(['a/b.wav', 'a/c.mp3', 'd.flac', 'e/f/g.ogg']);
    expect(one!.selected).toBe(4);
    expect(one!.shard).toEqual({ index: 1, count: 2 });
  });

  it('refuses what cannot work, naming the flag, before touching anything', async () => {
    await expect(planBatch([rec], flags({ output: undefined }), ['txt'])).rejects.toThrow(
      `a directory needs -o DIR for its transcripts (${rec})`,
    );
    await expect(planBatch([rec, rec], flags({ output: undefined }), ['txt'])).rejects.toThrow(
      'several inputs need -o DIR (2 given)',
    );
    await expect(planBatch([rec], flags({ output: join(dir, 'a-file') }), ['txt'])).rejects.toThrow(
      `-o must name a directory when transcribing several files (${join(dir, 'a-file')} is a file)`,
    );
    await expect(planBatch([rec, '-'], flags(), ['txt'])).rejects.toThrow(
      "'-' (stdin) cannot be transcribed with other inputs (2 given)",
    );
    // --jobs is read once, by the command, before the plan (cli/options.ts).
    expect(() => jobsFrom({ jobs: '65' })).toThrow('--jobs takes a whole number from 1 to 64 (65)');
    await expect(planBatch([rec], flags({ shard: '0/3' }), ['txt'])).rejects.toThrow(
      '--shard takes K/N with 1 ≤ K ≤ N (0/3)',
    );
    await expect(planBatch([rec], flags({ logEvents: 'x.jsonl' }), ['txt'])).rejects.toThrow(
      '--log-events takes one input at a time',
    );
    expect(() => jobsFrom({ jobs: '0' })).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });

  it('says so when an input is missing or nothing is selected', async () => {
    await expect(planBatch([rec, join(dir, 'nope.wav')], flags(), ['txt'])).rejects.toMatchObject({
      code: 'INPUT_NOT_FOUND',
      message: `input file not found (${join(dir, 'nope.wav')})`,
    });
    await expect(planBatch([join(rec, 'e')], flags({ pattern: '*.wav' }), ['txt'])).rejects.toThrow(
      `no file matches --pattern *.wav in ${join(rec, 'e')}`,
    );
    await mkdir(join(dir, 'empty'), { recursive: true });
    await expect(planBatch([join(dir, 'empty')], flags(), ['txt'])).rejects.toThrow(
      `no audio or video files in ${join(dir, 'empty')}`,
    );
  });

  it('refuses two inputs that would write the same transcript', async () => {
    await writeFile(join(rec, 'd.wav'), 'x');
    await expect(planBatch([rec], flags(), ['txt'])).rejects.toThrow(
      `two inputs would write the same transcript (${join(out, 'd.txt')}): ${join(rec, 'd.flac')} and ${join(rec, 'd.wav')}`,
    );
    expect((await planBatch([rec], flags({ pattern: '*.flac' }), ['txt'])).items).toHaveLength(1);
    await rm(join(rec, 'd.wav'));
  });
});
