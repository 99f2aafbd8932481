import { baseName } from '../detect.js';
import { parseError } from '../findings.js';
import { helmChartOf, kustomizeFileOf, type HelmChart, type KustomizeFile } from '../parse/chart.js';
import { posix } from 'node:path';
import { parseYaml, YMap, YScalar, type ParsedYaml } from '../parse/yaml.js';
import type { Reader, Reading, ReadScope, Unit } from '../reading.js';
import type { Kustomization } from '../scan-set.js';
import type { SourceFile } from '../source.js';
import { findSuppressions } from '../suppress.js';

/**
 * Helm's `Chart.yaml` and Kustomize's `kustomization.yaml`: YAML, but not Kubernetes objects. Each is one
 * unit of its own platform (`helm`, `kustomize`) for the chart and overlay rules, so that neither is ever
 * checked as a manifest. `Chart.lock` is accepted only so that walkers and reviews read it: the chart
 * rules ask whether one sits beside a `Chart.yaml`.
 */

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export function isKustomization(path: string): boolean {
  return KUSTOMIZATION_NAMES.has(baseName(path));
}

/** `Chart.yaml`, exactly as Helm spells it (Helm reads no other name). */
export function isChartFile(path: string): boolean {
  return baseName(path) === 'Chart.yaml';
}

function isChartLock(path: string): boolean {
  return baseName(path) === 'Chart.lock';
}

export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

/**
 * The `Chart.yaml` a chart in each folder above these paths (or in the path's own folder) would have:
 * what a caller reads as context so that the engine knows which files belong to a chart.
 */
export function chartManifestsAbove(paths: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = parts.length - 1; i >= 0; i--) out.add(i === 0 ? 'Chart.yaml' : `${parts.slice(0, i).join('/')}/Chart.yaml`);
  }
  return [...out].sort();
}

/** Where a file sits in a Helm chart: the chart's folder and the path inside it. */
export interface ChartPlace {
  chart: string;
  inner: string;
}

/**
 * The innermost chart holding `path`: a folder above it whose `Chart.yaml` is in the scan (a vendored
 * subchart's files belong to the subchart). Only a chart's files are Helm's input; nothing outside a
 * chart is ever taken for a template.
 */
export function chartOf(path: string, scope: ReadScope): ChartPlace | undefined {
  const parts = path.split('/');
  for (let i = parts.length - 1; i >= 0; i--) {
    const chart = i === 0 ? '.' : parts.slice(0, i).join('/');
    if (holdsChart(chart, scope)) return { chart, inner: parts.slice(i).join('/') };
  }
  return undefined;
}

/** Whether the folder has a `Chart.yaml` in the scan, looked up once per folder and scan. */
function holdsChart(folder: string, scope: ReadScope): boolean {
  const key = `chart:${folder}`;
  if (!scope.cache.has(key))
    scope.cache.set(
      key,
      scope.filesIn(folder).some((file) => isChartFile(file.path)),
    );
  return scope.cache.get(key) as boolean;
}

/** Whether a path inside a chart is one of its templates (Helm renders everything under `templates/`). */
export function isChartTemplate(inner: string): boolean {
  return inner.startsWith('templates/');
}

/** Whether a path inside a chart is a values file: `values*.yaml` at its top, or a chart-testing one under `ci/`. */
export function isChartValues(inner: string): boolean {
  return /^(?:ci\/)?[^/]*values[^/]*\.ya?ml$/i.test(inner) || inner === 'values.schema.json';
}

/** Whether a path inside a chart is a CRD, which Helm installs as it is, without rendering. */
export function isChartCrd(inner: string): boolean {
  return inner.startsWith('crds/');
}

/**
 * The overlay folder when `path` is a patch that a kustomization in its folder or above names
 * (`patches`, `patchesStrategicMerge`, `patchesJson6902`): a patch is a fragment of an object, never
 * an object, and is checked when the overlay is built.
 */
export function overlayOfPatch(path: string, scope: ReadScope): string | undefined {
  for (const overlay of overlaysAbove(folderOf(path), scope)) if (overlay.patches.has(path)) return overlay.folder;
  return undefined;
}

interface Overlay {
  folder: string;
  patches: Set<string>;
}

/**
 * The overlays in `folder` and above it, innermost first, worked out once per folder and scan: every
 * file of a folder asks the same question, and most folders have none.
 */
