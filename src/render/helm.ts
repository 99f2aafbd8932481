import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import picomatch from 'picomatch';
import type { Config } from '../engine/config.js';
import { decodeSource, isSkipped } from '../engine/decode.js';
import type { SourceInput } from '../engine/model.js';
import { markerPattern, markTemplate } from '../engine/render/helm-markers.js';
import type { Rendering } from '../engine/render/rendering.js';
import { oversizedMessage, type RepoFiles } from './files.js';
import { runRenderer, sandboxRefusal, type RenderBudget, type RenderOptions } from './options.js';
import { schemaReferences } from './schema-refs.js';

/** The namespace charts are rendered into unless configured: not `default`, which rules would flag. */
export const PLACEHOLDER_NAMESPACE = 'release-namespace';
export const DEFAULT_RELEASE = 'release-name';

/**
 * Renders one chart with `helm template`: its files are copied to a temporary folder with marker comments
 * in every template (so the engine can map each rendered line back), then rendered with the chart's
 * values.yaml and the configured values files, vendored subcharts only, no plugins, no network.
 */
export async function renderChart(folder: string, files: RepoFiles, config: Config, options: RenderOptions, budget: RenderBudget): Promise<Rendering> {
  const prefix = folder === '.' ? '' : `${folder}/`;
  const relative = (path: string) => path.slice(prefix.length);
  const manifest = `${prefix}Chart.yaml`;
  const base: Rendering = { tool: 'helm', folder, manifest, sources: [] };
  const paths = await files.list(folder);
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
  if (escaping.length > 0) return { ...base, problem: { kind: 'not-rendered', message: `${escaping[0]} is a symbolic link that leads out of the repository; refused` } };
  const oversized = (await files.oversized?.(paths)) ?? [];
  if (oversized.length > 0) return { ...base, problem: { kind: 'not-rendered', message: oversizedMessage(oversized[0]!, config) } };
  if (!options.tools.helm) return { ...base, problem: { kind: 'not-rendered', message: 'helm not found (put it on PATH or set BULWARK_HELM)' } };
  const refusal = sandboxRefusal(options);
  if (refusal) return { ...base, problem: { kind: 'not-rendered', message: `helm would run with ${refusal}` } };
  // Helm validates values against a chart's values.schema.json and follows its $ref wherever it points (a URL,
  // a file of this machine): a schema that reaches outside itself is refused before helm sees it.
  for (const path of paths.filter((p) => /(?:^|\/)values\.schema\.json$/.test(relative(p)))) {
    const data = bytes.get(path);
    const outside = data ? schemaReferences(data.toString('utf8')).find((ref) => !ref.local) : undefined;
    if (outside) return { ...base, problem: { kind: 'not-rendered', message: `${path} has a $ref to "${outside.ref}" outside the schema; Bulwark lets helm read nothing but the chart, so the chart is refused`, path, line: outside.line } };
  }

  const settings = chartSettings(config, folder);
  const valuesFiles = [`${prefix}values.yaml`].filter((p) => bytes.has(p));
  for (const pattern of settings.valuesFiles ?? []) {
    const match = picomatch(pattern, { dot: true });
    const found = paths.filter((p) => match(relative(p)) && !valuesFiles.includes(p));
    if (found.length === 0) return { ...base, problem: { kind: 'error', message: `values file "${pattern}" configured for ${folder} is not in the chart`, path: manifest } };
    valuesFiles.push(...found);
  }
  const templates = sources.map((s) => s.path).filter((p) => isTemplate(relative(p)));

  // Made after the chart was read, so no values file or template of the pull request can spell out a marker.
  const markerToken = randomBytes(12).toString('hex');
  const work = await mkdtemp(join(tmpdir(), 'bulwark-helm-'));
  try {
    const chartDir = join(work, 'chart');
    const write = async (marked: boolean) => {
      await rm(chartDir, { recursive: true, force: true });
      const present = paths.filter((path) => bytes.has(path));
      for (const dir of new Set(present.map((path) => dirname(join(chartDir, relative(path)))))) await mkdir(dir, { recursive: true });
      await Promise.all(
        present.map((path) => {
          const index = marked ? templates.indexOf(path) : -1;
          const data = bytes.get(path)!;
          return writeFile(join(chartDir, relative(path)), index === -1 ? data : markTemplate(data.toString('utf8'), index, markerToken));
        }),
      );
    };
    const args = [
      'template',
      settings.releaseName ?? DEFAULT_RELEASE,
      chartDir,
      '--namespace',
      settings.namespace ?? PLACEHOLDER_NAMESPACE,
      ...valuesFiles.filter((p) => p !== `${prefix}values.yaml`).flatMap((p) => ['--values', join(chartDir, relative(p))]),
    ];
    const run = async () => runRenderer(options.tools.helm!, args, work, options, budget);
    await write(true);
    let result = await run();
    let marked = true;
    if (!result.ok && result.reason === 'failed' && /YAML parse error|error converting YAML/.test(result.message)) {
      // Should a marker ever upset Helm's own YAML reading, the unmarked chart decides: rendered without
      // exact lines, or the chart's own error.
      await write(false);
      result = await run();
      marked = false;
    }
    // Unmarked output names no template, so the list serves both ways.
    const rendering: Rendering = { ...base, templates, valuesFiles };
    if (result.ok) return { ...rendering, output: result.stdout, ...(marked ? { markerToken } : {}) };
    const message = cleanMessage(result.message, work, folder, markerToken);
    return { ...rendering, problem: { kind: result.reason === 'failed' ? 'error' : 'not-rendered', message } };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
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
    .split(join(work, 'chart')).join(folder)
    .split(work).join('.')
    .replace(markerPattern(markerToken), '')
    .trim()
    .slice(0, 2000);
}
