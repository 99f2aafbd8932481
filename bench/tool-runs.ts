/**
 * Rendering figures for `npm run bench`: a generated chart with 30 templates, and a tree of 10 overlays
 * over one base, rendered with the real helm and kubectl (from .tools/bin, which `npm test` fills, or
 * PATH) and scanned. Each run is split between the external tool (the helm / kubectl processes) and
 * Bulwark's own work: reading the files, writing the marked copy, and scan() (parsing the output,
 * running the rules, mapping every finding back to its source line).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { DEFAULT_CONFIG } from '../src/engine/config.js';
import type { Rendering } from '../src/engine/rendered/rendering.js';
import { scan } from '../src/engine/scan.js';
import { diskFiles } from '../src/adapters/tools/files.js';
import { prepareRenderings } from '../src/adapters/tools/prepare.js';
import { RENDER_CACHE } from '../src/adapters/tools/render-cache.js';
import { findTools, type Tools } from '../src/adapters/tools/tools.js';
import { median, type RunPlan } from './measure.js';
import { fmt, table, type Check } from './report.js';

const TEMPLATES = 30;
const OVERLAYS = 10;

export interface RenderFigures {
  name: string;
  files: number;
  findings: number;
  /** Medians over the runs. */
  totalMs: number;
  toolMs: number;
  ownMs: number;
  scanMs: number;
}

/** helm and kubectl: .tools/bin first (what the tests use), then PATH. */
export function benchTools(root: string): Tools {
  return findTools({ ...process.env, PATH: [join(root, '.tools', 'bin'), process.env.PATH ?? ''].join(delimiter) });
}

/** Writes the chart and the overlay tree under `workdir`; returns their folders (relative to it). */
export function writeRenderCorpus(workdir: string): { chart: string; overlays: string } {
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(workdir, path)), { recursive: true });
    writeFileSync(join(workdir, path), text);
  };
  const chart = 'render/chart';
  write(`${chart}/Chart.yaml`, 'apiVersion: v2\nname: bench\nversion: 1.0.0\n');
  const services = Array.from({ length: TEMPLATES / 3 }, (_, i) => `svc${i}`);
  write(
    `${chart}/values.yaml`,
    [
      'image: {repository: registry.example.com/app, tag: "1.0.0"}',
      'securityContext:',
      '  allowPrivilegeEscalation: true',
      '  readOnlyRootFilesystem: true',
      'services:',
      ...services.flatMap((name, i) => [
        `  ${name}:`,
        `    port: ${8000 + i}`,
        `    replicas: ${1 + (i % 3)}`,
        '    env:',
        '      LOG_LEVEL: info',
        '      MODE: bench',
      ]),
    ].join('\n') + '\n',
  );
  write(
    `${chart}/templates/_helpers.tpl`,
    [
      '{{- define "bench.labels" -}}',
      'app.kubernetes.io/name: {{ .name }}',
      'app.kubernetes.io/instance: {{ .root.Release.Name }}',
      '{{- end }}',
      '{{- define "bench.container" -}}',
      '- name: {{ .name }}',
      '  image: "{{ .root.Values.image.repository }}:{{ .root.Values.image.tag }}"',
      '  securityContext:',
      '    {{- toYaml .root.Values.securityContext | nindent 4 }}',
      '  env:',
      '  {{- range $k, $v := .service.env }}',
      '    - name: {{ $k }}',
      '      value: {{ $v | quote }}',
      '  {{- end }}',
      '{{- end }}',
    ].join('\n') + '\n',
  );
  for (const name of services) {
    const ctx = `(dict "name" "${name}" "root" $ "service" (index .Values.services "${name}"))`;
    write(
      `${chart}/templates/${name}-deployment.yaml`,
      [
        `{{- $svc := index .Values.services "${name}" }}`,
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: {{ .Release.Name }}-${name}`,
        '  labels:',
        `    {{- include "bench.labels" ${ctx} | nindent 4 }}`,
        'spec:',
        '  replicas: {{ $svc.replicas }}',
        '  selector:',
        '    matchLabels:',
        `      {{- include "bench.labels" ${ctx} | nindent 6 }}`,
        '  template:',
        '    metadata:',
        '      labels:',
        `        {{- include "bench.labels" ${ctx} | nindent 8 }}`,
        '    spec:',
        '      containers:',
        `        {{- include "bench.container" ${ctx} | nindent 8 }}`,
      ].join('\n') + '\n',
    );
    write(
      `${chart}/templates/${name}-service.yaml`,
      [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        `  name: {{ .Release.Name }}-${name}`,
        'spec:',
        '  ports:',
        `    - port: {{ (index .Values.services "${name}").port }}`,
        '  selector:',
        `    app.kubernetes.io/name: ${name}`,
      ].join('\n') + '\n',
    );
    write(
      `${chart}/templates/${name}-configmap.yaml`,
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        `  name: {{ .Release.Name }}-${name}`,
        'data:',
        `  {{- range $k, $v := (index .Values.services "${name}").env }}`,
        '  {{ $k }}: {{ $v | quote }}',
        '  {{- end }}',
      ].join('\n') + '\n',
    );
  }

  const overlays = 'render/kustomize';
  write(`${overlays}/base/kustomization.yaml`, 'resources:\n  - deployment.yaml\n  - service.yaml\n');
  write(
    `${overlays}/base/deployment.yaml`,
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {app: web}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:1.0.0\n          securityContext: {readOnlyRootFilesystem: true}\n',
  );
  write(
    `${overlays}/base/service.yaml`,
    'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
  );
  for (let i = 0; i < OVERLAYS; i++) {
    write(
      `${overlays}/overlays/env${i}/kustomization.yaml`,
      `resources:\n  - ../../base\nnamespace: env${i}\nnamePrefix: env${i}-\npatches:\n  - path: patch.yaml\nimages:\n  - name: registry.example.com/web\n    newTag: "1.0.${i}"\n`,
    );
    write(
      `${overlays}/overlays/env${i}/patch.yaml`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: ${1 + (i % 4)}\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: ${i % 2 === 0}\n`,
    );
  }
  return { chart, overlays };
}

