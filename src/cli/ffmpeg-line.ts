// The one line -v and --dry-run print about ffmpeg: which binary, its version, why that one.
import { locateFfmpeg } from '../audio/ffmpeg-locate.js';
import { describeFfmpeg, ffmpegVersion } from '../audio/ffmpeg-version.js';
import type { TranscribeOptions } from '../index.js';

/** Undefined when no ffmpeg is found: the run says so itself, where it needs one. */
export async function ffmpegLine(options: TranscribeOptions): Promise<string | undefined> {
  let location;
  try {
    location = locateFfmpeg({ explicitPath: options.ffmpegPath, env: options.env ?? process.env });
  } catch {
    return undefined;
  }
  return describeFfmpeg(location, await ffmpegVersion(location.path), '--ffmpeg');
}
