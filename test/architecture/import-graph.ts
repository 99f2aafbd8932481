/**
 * The import graph of `src/`, read with TypeScript's own pre-processor (every `import`, `export ... from` and
 * `import()`), and the layer each file belongs to. The boundary test and `npm run graph` share it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ImportArrow {
  from: string;
  to: string;
}

export interface ImportGraph {
  files: string[];
  arrows: ImportArrow[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // Test support (`engine/testing/`) is test code: it is not part of any layer.
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Files relative to `root` (`src/engine/scan.ts`); test files are left out, they may reach anywhere they test. */
export function readImportGraph(root: string, folder = 'src'): ImportGraph {
  const files = sourceFiles(join(root, folder))
    .map((file) => relative(root, file))
    .sort();
  const known = new Set(files);
  const arrows: ImportArrow[] = [];
  for (const from of files) {
    const info = ts.preProcessFile(readFileSync(join(root, from), 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const to = relative(root, resolve(root, dirname(from), fileName)).replace(/\.js$/, '.ts');
      if (known.has(to)) arrows.push({ from, to });
      else if (known.has(to.replace(/\.ts$/, '/index.ts'))) arrows.push({ from, to: to.replace(/\.ts$/, '/index.ts') });
    }
  }
  return { files, arrows };
}

/**
 * The layers, lowest first: a file may import its own layer and those below it. Entries are one layer, but
 * each entry (`entries/app`, `entries/action`, `entries/cli`) is a unit of its own.
 */
export const LAYERS = ['engine', 'review', 'report', 'adapters', 'workspace', 'entries'] as const;
export type Layer = (typeof LAYERS)[number];

export function layerOf(file: string): Layer {
  const top = file.split('/')[1] as Layer;
  if (!LAYERS.includes(top)) throw new Error(`${file} is outside every layer: add its folder to LAYERS`);
  return top;
}

/** What each layer may import besides itself, as the issue and ARCHITECTURE.md state it. */
export const ALLOWED: Record<Layer, readonly Layer[]> = {
  engine: [],
  review: ['engine'],
  report: ['engine'],
  adapters: ['engine', 'review', 'report'],
  workspace: ['engine', 'review', 'report', 'adapters'],
  entries: ['engine', 'review', 'report', 'adapters', 'workspace'],
};

/** `entries/cli/main.ts` and `entries/cli.ts` both belong to the CLI entry. */
export function entryOf(file: string): string | undefined {
  const match = /^src\/entries\/([^/.]+)/.exec(file);
  return match?.[1];
}

export function forbiddenArrows(graph: ImportGraph): ImportArrow[] {
  return graph.arrows.filter(({ from, to }) => {
    const [a, b] = [layerOf(from), layerOf(to)];
    if (a === 'entries' && b === 'entries') return entryOf(from) !== entryOf(to);
    return a !== b && !ALLOWED[a].includes(b);
  });
}

/** The import cycles (strongly connected groups of more than one file, or a file importing itself). */
export function importCycles(graph: ImportGraph): string[][] {
  const next = new Map<string, string[]>(graph.files.map((file) => [file, []]));
  for (const { from, to } of graph.arrows) next.get(from)!.push(to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const to of next.get(file)!) {
      if (!index.has(to)) {
        visit(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(file, Math.min(low.get(file)!, index.get(to)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || next.get(file)!.includes(file)) cycles.push(group.sort());
  };
  for (const file of graph.files) if (!index.has(file)) visit(file);
  return cycles;
}