/** Renders and scans `folder` under `workdir` `plan.runs` times; the medians of the split. */
export async function measureRender(name: string, workdir: string, folder: string, tools: Tools, plan: RunPlan): Promise<RenderFigures> {
  const repository = diskFiles(workdir);
  const samples: Array<{ total: number; tool: number; scan: number; findings: number; files: number }> = [];
  for (let round = 0; round < plan.warmup + plan.runs; round++) {
    // Every round renders: the process's render cache would otherwise answer from the first.
    RENDER_CACHE.clear();
    const runs: Array<[number, number]> = [];
    const started = performance.now();
    const paths = await repository.list(folder);
    const inputs = [...(await repository.read(paths))].map(([path, data]) => ({ path, text: data.toString('utf8') }));
    const renderings: Rendering[] = await prepareRenderings({
      paths,
      files: repository,
      config: DEFAULT_CONFIG,
      select: { scanned: new Set(paths) },
      options: { tools, onToolTime: (ms, at) => runs.push([at, at + ms]) },
    });
    const problems = renderings.filter((r) => r.problem);
    if (problems.length > 0) throw new Error(`${name}: ${problems.map((r) => `${r.folder}: ${r.problem!.message}`).join('; ')}`);
    const scanStarted = performance.now();
    const result = scan({ files: inputs, renderings, config: DEFAULT_CONFIG });
    const ended = performance.now();
    if (round >= plan.warmup)
      samples.push({
        total: ended - started,
        tool: covered(runs),
        scan: ended - scanStarted,
        findings: result.findings.length,
        files: paths.length,
      });
  }
  const totalMs = median(samples.map((s) => s.total));
  const toolMs = median(samples.map((s) => s.tool));
  return {
    name,
    files: samples[0]!.files,
    findings: samples[0]!.findings,
    totalMs,
    toolMs,
    ownMs: median(samples.map((s) => s.total - s.tool)),
    scanMs: median(samples.map((s) => s.scan)),
  };
}

/** Wall time during which at least one tool ran (renders run in parallel, so their times overlap). */
function covered(runs: ReadonlyArray<[number, number]>): number {
  let total = 0;
  let end = -Infinity;
  for (const [start, stop] of [...runs].sort((a, b) => a[0] - b[0])) {
    if (stop <= end) continue;
    total += stop - Math.max(start, end);
    end = stop;
  }
  return total;
}

export function printRender(figures: readonly RenderFigures[], plan: RunPlan): void {
  console.log(`\nCharts and overlays, rendered with the real tools and scanned (median of ${plan.runs} runs after ${plan.warmup} warm-up)`);
  const rows = figures.map((f) => [
    f.name,
    fmt.count(f.files),
    fmt.ms(f.totalMs),
    `${fmt.ms(f.toolMs)} (${Math.round((100 * f.toolMs) / f.totalMs)}%)`,
    `${fmt.ms(f.ownMs)} (${Math.round((100 * f.ownMs) / f.totalMs)}%)`,
    fmt.ms(f.scanMs),
    fmt.count(f.findings),
  ]);
  console.log(table([['corpus', 'files', 'total', 'external tool', "Bulwark's own", 'of which scan()', 'findings'], ...rows]));
}

/** Bulwark's share should be a small fraction of the render time: at most a third of the tool's. */
export function renderChecks(figures: readonly RenderFigures[]): Check[] {
  return figures.map((f) => ({
    figure: `${f.name}: Bulwark's own time vs the tool's`,
    measured: `${fmt.ms(f.ownMs)} vs ${fmt.ms(f.toolMs)}`,
    target: "own < 1/3 of the tool's",
    pass: f.ownMs < f.toolMs / 3,
  }));
}
