import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TranscribeError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/transcript/atomic-write.js';
import { outputFailed } from '../../src/transcript/output-error.js';
import { errnoError } from '../helpers/streams.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-atomic-'));
});
afterEach(async () => {
  await chmod(dir, 0o755).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<TranscribeError> {
  try {
    await promise;
  } catch (error) {
    return error as TranscribeError;
  }
  throw new Error('expected a failure');
}

const isRoot = process.getuid?.() === 0;

describe('writeFileAtomic', () => {
  it('writes a new file and leaves no temporary file', async () => {
    const path = join(dir, 'out.txt');
    await writeFileAtomic(path, 'hello\n');
    expect(await readFile(path, 'utf8')).toBe('hello\n');
    await writeFileAtomic(join(dir, 'bytes.bin'), Buffer.from([1, 2, 3]));
    expect([...(await readFile(join(dir, 'bytes.bin')))]).toEqual([1, 2, 3]);
    expect((await readdir(dir)).sort()).toEqual(['bytes.bin', 'out.txt']);
  });

  it('replaces an existing file, keeping its permissions', async () => {
    const path = join(dir, 'out.txt');
    await writeFile(path, 'old');
    await chmod(path, 0o640);
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['out.txt']);
  });

  it('removes the temporary file when the final rename fails', async () => {
    const path = join(dir, 'taken');
    await mkdir(path); // a directory where the file should go
    await writeFile(join(path, 'keep'), 'x');
    const error = await failure(writeFileAtomic(path, 'content'));
    expect(error).toBeInstanceOf(TranscribeError);
    expect(error.code).toBe('OUTPUT_FAILED');
    expect(error.message).toMatch(new RegExp(`^cannot write output \\(${path}\\): E(ISDIR is a directory|NOTEMPTY)`));
    expect(await readdir(dir)).toEqual(['taken']);
  });

  it('fails with OUTPUT_FAILED when the directory does not exist', async () => {
    const path = join(dir, 'missing', 'out.txt');
    const error = await failure(writeFileAtomic(path, 'x'));
    expect(error.code).toBe('OUTPUT_FAILED');
    expect(error.message).toBe(`cannot write output (${path}): ENOENT no such file or directory`);
    expect(error.hint).toBe(
      `create the directory ${join(dir, 'missing')} first, or choose another output path with -o`,
    );
  });

  // root writes anywhere; atomic-write-errors.test.ts covers EACCES with a stubbed file system.
  it.skipIf(isRoot)('fails with OUTPUT_FAILED in an unwritable directory', async () => {
    await chmod(dir, 0o555);
    const path = join(dir, 'out.txt');
    const error = await failure(writeFileAtomic(path, 'x'));
    expect(error.code).toBe('OUTPUT_FAILED');
    expect(error.message).toBe(`cannot write output (${path}): EACCES permission denied`);
    expect(error.hint).toBe(`make ${dir} writable, or choose another output path with -o`);
    await chmod(dir, 0o755);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('outputFailed', () => {
  it('names the file, the code and its meaning, with a hint', () => {
    const error = outputFailed('/data/out.srt', errnoError('EACCES', "permission denied, open '/data/.out.srt.1.tmp'"));
    expect(error.message).toBe('cannot write output (/data/out.srt): EACCES permission denied');
    expect(error.hint).toBe('make /data writable, or choose another output path with -o');
    expect(error.cause).toBeInstanceOf(Error);
    expect(outputFailed('x', errnoError('ENOSPC', 'no space left on device, write')).message).toBe(
      'cannot write output (x): ENOSPC no space left on device',
    );
    expect(outputFailed('x', errnoError('EWHATEVER', 'odd thing, open x')).message).toBe(
      'cannot write output (x): EWHATEVER odd thing',
    );
    expect(outputFailed('x', new Error('boom')).message).toBe('cannot write output (x): boom');
  });

  it('tells a missing directory from a path through a file', () => {
    expect(outputFailed('/data/new/out.srt', errnoError('ENOENT', "no such file or directory, open 'x'")).hint).toBe(
      'create the directory /data/new first, or choose another output path with -o',
    );
    expect(outputFailed('/data/notes.txt/out.srt', errnoError('ENOTDIR', "not a directory, open 'x'")).hint).toBe(
      '/data/notes.txt is not a directory (part of it is a file); choose another output path with -o',
    );
  });
});
