import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Config } from '../../engine/config.js';
import { decodeSource, isSkipped } from '../../engine/decode.js';
import type { SourceInput } from '../../engine/model.js';
import { markerPattern, markTemplate } from '../../engine/rendered/helm-markers.js';
import type { Rendering, RenderProblem } from '../../engine/rendered/rendering.js';
import type { DependencyPlan, UnresolvedDependency } from './chart-dependencies.js';
import { oversizedMessage, type RepoFiles } from './files.js';
import { RENDER_CACHE, renderKey } from './render-cache.js';
import { valuesSets } from './values-sets.js';
import { runRenderer, sandboxRefusal, type RenderBudget, type RenderOptions } from './options.js';
import { schemaReferences } from './schema-refs.js';

/** The namespace charts are rendered into unless configured: not `default`, which rules would flag. */
export const PLACEHOLDER_NAMESPACE = 'release-namespace';
export const DEFAULT_RELEASE = 'release-name';

/**
 * Renders one chart with `helm template`, once per values set: its files (and the charts of the
 * repository its dependencies resolve to, placed in `charts/`) are copied to a temporary folder with
 * marker comments in every template (so the engine can map each rendered line back), then rendered with
 * each set's values files, no plugins, no network. A dependency that is still missing makes one problem
 * for the chart, at its entry in Chart.yaml, saying how to provide it.
 */
