// Which ffmpeg a run uses: the one named, FFMPEG_PATH, the system's on PATH, and only then a
// bundled one; and the one line that says so.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { installedFfmpegs, locateFfmpeg } from '../../src/audio/ffmpeg-locate.js';
import { describeFfmpeg, ffmpegVersion, parseVersion } from '../../src/audio/ffmpeg-version.js';
import { makeTempDir } from './fixtures.js';

const temp = makeTempDir('locate');
afterAll(() => temp.remove());

// A stand-in that answers -version as ffmpeg 7.1 does.
function fakeFfmpeg(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'ffmpeg');
  writeFileSync(path, '#!/bin/sh\necho "ffmpeg version 7.1.1 Copyright (c) 2000-2025 the FFmpeg developers"\n');
  chmodSync(path, 0o755);
  return path;
}
const onPath = fakeFfmpeg(join(temp.dir, 'bin'));
const other = fakeFfmpeg(join(temp.dir, 'other'));
const bundled = installedFfmpegs({ PATH: '' })[0];

describe.skipIf(process.platform === 'win32')('locateFfmpeg', () => {
  it('the ffmpeg on PATH comes before a bundled one', () => {
    expect(locateFfmpeg({ env: { PATH: join(temp.dir, 'bin') } })).toEqual({ path: onPath, source: 'PATH' });
    expect(installedFfmpegs({ PATH: join(temp.dir, 'bin') })[0]).toEqual({ path: onPath, source: 'PATH' });
  });

  it('FFMPEG_PATH comes before PATH, and the option before both', () => {
    const env = { PATH: join(temp.dir, 'bin'), FFMPEG_PATH: other };
    expect(locateFfmpeg({ env })).toEqual({ path: other, source: 'env' });
    expect(locateFfmpeg({ env, explicitPath: onPath })).toEqual({ path: onPath, source: 'option' });
  });

  it.runIf(bundled !== undefined)('a bundled one only when PATH has none', () => {
    expect(locateFfmpeg({ env: { PATH: join(temp.dir, 'nothing-here') } })).toEqual(bundled);
  });

  it('says which one, its version and why, in one line', async () => {
    const location = locateFfmpeg({ env: { PATH: join(temp.dir, 'bin') } });
    expect(describeFfmpeg(location, await ffmpegVersion(location.path))).toBe(
      `ffmpeg: ${onPath}, version 7.1.1, from PATH`,
    );
    expect(describeFfmpeg({ path: other, source: 'option' }, undefined, '--ffmpeg')).toBe(
      `ffmpeg: ${other}, version unknown, from --ffmpeg`,
    );
    expect(describeFfmpeg({ path: '/x/ffmpeg', source: '@ffmpeg-installer/ffmpeg' }, '4.4')).toBe(
      'ffmpeg: /x/ffmpeg, version 4.4, from the bundled @ffmpeg-installer/ffmpeg',
    );
    expect(await ffmpegVersion(join(temp.dir, 'missing'))).toBeUndefined();
  });
});

describe('parseVersion', () => {
  it('reads a release, and gives a git snapshot the year of its copyright', () => {
    expect(
      parseVersion('ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026 the FFmpeg developers\nbuilt with gcc'),
    ).toBe('5.1.9-0+deb12u1');
    expect(
      parseVersion(
        'ffmpeg version N-47683-g0e8eb07980-static https://johnvansickle.com/ffmpeg/  Copyright (c) 2000-2018 the FFmpeg developers',
      ),
    ).toBe('N-47683-g0e8eb07980-static (2018)');
    expect(parseVersion('not ffmpeg')).toBeUndefined();
  });
});