function overlaysAbove(folder: string, scope: ReadScope): Overlay[] {
  const key = `overlays:${folder}`;
  let overlays = scope.cache.get(key) as Overlay[] | undefined;
  if (overlays) return overlays;
  overlays = [];
  const parts = folder === '.' ? [] : folder.split('/');
  for (let i = parts.length; i >= 0; i--) {
    const ancestor = i === 0 ? '.' : parts.slice(0, i).join('/');
    const kustomization = kustomizationIn(ancestor, scope);
    if (!kustomization) continue;
    const patchesKey = `patches:${kustomization.path}`;
    let patches = scope.cache.get(patchesKey) as Set<string> | undefined;
    if (!patches) {
      patches = patchPaths(ancestor, kustomization);
      scope.cache.set(patchesKey, patches);
    }
    overlays.push({ folder: ancestor, patches });
  }
  scope.cache.set(key, overlays);
  return overlays;
}

/** The folder's kustomization file, looked up once per folder and scan (a folder may hold thousands of files). */
function kustomizationIn(folder: string, scope: ReadScope): SourceFile | undefined {
  const key = `kustomization:${folder}`;
  if (!scope.cache.has(key))
    scope.cache.set(
      key,
      scope.filesIn(folder).find((file) => isKustomization(file.path)),
    );
  return scope.cache.get(key) as SourceFile | undefined;
}

function patchPaths(folder: string, kustomization: SourceFile): Set<string> {
  const out = new Set<string>();
  const root = parseYaml(kustomization.text).documents[0]?.root;
  if (!(root instanceof YMap)) return out;
  const add = (entry: string | undefined) => {
    if (entry === undefined || entry.includes('\n')) return;
    const joined = posix.normalize(posix.join(folder, entry.trim()));
    out.add(joined);
  };
  for (const key of ['patches', 'patchesJson6902'])
    for (const item of root.seq(key)?.items ?? []) if (item instanceof YMap) add(item.str('path'));
  for (const item of root.seq('patchesStrategicMerge')?.items ?? []) if (item instanceof YScalar && item.value !== null) add(item.text);
  return out;
}

export const chartReader: Reader = {
  accepts: (path) => isChartFile(path) || isChartLock(path),
  read(file, reviewed, scope) {
    if (isChartLock(file.path)) return undefined;
    const { reading, parsed, root } = readYaml(file, 'Chart.yaml');
    if (root) {
      const folder = folderOf(file.path);
      const hasLock = scope.filesIn(folder).some((sibling) => isChartLock(sibling.path));
      const chart = helmChartOf(file, root, folder, hasLock);
      const unit: Unit<HelmChart> = { platform: 'helm', subject: chart, file, root, id: `chart:${chart.name ?? folder}` };
      reading.units = [unit];
    }
    if (reviewed) reading.suppressions = findSuppressions(file, ['#'], parsed.stringRanges);
    return reading;
  },
};

export const kustomizationReader: Reader = {
  accepts: isKustomization,
  read(file, reviewed) {
    const { reading, parsed, root } = readYaml(file, 'kustomization');
    if (root) {
      const subject = kustomizeFileOf(file, root);
      reading.kustomization = kustomizationOf(file.path, subject);
      const unit: Unit<KustomizeFile> = { platform: 'kustomize', subject, file, root, id: 'kustomization' }; // the path is in the fingerprint; a rename keeps it
      reading.units = [unit];
    }
    if (reviewed) reading.suppressions = findSuppressions(file, ['#'], parsed.stringRanges);
    return reading;
  },
};

/** The file's one document; a syntax error, or a document that is not a map, is a parse error. */
function readYaml(file: SourceFile, what: string): { reading: Reading; parsed: ParsedYaml; root: YMap | undefined } {
  const reading: Reading = { file, units: [], findings: [], suppressions: [] };
  const parsed = parseYaml(file.text);
  for (const error of parsed.errors) reading.findings.push(parseError(file, error.offset, `invalid YAML in ${what}: ${error.message}`));
  const first = parsed.documents.find((document) => document.root !== undefined);
  if (first && !(first.root instanceof YMap)) reading.findings.push(parseError(file, first.root!.start, `${what} must be a YAML map`));
  return { reading, parsed, root: first?.root instanceof YMap ? first.root : undefined };
}

/** What other files' findings need from a kustomization: the namespace it sets and what it includes. */
function kustomizationOf(path: string, kustomization: KustomizeFile): Kustomization {
  return { path, namespace: kustomization.root.str('namespace'), entries: kustomization.entries.map((entry) => entry.node.text) };
}
