import { resolve } from 'node:path';
import { decodeSource, isSkipped } from '../engine/decode.js';
import type { SourceInput } from '../engine/model.js';
import { chartManifestsAbove } from '../engine/readers/chart.js';
import { readBounded } from '../adapters/fs/read-bounded.js';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * Files that a scan of part of a chart or overlay needs to read without reporting on them, so that a file
 * scanned alone is read as it is deployed: the `Chart.lock` beside a scanned `Chart.yaml` (so
 * `helm/dependency-lock-missing` sees it when `bulwark scan chart/Chart.yaml` names the file alone), and
 * the `Chart.yaml` and kustomization of every folder above a scanned file (so a chart's template is known
 * as one and its chart rendered, a patch is known as one and its overlay built, and a file outside any
 * chart is never taken for a template).
 */
export async function deploymentContext(root: string, files: readonly SourceInput[], maxFileBytes: number): Promise<SourceInput[]> {
  const have = new Set(files.map((file) => file.path));
  const charts = chartManifestsAbove(files.map((file) => file.path));
  const wanted = new Set<string>(charts);
  for (const chart of charts) for (const name of KUSTOMIZATION_NAMES) wanted.add(`${chart.slice(0, -'Chart.yaml'.length)}${name}`);
  for (const { path } of files)
    if (path === 'Chart.yaml' || path.endsWith('/Chart.yaml')) wanted.add(`${path.slice(0, -'yaml'.length)}lock`);
  const context: SourceInput[] = [];
  for (const path of [...wanted].sort()) {
    if (have.has(path)) continue;
    const read = await readBounded(resolve(root, path), maxFileBytes);
    if (!('bytes' in read)) continue;
    const decoded = decodeSource(path, read.bytes);
    if (!isSkipped(decoded)) context.push(decoded);
  }
  return context;
}
