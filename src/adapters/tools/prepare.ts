import { availableParallelism } from 'node:os';
import type { Config } from '../../engine/config.js';
import { decodeSource, isSkipped } from '../../engine/decode.js';
import { parseYaml, YMap } from '../../engine/parse/yaml.js';
import type { Rendering } from '../../engine/rendered/rendering.js';
import type { RepoFiles } from './files.js';
import { ChartCatalog, readChartMeta } from './chart-dependencies.js';
import { renderChart } from './helm.js';
import { fetchDependencies } from './remote-dependencies.js';
import { buildOverlay, kustomizationIn, overlayClosure } from './kustomize.js';
import { DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_TIMEOUT_MS, renderBudget, type RenderBudget, type RenderOptions } from './options.js';
import { detectSandbox, type Sandbox } from './sandbox.js';
import { findTools } from './tools.js';

export interface PrepareRequest {
  /** Every file path of the repository (charts and overlays are found among them). */
  paths: readonly string[];
  files: RepoFiles;
  config: Config;
  /**
   * Which charts and overlays to render: those whose `Chart.yaml` or kustomization is among `scanned`
   * (a CLI scan), or those holding or reading a `changed` path (a pull request: a change to a template,
   * a values file or a base rescans the charts and overlays it belongs to).
   */
  select: { scanned: ReadonlySet<string> } | { changed: ReadonlySet<string> };
  options?: Partial<RenderOptions>;
  /** The time budget to draw on, when several calls share one (a review renders the head, then the merge base). */
  budget?: RenderBudget;
}

/** Renders at once: the tools are CPU-bound, so no more than the machine's cores (and at most 4). */
const CONCURRENCY = Math.max(1, Math.min(4, availableParallelism()));

/**
 * The one-line notice for the start of a run that renders: said only when there is no sandbox, whether the
 * configuration then refuses to render (the default) or accepts rendering without one.
 */
export async function sandboxNotice(config: Config, found?: Sandbox): Promise<string | undefined> {
  const sandbox = found ?? (await detectSandbox());
  if (sandbox.available) return undefined;
  return config.render.sandbox === 'allow-unsandboxed'
    ? `no sandbox for helm and kustomize (${sandbox.reason}); they run without one, as render.sandbox: allow-unsandboxed accepts`
    : `no sandbox for helm and kustomize (${sandbox.reason}); charts and overlays are not rendered (render.sandbox: allow-unsandboxed would render them without one)`;
}

/** Whether a scan needs rendering at all: it holds a chart or a kustomization. */
export function mayNeedRendering(paths: Iterable<string>): boolean {
  for (const path of paths) if (/(?:^|\/)(?:Chart\.yaml|kustomization\.ya?ml|Kustomization)$/.test(path)) return true;
  return false;
}

/**
 * Finds the charts and overlays a scan covers and renders each with its tool, for `scan({ renderings })`.
 * A chart is a folder with `Chart.yaml` (vendored subcharts and library charts render with their parent);
 * an overlay is a folder with a kustomization that no other kustomization of the repository includes
 * (bases and components are built through the overlays that use them).
 */
