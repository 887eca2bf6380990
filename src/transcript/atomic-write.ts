// Writes a file so that readers see either the old content or the whole new content, never a
// part: the data goes to a temporary file in the same directory (so rename stays on one file
// system and is atomic), is flushed to disk, and is renamed over the target.

import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { outputFailed } from './output-error.js';

/** Throws a TranscribeError OUTPUT_FAILED naming `path`; no temporary file is left behind. */
export async function writeFileAtomic(path: string, content: string | Buffer): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    // Replacing a file keeps its permissions rather than resetting them to the umask's default.
    const previousMode = await stat(path).then(
      (s) => s.mode & 0o7777,
      () => undefined,
    );
    handle = await open(temp, 'wx', previousMode ?? 0o666);
    if (previousMode !== undefined) await handle.chmod(previousMode);
    await handle.writeFile(content);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw outputFailed(path, error);
  }
  await syncDirectory(dir);
}

// The rename itself lives in the directory; flushing it makes the new name survive a power cut.
// Not every platform can open a directory for this (Windows cannot), and the file is already
// complete, so a failure here is ignored.
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // best effort, see above
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
