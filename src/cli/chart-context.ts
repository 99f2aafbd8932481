import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SourceInput } from '../engine/model.js';

/**
 * Files of a Helm chart that a scan of part of it needs to read without reporting on them: the
 * `Chart.lock` beside a scanned `Chart.yaml` (so `helm/dependency-lock-missing` sees it when
 * `bulwark scan chart/Chart.yaml` names the file alone), and the `Chart.yaml` above a scanned
 * `templates/` file (so the template is known as one and never read as a plain manifest).
 */
export async function chartContext(root: string, files: readonly SourceInput[]): Promise<SourceInput[]> {
  const have = new Set(files.map((file) => file.path));
  const wanted = new Set<string>();
  for (const { path } of files) {
    const parts = path.split('/');
    const name = parts[parts.length - 1];
    if (name === 'Chart.yaml') wanted.add([...parts.slice(0, -1), 'Chart.lock'].join('/'));
    for (let i = parts.length - 2; i >= 0; i--) if (parts[i] === 'templates') wanted.add([...parts.slice(0, i), 'Chart.yaml'].join('/'));
  }
  const context: SourceInput[] = [];
  for (const path of [...wanted].sort()) {
    if (have.has(path) || path.startsWith('/') || path.startsWith('../')) continue;
    const text = await readFile(resolve(root, path), 'utf8').catch(() => undefined);
    if (text !== undefined) context.push({ path, text });
  }
  return context;
}
