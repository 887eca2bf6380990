// Which ffmpeg a run uses, in one line for -v and --dry-run: its path, its version (asked of the
// binary itself, since two ffmpegs eight years apart decode differently) and why it was chosen.
import { execFile } from 'node:child_process';
import type { FfmpegLocation } from './ffmpeg-locate.js';

// `ffmpeg -version` answers at once; a binary that hangs is not worth holding a run for.
const VERSION_TIMEOUT_MS = 10_000;

/** The version `ffmpeg -version` names (`5.1.9-0+deb12u1`, `N-47683-g0e8eb07980-static`), or undefined. */
export function ffmpegVersion(path: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(path, ['-version'], { timeout: VERSION_TIMEOUT_MS, maxBuffer: 1 << 20 }, (error, stdout) => {
      resolve(error ? undefined : parseVersion(String(stdout)));
    });
  });
}

/** The version on the first line of `ffmpeg -version`, with the year of its copyright when it names no release. */
export function parseVersion(text: string): string | undefined {
  const first = text.split('\n', 1)[0] ?? '';
  const version = /^ffmpeg version (\S+)/.exec(first)?.[1];
  if (version === undefined) return undefined;
  // A git snapshot (N-…) says nothing of its age; its copyright line does.
  const year = /Copyright \(c\) \d{4}-(\d{4})/.exec(first)?.[1];
  return /^N-/.test(version) && year !== undefined ? `${version} (${year})` : version;
}

const SOURCES: Readonly<Record<FfmpegLocation['source'], string>> = {
  option: 'ffmpegPath',
  env: 'FFMPEG_PATH',
  PATH: 'PATH',
  'ffmpeg-static': 'the bundled ffmpeg-static',
  '@ffmpeg-installer/ffmpeg': 'the bundled @ffmpeg-installer/ffmpeg',
};

/** `ffmpeg: PATH, version V, from SOURCE`; `optionName` is how the caller calls `ffmpegPath`. */
export function describeFfmpeg(
  location: FfmpegLocation,
  version: string | undefined,
  optionName = SOURCES.option,
): string {
  const source = location.source === 'option' ? optionName : SOURCES[location.source];
  return `ffmpeg: ${location.path}, ${version === undefined ? 'version unknown' : `version ${version}`}, from ${source}`;
}
