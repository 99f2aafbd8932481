import { posix } from 'node:path';
import semver from 'semver';
import { parseYaml, YMap, YScalar, type YNode } from '../../engine/parse/yaml.js';
import { SourceFile } from '../../engine/source.js';

/** One entry of a chart's `dependencies:` list, with the line it is written on. */
export interface ChartDependency {
  name: string;
  alias?: string;
  version?: string;
  repository?: string;
  /** One-based line of the entry's `name:` (or of the entry) in Chart.yaml, from the parser. */
  line: number;
}

/** What a chart's `Chart.yaml` says about it, for finding and placing its dependencies. */
export interface ChartMeta {
  /** Repository-relative folder of the chart. */
  folder: string;
  manifest: string;
  name: string | undefined;
  version: string | undefined;
  library: boolean;
  dependencies: ChartDependency[];
}

/** Reads a Chart.yaml; a file that does not parse as a map gives a chart with no name and no dependencies. */
export function readChartMeta(manifest: string, text: string): ChartMeta {
  const folder = folderOf(manifest);
  const root = parseYaml(text).documents[0]?.root;
  if (!(root instanceof YMap)) return { folder, manifest, name: undefined, version: undefined, library: false, dependencies: [] };
  const file = new SourceFile(manifest, text);
  const dependencies: ChartDependency[] = [];
  for (const entry of root.seq('dependencies')?.items ?? []) {
    if (!(entry instanceof YMap)) continue;
    const name = entry.str('name');
    if (!name) continue;
    const anchor: YNode = entry.keyNode('name') ?? entry;
    const dependency: ChartDependency = { name, line: file.position(anchor.start).line };
    for (const key of ['alias', 'version', 'repository'] as const) {
      const value = entry.str(key);
      if (value) dependency[key] = value;
    }
    dependencies.push(dependency);
  }
  const version = root.get('version');
  return {
    folder,
    manifest,
    name: root.str('name'),
    version: version instanceof YScalar && version.value !== null ? version.text : undefined,
    library: root.str('type') === 'library',
    dependencies,
  };
}

/** A chart of the repository placed inside the render's copy of another chart, as Helm would find it in `charts/`. */
export interface DependencyCopy {
  /** Where it goes, relative to the rendered chart's folder: `charts/common`, `charts/common/charts/util`. */
  inner: string;
  /** The repository folder it is copied from. */
  folder: string;
}

/** A dependency that is neither vendored nor in the repository: what the caller may still fetch, or report. */
export interface UnresolvedDependency {
  /** The chart (repository folder) whose Chart.yaml lists it. */
  chart: ChartMeta;
  dependency: ChartDependency;
  /** Where an archive of it would go, relative to the rendered chart's folder: `charts` or `charts/common/charts`. */
  into: string;
  /** Why it could not be fetched, when fetching was allowed and tried. */
  reason?: string;
}

export interface DependencyPlan {
  copies: DependencyCopy[];
  /** Verified archives of remote dependencies, by their place in the copy (`charts/redis-17.3.2.tgz`). */
  archives?: ReadonlyArray<{ inner: string; data: Buffer; digest: string }>;
  unresolved: UnresolvedDependency[];
  /** One line per dependency taken from the repository, for the output. */
  notes: string[];
}

/** Every chart of the repository by name, to find a dependency's chart among them. */
export class ChartCatalog {
  private readonly byName = new Map<string, ChartMeta[]>();
  private readonly byFolder = new Map<string, ChartMeta>();
  /** The archives in each `charts/` folder of the repository, by that folder's path (with its slash). */
  private readonly archives = new Map<string, string[]>();

  constructor(
    charts: Iterable<ChartMeta>,
    /** Every file path of the repository, to see what a chart's `charts/` folder already holds. */
    paths: Iterable<string>,
  ) {
    for (const path of paths) {
      const match = /^(.*?\/?charts\/)([^/]+\.tgz)$/.exec(path);
      if (match) this.archives.set(match[1]!, [...(this.archives.get(match[1]!) ?? []), match[2]!]);
    }
    for (const chart of charts) {
      this.byFolder.set(chart.folder, chart);
      if (!chart.name) continue;
      const list = this.byName.get(chart.name) ?? [];
      list.push(chart);
      this.byName.set(chart.name, list);
    }
  }

