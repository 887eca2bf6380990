// Every relative link in README.md and docs/*.md points at a file that exists and, with a
// #fragment, at a heading (GitHub's anchor for it) or an explicit id in that file; and every
// source path they name exists: files move, and a pointer that no longer resolves is a dead end.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/run-cli.js';

const pages = [
  'README.md',
  ...readdirSync(join(REPO_ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

// Text outside fenced code blocks: a link shown as code is not a link.
function prose(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').filter((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return false;
    }
    return !fenced;
  });
}

// GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens, and -1, -2…
// after a repeated one.
function anchors(markdown: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of prose(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const slug = heading[1]!
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .replace(/\s/g, '-');
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      found.add(n === 0 ? slug : `${slug}-${n}`);
    }
    for (const id of line.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) found.add(id[1]!);
  }
  return found;
}

function links(markdown: string): string[] {
  const targets: string[] = [];
  for (const line of prose(markdown)) {
    const text = line.replace(/``[^`]*``|`[^`]*`/g, '');
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) targets.push(m[1]!);
  }
  return targets;
}

describe('links in the README and docs/', () => {
  it('finds the pages, and links in them', () => {
    expect(pages).toEqual(
      expect.arrayContaining(['README.md', 'docs/cli.md', 'docs/design.md', 'docs/library.md', 'docs/bench.md']),
    );
    expect(links(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')).length).toBeGreaterThan(5);
  });

  it.each(pages)('%s: every relative link resolves', (page) => {
    const broken: string[] = [];
    for (const target of links(readFileSync(join(REPO_ROOT, page), 'utf8'))) {
      if (/^[a-z][a-z+.-]*:/i.test(target)) continue; // https:, mailto:: not a file here
      const [path = '', fragment] = target.split('#');
      const file = path === '' ? join(REPO_ROOT, page) : join(REPO_ROOT, dirname(page), decodeURIComponent(path));
      if (!existsSync(file)) {
        broken.push(`${target}: no file ${relative(REPO_ROOT, file)}`);
      } else if (fragment !== undefined && !anchors(readFileSync(file, 'utf8')).has(fragment)) {
        broken.push(`${target}: no heading or id "${fragment}" in ${relative(REPO_ROOT, file)}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it.each(pages)('%s: every source path it names in code quotes exists', (page) => {
    const text = readFileSync(join(REPO_ROOT, page), 'utf8');
    const named = [...text.matchAll(/`((?:src|test|bench|scripts|fixtures|docs)\/[\w./-]+)`/g)].map((m) => m[1]!);
    expect(named.filter((path) => !existsSync(join(REPO_ROOT, path)))).toEqual([]);
  });
});
