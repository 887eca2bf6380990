// EACCES from a stubbed file system, so the exact message is checked even when tests run as root
// (for whom no directory is unwritable).

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const denied = vi.hoisted(() => ({ dir: '' }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof real.open = async (path, flags, mode) => {
    if (denied.dir !== '' && String(path).startsWith(`${denied.dir}/`) && flags === 'wx') {
      const error = new Error(`EACCES: permission denied, open '${String(path)}'`) as NodeJS.ErrnoException;
      error.code = 'EACCES';
      throw error;
    }
    return real.open(path, flags, mode);
  };
  return { ...real, open, default: { ...real, open } };
});

const { writeFileAtomic } = await import('../../src/transcript/atomic-write.js');
const { createTranscriptSink } = await import('../../src/transcript/sink.js');
const { metadata } = await import('../helpers/metadata.js');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-denied-'));
  denied.dir = dir;
});
afterEach(async () => {
  denied.dir = '';
  await rm(dir, { recursive: true, force: true });
});

describe('an unwritable directory', () => {
  it('gives OUTPUT_FAILED with the exact message and leaves nothing behind', async () => {
    const path = join(dir, 'out.txt');
    await expect(writeFileAtomic(path, 'x')).rejects.toMatchObject({
      name: 'TranscribeError',
      code: 'OUTPUT_FAILED',
      message: `cannot write output (${path}): EACCES permission denied`,
      hint: `make ${dir} writable, or choose another output path with -o`,
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('makes the sink fail with the first file it could not write', async () => {
    const sink = createTranscriptSink({ outputPath: join(dir, 'talk'), formats: ['srt', 'vtt'] });
    sink.add({ start: 0, end: 1, text: 'hi', session: 1, itemId: 'a' });
    await expect(sink.finish(metadata)).rejects.toMatchObject({
      code: 'OUTPUT_FAILED',
      message: `cannot write output (${join(dir, 'talk.srt')}): EACCES permission denied`,
    });
  });
});