export async function prepareRenderings(request: PrepareRequest): Promise<Rendering[]> {
  const all = new Set(request.paths);
  const settings = request.config.render;
  const options: RenderOptions = {
    tools: request.options?.tools ?? findTools(),
    timeoutMs: request.options?.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxOutputBytes: request.options?.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    memoryBytes: request.options?.memoryBytes ?? settings.maxMemoryMiB * 1024 * 1024,
    totalTimeMs: request.options?.totalTimeMs ?? settings.timeBudgetSeconds * 1000,
    sandbox: request.options?.sandbox ?? (await detectSandbox()),
    allowUnsandboxed: request.options?.allowUnsandboxed ?? settings.sandbox === 'allow-unsandboxed',
    ...(request.options?.onToolTime ? { onToolTime: request.options.onToolTime } : {}),
  };
  // One clock for every render of this scan or review, started when the first render starts.
  let budget: ReturnType<typeof renderBudget> | undefined;
  const clock = () => (budget ??= request.budget ?? renderBudget(options.totalTimeMs));
  const wanted = (own: string, reads: readonly string[], folder: string): boolean => {
    if ('scanned' in request.select) return request.select.scanned.has(own);
    const changed = request.select.changed;
    const prefix = folder === '.' ? '' : `${folder}/`;
    for (const path of changed) if (path.startsWith(prefix)) return true;
    return reads.some((path) => changed.has(path));
  };

  // Charts, with the charts of the repository their dependencies resolve to.
  const chartFiles = [...all].filter((p) => /(?:^|\/)Chart\.yaml$/.test(p));
  const texts = await readTexts(request.files, [
    ...chartFiles,
    ...[...all].filter((p) => /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/.test(p)),
  ]);
  const catalog = new ChartCatalog(
    chartFiles.map((chart) => readChartMeta(chart, texts.get(chart) ?? '')),
    all,
  );
  const chartFolders = new Set(chartFiles.map(folderOf));
  const jobs: Array<() => Promise<Rendering[]>> = [];
  for (const chart of chartFiles) {
    const folder = folderOf(chart);
    // A subchart vendored under another chart's charts/ is rendered as part of that chart.
    const parts = folder.split('/');
    if (parts.length >= 3 && parts[parts.length - 2] === 'charts' && chartFolders.has(parts.slice(0, -2).join('/'))) continue;
    const meta = catalog.chartAt(folder)!;
    if (meta.library) continue;
    const plan = catalog.plan(meta);
    // A change to a library chart (or any dependency taken from the repository) rescans the charts using it.
    const reads =
      'changed' in request.select ? plan.copies.flatMap((copy) => [...all].filter((path) => path.startsWith(under(copy.folder)))) : [];
    if (!wanted(chart, reads, folder)) continue;
    const allowed = request.config.helm.dependencies.repositories;
    jobs.push(async () => {
      if (plan.unresolved.length === 0 || allowed.length === 0)
        return renderChart(folder, request.files, request.config, options, clock(), plan);
      // Remote dependencies, only from the allowed repositories, at the versions Chart.lock pins.
      const lockOf = async (path: string) => (await request.files.read([path])).get(path)?.toString('utf8');
      const remote = await fetchDependencies(plan.unresolved, allowed, lockOf, {
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxOutputBytes,
      });
      return renderChart(folder, request.files, request.config, options, clock(), {
        ...plan,
        archives: remote.archives,
        unresolved: remote.failures.map(({ unresolved, reason }) => ({ ...unresolved, reason })),
        notes: [...plan.notes, ...remote.notes],
      });
    });
  }

  // Overlays: kustomizations that no other one includes, and that are not components.
  const kustomizations = [...all].filter(
    (p) => /(?:^|\/)(?:kustomization\.ya?ml|Kustomization)$/.test(p) && kustomizationIn(folderOf(p), all) === p,
  );
  const closures = new Map(kustomizations.map((k) => [k, overlayClosure(folderOf(k), all, (p) => texts.get(p))]));
  const included = new Set<string>();
  for (const closure of closures.values()) for (const inner of closure.kustomizations.slice(1)) included.add(inner);
  for (const kustomization of kustomizations) {
    if (included.has(kustomization)) continue;
    const root = parseYaml(texts.get(kustomization) ?? '').documents[0]?.root;
    if (root instanceof YMap && root.str('kind') === 'Component') continue;
    const folder = folderOf(kustomization);
    const closure = closures.get(kustomization)!;
    if (!wanted(kustomization, closure.files, folder)) continue;
    jobs.push(async () => [await buildOverlay(folder, all, request.files, request.config, options, clock())]);
  }
  return (await runLimited(jobs, CONCURRENCY)).flat();
}

async function readTexts(files: RepoFiles, paths: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const [path, data] of await files.read(paths)) {
    const decoded = decodeSource(path, data);
    if (!isSkipped(decoded)) texts.set(path, decoded.text);
  }
  return texts;
}

/** The prefix of the paths under a folder. */
function under(folder: string): string {
  return folder === '.' ? '' : `${folder}/`;
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '.' : path.slice(0, slash);
}

async function runLimited<T>(jobs: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
