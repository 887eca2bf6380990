// The --pattern glob: `*.wav`, `**/day-?.{mp3,m4a}`, `[0-9]*.flac`. A pattern without a slash
// matches file names at any depth (as in .gitignore); one with a slash matches the path below the
// input directory. Case-insensitive, like the default choice by extension: recorders write
// `.WAV` as often as `.wav`.
import { usageError } from '../flags.js';

export function globToRegExp(glob: string): RegExp {
  let source = '';
  let i = 0;
  let inBraces = false;
  while (i < glob.length) {
    const c = glob.charAt(i);
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` is any number of directories, none included; a bare `**` is anything at all.
        const slash = glob[i + 2] === '/';
        source += slash ? '(?:.*/)?' : '.*';
        i += slash ? 3 : 2;
        continue;
      }
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) throw badPattern(glob, 'a [ without its ]');
      const negate = glob[i + 1] === '!' || glob[i + 1] === '^';
      const body = glob.slice(negate ? i + 2 : i + 1, end).replace(/[\\\]^]/g, '\\$&');
      source += `[${negate ? '^/' : ''}${body}]`;
      i = end + 1;
      continue;
    } else if (c === '{' && !inBraces) {
      inBraces = true;
      source += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      source += ')';
    } else if (c === ',' && inBraces) {
      source += '|';
    } else if (c === '\\' && i + 1 < glob.length) {
      source += escapeRegExp(glob.charAt(i + 1));
      i += 2;
      continue;
    } else {
      source += escapeRegExp(c);
    }
    i++;
  }
  if (inBraces) throw badPattern(glob, 'a { without its }');
  return new RegExp(`^${source}$`, 'i');
}

/** Whether `relPath` (with `/` separators, below the input directory) matches `glob`. */
export function globMatcher(glob: string): (relPath: string) => boolean {
  const pattern = glob.trim().replace(/^\.\//, '');
  if (pattern === '') throw usageError('--pattern takes a glob such as *.wav (an empty pattern was given)');
  const regexp = globToRegExp(pattern);
  if (pattern.includes('/')) return (relPath) => regexp.test(relPath);
  return (relPath) => regexp.test(relPath.slice(relPath.lastIndexOf('/') + 1));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function badPattern(glob: string, what: string) {
  return usageError(
    `--pattern has ${what} (${glob})`,
    "quote the pattern so the shell leaves it alone, e.g. --pattern '*.wav'",
  );
}
