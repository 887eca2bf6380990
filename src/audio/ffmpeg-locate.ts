// Finds an ffmpeg binary, preferring the one the user chose or keeps current: the path given
// (`ffmpegPath`), FFMPEG_PATH, the ffmpeg on PATH (Debian's, Homebrew's: updated with the system),
// and only then a bundled one. The bundled packages are optional dependencies (a library user who
// brings PCM needs neither) and their builds age: @ffmpeg-installer's is from 2018. Either may be
// absent, or installed without its binary (ffmpeg-static downloads it at install time, which
// fails offline), and the search goes on.
import { accessSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import { TranscribeError } from '../errors.js';

const require = createRequire(import.meta.url);

export interface FfmpegLocation {
  path: string;
  source: 'option' | 'env' | 'PATH' | 'ffmpeg-static' | '@ffmpeg-installer/ffmpeg';
}

export interface LocateOptions {
  /** A binary the caller named (`ffmpegPath`): used as given, never second-guessed. */
  explicitPath?: string | undefined;
  env?: NodeJS.ProcessEnv;
}

/** Every ffmpeg installed that needs no naming, best first: the one on PATH, then the bundled ones. */
export function installedFfmpegs(env: NodeJS.ProcessEnv = process.env): FfmpegLocation[] {
  const found: FfmpegLocation[] = [];
  const onPath = findOnPath('ffmpeg', env.PATH ?? '');
  if (onPath) found.push({ path: onPath, source: 'PATH' });
  const fromStatic = packagedBinary(() => {
    const exported = require('ffmpeg-static') as string | { path?: string } | null;
    return typeof exported === 'string' ? exported : exported?.path;
  });
  if (fromStatic) found.push({ path: fromStatic, source: 'ffmpeg-static' });
  const fromInstaller = packagedBinary(() => (require('@ffmpeg-installer/ffmpeg') as { path?: string }).path);
  if (fromInstaller) found.push({ path: fromInstaller, source: '@ffmpeg-installer/ffmpeg' });
  return found;
}

/** The ffmpeg to use: `explicitPath`, FFMPEG_PATH, the one on PATH, a bundled one; FFMPEG_NOT_FOUND if none. */
export function locateFfmpeg(options: LocateOptions = {}): FfmpegLocation {
  const env = options.env ?? process.env;
  if (options.explicitPath) return checked(options.explicitPath, 'option', 'ffmpegPath');
  if (env.FFMPEG_PATH) return checked(env.FFMPEG_PATH, 'env', 'FFMPEG_PATH');
  const [best] = installedFfmpegs(env);
  if (best) return best;

  throw new TranscribeError(
    'FFMPEG_NOT_FOUND',
    'ffmpeg was not found (looked at ffmpegPath, FFMPEG_PATH, PATH, ffmpeg-static, @ffmpeg-installer/ffmpeg)',
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
