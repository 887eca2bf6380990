// The README's Layout section lists every folder of the source tree, one line each, and nothing
// that is not there: it is read off the tree at test time, so a folder added, moved or removed
// without a line in the README fails here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';

// Every folder under src/, as `src/a/b`, hidden ones left out.
// Folders holding files: an empty one left behind by a move is not part of the layout (git does
// not keep it, so a clone never has it).
function sourceFolders(dir = 'src'): string[] {
  const below = readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => `${dir}/${entry.name}`);
  return below.flatMap((folder) => {
    const inside = sourceFolders(folder);
    const hasFiles = readdirSync(join(REPO_ROOT, folder), { withFileTypes: true }).some((e) => e.isFile());
    return hasFiles || inside.length > 0 ? [folder, ...inside] : inside;
  });
}

// The first code span of each `- ` line of the section, without a trailing slash.
function listedFolders(): string[] {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Layout\n');
  expect(start, 'README.md has a "## Layout" section').toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return section
    .split('\n')
    .map((line) => /^- `([^`]+)`/.exec(line)?.[1])
    .filter((folder): folder is string => folder !== undefined)
    .map((folder) => folder.replace(/\/$/, ''));
}

describe("the README's layout", () => {
  it('lists each folder once', () => {
    const listed = listedFolders();
    expect(listed.length).toBeGreaterThan(10);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('lists exactly the folders under src/, and bench/, test/ and docs/', () => {
    const expected = [...sourceFolders(), 'bench', 'test', 'docs'].sort();
    expect([...listedFolders()].sort()).toEqual(expected);
  });

  it('lists only folders that exist', () => {
    const missing = listedFolders().filter(
      (f) => !existsSync(join(REPO_ROOT, f)) || !statSync(join(REPO_ROOT, f)).isDirectory(),
    );
    expect(missing).toEqual([]);
  });
});