export async function renderChart(
  folder: string,
  files: RepoFiles,
  config: Config,
  options: RenderOptions,
  budget: RenderBudget,
  dependencies: DependencyPlan = { copies: [], unresolved: [], notes: [] },
): Promise<Rendering[]> {
  const prefix = folder === '.' ? '' : `${folder}/`;
  const manifest = `${prefix}Chart.yaml`;
  const notes = dependencies.notes;
  const base: Rendering = { tool: 'helm', folder, manifest, sources: [], ...(notes.length > 0 ? { notes } : {}) };
  // Every file of the copy: the chart's own, then each dependency's, by its place in the copy.
  const placed: Array<{ path: string; inner: string }> = (await files.list(folder)).map((path) => ({
    path,
    inner: path.slice(prefix.length),
  }));
  for (const copy of dependencies.copies) {
    const from = copy.folder === '.' ? '' : `${copy.folder}/`;
    for (const path of await files.list(copy.folder)) placed.push({ path, inner: `${copy.inner}/${path.slice(from.length)}` });
  }
  const paths = [...new Set(placed.map((p) => p.path))];
  const escaping = await files.escaping(paths);
  const bytes = await files.read(paths);
  const sources: SourceInput[] = [];
  for (const path of paths) {
    const data = bytes.get(path);
    if (!data) continue;
    const decoded = decodeSource(path, data);
    if (!isSkipped(decoded) && data.length <= config.limits.maxFileBytes) sources.push({ path, text: decoded.text });
  }
  base.sources = sources;
  if (dependencies.copies.length > 0) base.dependencies = dependencies.copies;
  if (escaping.length > 0)
    return [
      {
        ...base,
        problem: { kind: 'not-rendered', message: `${escaping[0]} is a symbolic link that leads out of the repository; refused` },
      },
    ];
  const oversized = (await files.oversized?.(paths)) ?? [];
  if (oversized.length > 0) return [{ ...base, problem: { kind: 'not-rendered', message: oversizedMessage(oversized[0]!, config) } }];
  if (!options.tools.helm)
    return [{ ...base, problem: { kind: 'not-rendered', message: 'helm not found (put it on PATH or set BULWARK_HELM)' } }];
  const refusal = sandboxRefusal(options);
  if (refusal) return [{ ...base, problem: { kind: 'not-rendered', message: `helm would run with ${refusal}` } }];
  // Helm validates values against a chart's values.schema.json and follows its $ref wherever it points (a URL,
  // a file of this machine): a schema that reaches outside itself is refused before helm sees it.
  for (const { path } of placed.filter((p) => /(?:^|\/)values\.schema\.json$/.test(p.inner))) {
    const data = bytes.get(path);
    const outside = data ? schemaReferences(data.toString('utf8')).find((ref) => !ref.local) : undefined;
    if (outside)
      return [
        {
          ...base,
          problem: {
            kind: 'not-rendered',
            message: `${path} has a $ref to "${outside.ref}" outside the schema; Bulwark lets helm read nothing but the chart, so the chart is refused`,
            path,
            line: outside.line,
          },
        },
      ];
  }
  if (dependencies.unresolved.length > 0) return [{ ...base, problem: missingDependencies(dependencies.unresolved, folder) }];

  const settings = chartSettings(config, folder);
  const chosen = valuesSets(
    folder,
    paths.filter((p) => bytes.has(p)),
    settings.valuesFiles ?? [],
  );
  if ('missing' in chosen) {
    return [
      {
        ...base,
        problem: { kind: 'error', message: `values file "${chosen.missing}" configured for ${folder} is not in the chart`, path: manifest },
      },
    ];
  }
  const present = placed.filter((p) => bytes.has(p.path));
  const templates = [...new Set(present.filter((p) => isTemplate(p.inner)).map((p) => p.path))].filter((p) =>
    sources.some((s) => s.path === p),
  );
  const inner = new Map(present.filter((p) => p.path.startsWith(prefix) || prefix === '').map((p) => [p.path, p.inner]));
  const archives = dependencies.archives ?? [];
  const key = renderKey(
    {
      helm: options.tools.helm,
      settings,
      sets: chosen.sets,
      limits: [options.timeoutMs, options.maxOutputBytes, options.memoryBytes, config.limits.maxFileBytes],
      sandboxed: options.sandbox.available,
    },
    [
      ...present.map((p) => ({ ...p, data: bytes.get(p.path)! })),
      ...archives.map((a) => ({ path: `sha256:${a.digest}`, inner: a.inner, data: a.data })),
    ],
  );
  return RENDER_CACHE.get(key, async () => {
    // Made after the chart was read, so no values file or template of the pull request can spell out a marker.
    const markerToken = randomBytes(12).toString('hex');
    const work = await mkdtemp(join(tmpdir(), 'bulwark-helm-'));
    try {
      const chartDir = join(work, 'chart');
      const write = async (marked: boolean) => {
        await rm(chartDir, { recursive: true, force: true });
        for (const dir of new Set(present.map((p) => dirname(join(chartDir, p.inner))))) await mkdir(dir, { recursive: true });
        await Promise.all(
          present.map((p) => {
            const index = marked ? templates.indexOf(p.path) : -1;
            const data = bytes.get(p.path)!;
            return writeFile(join(chartDir, p.inner), index === -1 ? data : markTemplate(data.toString('utf8'), index, markerToken));
          }),
        );
        for (const archive of archives) {
          await mkdir(dirname(join(chartDir, archive.inner)), { recursive: true });
          await writeFile(join(chartDir, archive.inner), archive.data);
        }
      };
      const renderings: Rendering[] = [];
      let marked = false;
      for (const set of chosen.sets) {
        const args = [
          'template',
          settings.releaseName ?? DEFAULT_RELEASE,
          chartDir,
          '--namespace',
          settings.namespace ?? PLACEHOLDER_NAMESPACE,
          ...set.files.filter((p) => p !== `${prefix}values.yaml`).flatMap((p) => ['--values', join(chartDir, inner.get(p) ?? p)]),
        ];
        const run = async () => runRenderer(options.tools.helm!, args, work, options, budget);
        if (!marked) await write((marked = true));
        let result = await run();
        if (!result.ok && result.reason === 'failed' && /YAML parse error|error converting YAML/.test(result.message)) {
          // Should a marker ever upset Helm's own YAML reading, the unmarked chart decides: rendered without
          // exact lines, or the chart's own error.
          await write(false);
          marked = false;
          result = await run();
        }
        // Unmarked output names no template, so the list serves both ways.
        const rendering: Rendering = {
          ...base,
          templates,
          valuesFiles: set.files,
          ...(chosen.sets.length > 1 ? { valuesSet: set.name } : {}),
        };
        if (result.ok) renderings.push({ ...rendering, output: result.stdout, ...(marked ? { markerToken } : {}) });
        else {
          const message = withAdvice(cleanMessage(result.message, work, folder, markerToken), folder);
          renderings.push({ ...rendering, problem: { kind: result.reason === 'failed' ? 'error' : 'not-rendered', message } });
        }
      }
      return renderings;
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
}

/**
 * One problem for every dependency the chart still lacks, at the first one's entry in Chart.yaml, saying
 * how to provide them.
 */
function missingDependencies(unresolved: readonly UnresolvedDependency[], folder: string): RenderProblem {
  const first = unresolved[0]!;
  const where = { path: first.chart.manifest, line: first.dependency.line };
  const reasons = unresolved.flatMap((u) => (u.reason ? [u.reason] : []));
  if (reasons.length === unresolved.length) return { kind: 'error', message: `dependencies not fetched: ${reasons.join('; ')}`, ...where };
  const names = unresolved.map(({ dependency }) => {
    const from = dependency.repository ? ` from ${dependency.repository}` : '';
    return `${dependency.name}${dependency.version ? ` ${dependency.version}` : ''}${from}`;
  });
  const plural = unresolved.length === 1 ? 'dependency' : 'dependencies';
  const message =
    `${plural} ${names.join(', ')} not in charts/ and not found in this repository; nothing is fetched. ` +
    `Vendor ${unresolved.length === 1 ? 'it' : 'them'} (run helm dependency build in ${folder} and commit charts/), ` +
    `add the chart to the repository, or allow its repository under helm.dependencies.repositories in .github/bulwark.yml`;
  return { kind: 'error', message, ...where };
}

/** Helm's message, with what to do about a value the chart requires. */
function withAdvice(message: string, folder: string): string {
  if (/\brequired\b/i.test(message)) {
    return `${message}. Give the chart values that set it: helm.charts["${folder}"].valuesFiles in .github/bulwark.yml, or a ci/*-values.yaml in the chart`;
  }
  return message;
}

/** Files Helm renders or reads as templates: everything under a `templates/` folder of the chart or a vendored subchart. */
function isTemplate(inner: string): boolean {
  return /(?:^|\/)templates\//.test(inner) && !/(?:^|\/)NOTES\.txt$/.test(inner) && !inner.split('/').some((part) => part.endsWith('.tgz'));
}

function chartSettings(config: Config, folder: string): { valuesFiles?: string[]; releaseName?: string; namespace?: string } {
  const charts = config.helm.charts;
  return charts[folder] ?? charts[`${folder}/`] ?? charts[`./${folder}`] ?? {};
}

/** Helm's message without its `Error: ` prefix, and with the temporary folder written as the chart's folder. */
function cleanMessage(message: string, work: string, folder: string, markerToken: string): string {
  return message
    .replace(/^Error:\s*/m, '')
    .replace(/\s*Use --debug flag to render out invalid YAML\s*/g, '')
    .split(join(work, 'chart'))
    .join(folder)
    .split(work)
    .join('.')
    .replace(markerPattern(markerToken), '')
    .trim()
    .slice(0, 2000);
}
