import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputFailed } from '../../src/transcript/output-error.js';
import { errnoError } from '../helpers/streams.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rt-output-error-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('outputFailed hints', () => {
  it('ENOENT in a directory that exists (/proc) does not say to create it', () => {
    const error = outputFailed('/proc/x.txt', errnoError('ENOENT', 'no such file or directory'));
    expect(error.message).toBe('cannot write output (/proc/x.txt): ENOENT no such file or directory');
    expect(error.hint).toBe(
      '/proc does not take new files (a virtual file system such as /proc or /sys); choose another output path with -o',
    );
  });

  it('ENOENT in a missing directory says to create it', () => {
    const missing = join(dir, 'nope', 'x.txt');
    expect(outputFailed(missing, errnoError('ENOENT', 'x')).hint).toBe(
      `create the directory ${join(dir, 'nope')} first, or choose another output path with -o`,
    );
  });

  it('ENOSPC (a full disk, or /dev/full)', () => {
    const error = outputFailed('/dev/full', errnoError('ENOSPC', 'no space left on device'));
    expect(error.message).toBe('cannot write output (/dev/full): ENOSPC no space left on device');
    expect(error.hint).toBe('free some space on that device, or choose another output path with -o');
  });
});
