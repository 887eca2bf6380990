// Finds an ffmpeg binary. Both ffmpeg packages are optional dependencies (a library user who
// brings PCM needs neither): either may be absent, or installed without its binary (ffmpeg-static
// downloads it at install time, which fails offline), and the search goes on. ffmpeg-static
// first, then @ffmpeg-installer (its binary is inside the registry package), then PATH.
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { TranscribeError } from '../errors.js';

const require = createRequire(import.meta.url);

export interface FfmpegLocation {
  path: string;
  source: 'option' | 'env' | 'ffmpeg-static' | '@ffmpeg-installer/ffmpeg' | 'PATH';
}

export interface LocateOptions {
  /** A binary the caller named (`ffmpegPath`): used as given, never second-guessed. */
  explicitPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

export function locateFfmpeg(options: LocateOptions = {}): FfmpegLocation {
  const env = options.env ?? process.env;
  if (options.explicitPath) return checked(options.explicitPath, 'option', 'ffmpegPath');
  if (env.FFMPEG_PATH) return checked(env.FFMPEG_PATH, 'env', 'FFMPEG_PATH');

  const fromStatic = packagedBinary(() => {
    const exported = require('ffmpeg-static') as string | { path?: string } | null;
    return typeof exported === 'string' ? exported : exported?.path;
  });
  if (fromStatic) return { path: fromStatic, source: 'ffmpeg-static' };

  const fromInstaller = packagedBinary(() => (require('@ffmpeg-installer/ffmpeg') as { path?: string }).path);
  if (fromInstaller) return { path: fromInstaller, source: '@ffmpeg-installer/ffmpeg' };

  const onPath = findOnPath('ffmpeg', env.PATH ?? '');
  if (onPath) return { path: onPath, source: 'PATH' };

  throw new TranscribeError(
    'FFMPEG_NOT_FOUND',
    'ffmpeg was not found (looked at ffmpegPath, FFMPEG_PATH, ffmpeg-static, @ffmpeg-installer/ffmpeg, PATH)',
    {
      hint: 'install ffmpeg (apt-get install ffmpeg, brew install ffmpeg, or npm install @ffmpeg-installer/ffmpeg), or point ffmpegPath at an ffmpeg binary',
      option: 'ffmpegPath',
    },
  );
}

function checked(path: string, source: FfmpegLocation['source'], name: string): FfmpegLocation {
  if (!isExecutable(path)) {
    throw new TranscribeError('FFMPEG_NOT_FOUND', `ffmpeg given by ${name} is not an executable file (${path})`, {
      hint: `point ${name} at an ffmpeg binary, or leave it unset to use an installed one`,
      ...(source === 'option' ? { option: 'ffmpegPath' } : {}),
    });
  }
  return { path, source };
}

// A package can be installed while its binary is not (ffmpeg-static offline): check the file.
function packagedBinary(resolve: () => string | undefined): string | undefined {
  try {
    const path = resolve();
    return path && isExecutable(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function findOnPath(name: string, pathVariable: string): string | undefined {
  for (const dir of pathVariable.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    if (!existsSync(path)) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
