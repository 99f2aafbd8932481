import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { forbiddenArrows, importCycles, layerOf, readImportGraph, type ImportGraph } from './import-graph.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const graph = readImportGraph(ROOT);

/** A small graph in the layout, to show the rules catch what they should. */
function graphOf(arrows: Array<[string, string]>): ImportGraph {
  return { files: [...new Set(arrows.flat())], arrows: arrows.map(([from, to]) => ({ from, to })) };
}

describe('import boundaries (ARCHITECTURE.md)', () => {
  test('every file of src/ belongs to a layer', () => {
    expect(graph.files.length).toBeGreaterThan(250);
    for (const file of graph.files) expect(() => layerOf(file)).not.toThrow();
  });

  test('no arrow crosses a boundary: the engine imports the engine, the review core the engine and itself, adapters no entry, no entry another', () => {
    expect(forbiddenArrows(graph)).toEqual([]);
  });

  test('no import cycles', () => {
    expect(importCycles(graph)).toEqual([]);
    expect(
      importCycles(
        graphOf([
          ['src/engine/a.ts', 'src/engine/b.ts'],
          ['src/engine/b.ts', 'src/engine/a.ts'],
        ]),
      ),
    ).toEqual([['src/engine/a.ts', 'src/engine/b.ts']]);
  });

  test('the rules catch each kind of forbidden arrow', () => {
    const bad = graphOf([
      ['src/engine/scan.ts', 'src/review/plan.ts'],
      ['src/review/review.ts', 'src/adapters/tools/prepare.ts'],
      ['src/report/sarif.ts', 'src/review/markdown.ts'],
      ['src/adapters/github/client.ts', 'src/entries/app/main.ts'],
      ['src/adapters/fs/walk.ts', 'src/workspace/tree.ts'],
      ['src/entries/action/workspace.ts', 'src/entries/cli/main.ts'],
    ]);
    expect(forbiddenArrows(bad).map((arrow) => arrow.from)).toEqual(bad.arrows.map((arrow) => arrow.from));
    const good = graphOf([
      ['src/review/review.ts', 'src/engine/scan.ts'],
      ['src/adapters/github/octokit-port.ts', 'src/review/ports.ts'],
      ['src/workspace/tree.ts', 'src/adapters/fs/walk.ts'],
      ['src/entries/cli.ts', 'src/entries/cli/main.ts'],
      ['src/entries/app/main.ts', 'src/workspace/tree.ts'],
    ]);
    expect(forbiddenArrows(good)).toEqual([]);
  });

  test('no code outside tests imports the test support in engine/testing', () => {
    const support = graph.files.filter((file) => readFileSync(`${ROOT}/${file}`, 'utf8').includes('/testing/'));
    expect(support).toEqual([]);
  });

  test('the engine and the review core start no process and open no file or socket', () => {
    const io = /from 'node:(fs|fs\/promises|child_process|net|http|https|worker_threads|dgram|tls)'/;
    const offenders = graph.files.filter(
      (file) => ['engine', 'review'].includes(layerOf(file)) && io.test(readFileSync(`${ROOT}/${file}`, 'utf8')),
    );
    // The HCL grammar's WebAssembly is read from beside the bundle; ip.ts uses node:net's pure address checks.
    expect(offenders).toEqual(['src/engine/parse/hcl.ts', 'src/engine/policy/library/ip.ts']);
  });
});
