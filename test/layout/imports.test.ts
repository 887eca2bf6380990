// The source's import graph keeps its shape: no module imports itself through others (a cycle),
// and no folder imports one above it in LAYERS, so a lower part can be read, tested and reused
// without the parts built on it. Type-only and dynamic imports count like any other.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');

/**
 * Lowest first: a module may import from its own layer and any below it. A layer is a list of
 * source folders (`index` and `errors` are src/index.ts and src/errors.ts); a folder in no layer
 * fails the test, so a new folder is placed on purpose.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['errors'],
  ['util'],
  ['audio'],
  ['auth'],
  ['realtime'],
  ['speech'],
  ['tonecode'],
  ['transcriber/gate'],
  ['transcriber'],
  ['transcriber/spans'],
  ['emulator'],
  ['run'],
  ['index'],
  ['transcript'],
  ['terminal'],
  ['checkpoint'],
  // The command line is one layer: its entry and shared pieces, and the folders of its commands.
  ['cli', 'cli/commands', 'cli/batch', 'cli/dry-run'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function folderOf(file: string): string {
  const rel = relative(SRC, file);
  if (rel === 'index.ts') return 'index';
  if (rel === 'errors.ts') return 'errors';
  return dirname(rel);
}

// `import … from './x.js'`, `export … from './x.js'`, `import('./x.js')`: relative ones only
// (packages are outside the graph).
const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*)'(\.{1,2}\/[^']+)'/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(SPECIFIER)].map((m) => resolve(dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts')));
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Every cycle's modules (strongly connected components of more than one module, or self-imports). */
function cycles(): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    order.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, order.get(w) ?? 0));
    }
    if (low.get(v) !== order.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(relative(ROOT, w));
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

const layerOf = (folder: string): number => LAYERS.findIndex((layer) => layer.includes(folder));

describe('the import graph of src/', () => {
  it('has every import resolving to a source file', () => {
    const missing = [...graph].flatMap(([file, targets]) =>
      targets.filter((t) => !graph.has(t)).map((t) => `${relative(ROOT, file)} → ${relative(ROOT, t)}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no import cycles', () => {
    expect(cycles()).toEqual([]);
  });

  it('places every folder in a layer', () => {
    const unplaced = [...new Set(files.map(folderOf))].filter((folder) => layerOf(folder) < 0);
    expect(unplaced).toEqual([]);
  });

  it('never imports from a higher layer into a lower one', () => {
    const upward = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((t) => layerOf(folderOf(t)) > layerOf(folderOf(file)))
        .map((t) => `${relative(ROOT, file)} → ${relative(ROOT, t)}`),
    );
    expect(upward).toEqual([]);
  });

  it('finds a cycle and an upward import when there is one (the checks can fail)', () => {
    const saved = new Map(graph);
    const low = join(SRC, 'util/clock.ts');
    const high = join(SRC, 'cli/main.ts');
    graph.set(low, [...(graph.get(low) ?? []), high]);
    graph.set(high, [...(graph.get(high) ?? []), low]);
    try {
      expect(cycles().length).toBeGreaterThan(0);
      expect(layerOf(folderOf(high))).toBeGreaterThan(layerOf(folderOf(low)));
    } finally {
      graph.clear();
      for (const [k, v] of saved) graph.set(k, v);
    }
  });
});
