import { YMap, YScalar, YSeq, type Field } from './yaml.js';
import { fieldItems } from '../rendered/kustomization-fields.js';
import type { SourceFile } from '../source.js';

/** A Helm chart's `Chart.yaml`, as the chart rules see it. */
export interface HelmChart {
  file: SourceFile;
  root: YMap;
  /** The chart's folder (`.` at the root of the scan). */
  folder: string;
  name: string | undefined;
  /** The `dependencies` field, when the chart declares any. */
  dependencies: Field | undefined;
  /** The dependency entries that are maps (what Helm reads), in order. */
  dependencyItems: YMap[];
  /** Whether a `Chart.lock` sits beside the `Chart.yaml` in the scan set. */
  hasLock: boolean;
}

/** Which list of a kustomization an entry is in. */
export type KustomizeList = 'resources' | 'bases' | 'components';

/** A `kustomization.yaml`, as the Kustomize rules see it. */
export interface KustomizeFile {
  file: SourceFile;
  root: YMap;
  /** Scalar entries of `resources`, `bases` and `components`, as written, with their nodes. */
  entries: Array<{ list: KustomizeList; node: YScalar }>;
}

export function helmChartOf(file: SourceFile, root: YMap, folder: string, hasLock: boolean): HelmChart {
  const dependencies = root.field('dependencies');
  const items = dependencies?.value instanceof YSeq ? dependencies.value.items.filter((item): item is YMap => item instanceof YMap) : [];
  return { file, root, folder, name: root.str('name'), dependencies, dependencyItems: items, hasLock };
}

export function kustomizeFileOf(file: SourceFile, root: YMap): KustomizeFile {
  const entries: KustomizeFile['entries'] = [];
  for (const list of ['resources', 'bases', 'components'] as const) {
    // Keys in any case, as Kustomize reads them (`Resources:` is `resources`).
    for (const item of fieldItems(root, list)) if (item instanceof YScalar && item.value !== null) entries.push({ list, node: item });
  }
  return { file, root, entries };
}