  chartAt(folder: string): ChartMeta | undefined {
    return this.byFolder.get(folder);
  }

  /**
   * Where each dependency of `chart` comes from: already in its `charts/` folder (Helm's own rule, by
   * name), a `file://` path in the repository, or another chart of the repository with the same name
   * and a version that satisfies the constraint (the highest such version; the shortest path on a tie).
   * A copied chart's own missing dependencies are resolved the same way, into its `charts/`.
   */
  plan(chart: ChartMeta): DependencyPlan {
    const plan: DependencyPlan = { copies: [], unresolved: [], notes: [] };
    const visit = (current: ChartMeta, inner: string, ancestors: readonly string[]) => {
      const chartsDir = inner === '' ? 'charts' : `${inner}/charts`;
      const copied = new Set<string>();
      for (const dependency of current.dependencies) {
        if (copied.has(dependency.name) || this.vendored(current.folder, dependency.name)) continue;
        const found = this.find(current, dependency);
        if (!found || ancestors.includes(found.folder)) {
          plan.unresolved.push({ chart: current, dependency, into: chartsDir });
          continue;
        }
        copied.add(dependency.name);
        const into = `${chartsDir}/${dependency.name}`;
        plan.copies.push({ inner: into, folder: found.folder });
        const how = dependency.repository?.startsWith('file://') ? `its file:// path` : `the chart of that name in this repository`;
        const wanted = dependency.version ? ` ${dependency.version}` : '';
        plan.notes.push(
          `${current.manifest}: dependency ${dependency.name}${wanted} taken from ${found.folder} (version ${found.version ?? 'unknown'}), ${how}`,
        );
        visit(found, into, [...ancestors, found.folder]);
      }
    };
    visit(chart, '', [chart.folder]);
    return plan;
  }

  /** Whether the chart's own `charts/` holds the dependency: a folder whose Chart.yaml names it, or its archive. */
  private vendored(folder: string, name: string): boolean {
    const prefix = folder === '.' ? 'charts/' : `${folder}/charts/`;
    for (const inside of this.byName.get(name) ?? []) {
      const manifest = inside.manifest;
      if (manifest.startsWith(prefix) && !manifest.slice(prefix.length, -'/Chart.yaml'.length).includes('/')) return true;
    }
    const archive = new RegExp(`^${escapeRegExp(name)}-\\d`);
    return (this.archives.get(prefix) ?? []).some((file) => archive.test(file));
  }

  private find(from: ChartMeta, dependency: ChartDependency): ChartMeta | undefined {
    const repository = dependency.repository ?? '';
    if (repository.startsWith('file://')) {
      const target = posix.normalize(posix.join(from.folder, repository.slice('file://'.length)));
      if (target === '..' || target.startsWith('../') || posix.isAbsolute(target)) return undefined;
      const chart = this.byFolder.get(target.replace(/\/$/, '') || '.');
      return chart && chart.name === dependency.name ? chart : undefined;
    }
    const candidates = (this.byName.get(dependency.name) ?? []).filter(
      (c) => c.folder !== from.folder && satisfies(c.version, dependency.version),
    );
    candidates.sort((a, b) => compareVersions(b.version, a.version) || a.folder.length - b.folder.length || (a.folder < b.folder ? -1 : 1));
    return candidates[0];
  }
}

/**
 * Whether a chart version satisfies a Helm constraint. Helm reads constraints with Masterminds/semver,
 * where a comma joins conditions (`>=1.2, <2`); npm's semver reads the same with a space.
 */
export function satisfies(version: string | undefined, constraint: string | undefined): boolean {
  if (constraint === undefined || constraint.trim() === '' || constraint.trim() === '*') return true;
  if (version === undefined) return false;
  const valid = semver.valid(version, { loose: true });
  if (!valid) return false;
  try {
    return semver.satisfies(valid, constraint.replace(/\s*,\s*/g, ' '), { loose: true });
  } catch {
    return false;
  }
}

function compareVersions(a: string | undefined, b: string | undefined): number {
  const x = a ? semver.valid(a, { loose: true }) : null;
  const y = b ? semver.valid(b, { loose: true }) : null;
  if (x && y) return semver.compare(x, y);
  return x ? 1 : y ? -1 : 0;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
