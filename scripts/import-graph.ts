/**
 * `npm run graph`: the import graph of src/ in figures: files, arrows between them, arrows that cross a layer
 * boundary the wrong way (see ARCHITECTURE.md), and the arrows between layers.
 */
import { fileURLToPath } from 'node:url';
import { forbiddenArrows, importCycles, layerOf, LAYERS, readImportGraph } from '../test/architecture/import-graph.js';

const graph = readImportGraph(fileURLToPath(new URL('..', import.meta.url)));
const forbidden = forbiddenArrows(graph);
console.log(
  `files ${graph.files.length}, arrows ${graph.arrows.length}, forbidden ${forbidden.length}, cycles ${importCycles(graph).length}`,
);
for (const arrow of forbidden) console.log(`  forbidden: ${arrow.from} -> ${arrow.to}`);
const between = new Map<string, number>();
for (const { from, to } of graph.arrows) {
  const key = `${layerOf(from)} -> ${layerOf(to)}`;
  between.set(key, (between.get(key) ?? 0) + 1);
}
for (const layer of LAYERS) {
  const files = graph.files.filter((file) => layerOf(file) === layer).length;
  const out = [...between].filter(([key]) => key.startsWith(`${layer} ->`)).map(([key, n]) => `${key.split(' -> ')[1]} ${n}`);
  console.log(`${layer.padEnd(10)} ${String(files).padStart(4)} files; imports: ${out.join(', ')}`);
}
