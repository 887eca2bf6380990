// Which files of a directory a batch transcribes: audio and video by extension (or --pattern),
// found recursively, hidden files and directories left out, in an order that is the same on
// every machine (code-unit order of the relative path, not the locale's).
import { readdir, stat } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { sep } from 'node:path';
import { globMatcher } from './glob.js';

export const MEDIA_EXTENSIONS: readonly string[] = [
  'wav',
  'mp3',
  'flac',
  'ogg',
  'oga',
  'opus',
  'm4a',
  'aac',
  'wma',
  'aif',
  'aiff',
  'mp4',
  'mkv',
  'mov',
  'webm',
  'avi',
];

/** Decides from a path below the input directory (`/` separators) whether to take the file. */
export type FileMatcher = (relPath: string) => boolean;

export function isMediaFile(relPath: string): boolean {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 && MEDIA_EXTENSIONS.includes(name.slice(dot + 1).toLowerCase());
}

export function fileMatcher(pattern: string | undefined): FileMatcher {
  return pattern === undefined ? isMediaFile : globMatcher(pattern);
}

// Dot files are metadata (.DS_Store, ._x.wav from macOS, .git): never recordings to transcribe.
function isHidden(name: string): boolean {
  return name.startsWith('.');
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The matching files below `root`, as sorted relative paths with `/` separators. A file whose
 * path is not valid UTF-8 is listed under the name Node decodes it to (with U+FFFD), and its real
 * bytes go into `rawPaths` (by that name): the decoded name opens nothing.
 */
export async function findMediaFiles(
  root: string,
  matches: FileMatcher,
  rawPaths?: Map<string, Buffer>,
): Promise<string[]> {
  const found: string[] = [];
  await walk(Buffer.from(root), '', matches, found, rawPaths);
  return found.sort(compareCodeUnits);
}

// Walks with the directory's bytes, not its decoded name, so directories with names that are
// not UTF-8 are entered too.
async function walk(
  dir: Buffer,
  prefix: string,
  matches: FileMatcher,
  found: string[],
  rawPaths: Map<string, Buffer> | undefined,
): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  for (const entry of entries) {
    const name = entry.name.toString('utf8');
    if (isHidden(name)) continue;
    const rel = prefix === '' ? name : `${prefix}/${name}`;
    const path = Buffer.concat([dir, Buffer.from(sep), entry.name]);
    let kind: 'file' | 'directory' | 'other' = entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
    if (entry.isSymbolicLink()) {
      // A linked file is taken; a linked directory is not followed, since links can make loops.
      kind = await stat(path).then(
        (info) => (info.isFile() ? 'file' : 'other'),
        () => 'other' as const,
      );
    }
    if (kind === 'directory') await walk(path, rel, matches, found, rawPaths);
    else if (kind === 'file' && matches(rel)) {
      found.push(rel);
      if (!isUtf8(path)) rawPaths?.set(rel, path);
    }
  }
}
