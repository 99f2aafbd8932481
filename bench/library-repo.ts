/**
 * A chart repository as public ones are laid out: 20 application charts that all depend on one library
 * chart (`common`, `type: library`) kept beside them and not vendored. Measured: how many charts a scan
 * of the whole repository renders, how long the scan takes (rendering included), a second scan in the
 * same process (the render cache), and, for comparison, `helm template` run on each chart alone (with the
 * library vendored into each chart's charts/, as `helm dependency build` would leave it), one after another.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_CONFIG } from '../src/engine/config.js';
import { scan } from '../src/engine/scan.js';
import { diskFiles } from '../src/adapters/tools/files.js';
import { prepareRenderings } from '../src/adapters/tools/prepare.js';
import { RENDER_CACHE } from '../src/adapters/tools/render-cache.js';
import type { Tools } from '../src/adapters/tools/tools.js';
import { median, type RunPlan } from './measure.js';
import { fmt, table } from './report.js';

const CHARTS = 20;
const run = promisify(execFile);

export interface LibraryRepoFigures {
  charts: number;
  rendered: number;
  findings: number;
  scanMs: number;
  cachedScanMs: number;
  helmAloneMs: number;
}

/** Writes the repository under `workdir/library-repo` (and a vendored twin for the baseline); returns both folders. */
export function writeLibraryRepo(workdir: string): { repo: string; vendored: string } {
  const repo = 'library-repo/charts';
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(workdir, path)), { recursive: true });
    writeFileSync(join(workdir, path), text);
  };
  write(`${repo}/common/Chart.yaml`, 'apiVersion: v2\nname: common\ntype: library\nversion: 2.4.1\n');
  write(
    `${repo}/common/templates/_helpers.tpl`,
    [
      '{{- define "common.names.fullname" -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}',
      '{{- define "common.labels.standard" -}}',
      'app.kubernetes.io/name: {{ .Chart.Name }}',
      'app.kubernetes.io/instance: {{ .Release.Name }}',
      '{{- end -}}',
      '{{- define "common.images.image" -}}',
      '{{- $registry := .imageRoot.registry -}}',
      '{{- printf "%s/%s:%s" $registry .imageRoot.repository (.imageRoot.tag | toString) -}}',
      '{{- end -}}',
      '{{- define "common.securityContext" -}}',
      '{{- if .secContext.enabled }}{{ omit .secContext "enabled" | toYaml }}{{ end -}}',
      '{{- end -}}',
    ].join('\n') + '\n',
  );
  for (let i = 0; i < CHARTS; i++) {
    const chart = `${repo}/app${i}`;
    write(
      `${chart}/Chart.yaml`,
      `apiVersion: v2\nname: app${i}\nversion: 1.0.${i}\ndependencies:\n  - name: common\n    version: 2.x.x\n    repository: oci://registry-1.docker.io/bitnamicharts\n`,
    );
    write(
      `${chart}/Chart.lock`,
      'dependencies:\n- name: common\n  repository: oci://registry-1.docker.io/bitnamicharts\n  version: 2.4.1\ndigest: sha256:00\n',
    );
    write(
      `${chart}/values.yaml`,
      `image:\n  registry: docker.io\n  repository: example/app${i}\n  tag: ${i % 4 === 0 ? 'latest' : `1.${i}.0`}\ncontainerSecurityContext:\n  enabled: true\n  runAsNonRoot: true\n  privileged: ${i % 5 === 0}\nservice:\n  type: ClusterIP\n`,
    );
    write(
      `${chart}/templates/deployment.yaml`,
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ include "common.names.fullname" . }}',
        '  labels: {{- include "common.labels.standard" . | nindent 4 }}',
        'spec:',
        '  selector:',
        '    matchLabels: {{- include "common.labels.standard" . | nindent 6 }}',
        '  template:',
        '    metadata:',
        '      labels: {{- include "common.labels.standard" . | nindent 8 }}',
        '    spec:',
        '      containers:',
        '        - name: app',
        '          image: {{ include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global) }}',
        '          securityContext: {{- include "common.securityContext" (dict "secContext" .Values.containerSecurityContext "context" $) | nindent 12 }}',
      ].join('\n') + '\n',
    );
    write(
      `${chart}/templates/service.yaml`,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "common.names.fullname" . }}\nspec:\n  type: {{ .Values.service.type }}\n  ports:\n    - port: 80\n',
    );
  }
  // The baseline's copy: each chart with the library vendored, as after `helm dependency build`.
  const vendored = 'library-repo/vendored';
  for (let i = 0; i < CHARTS; i++) {
    cpSync(join(workdir, repo, `app${i}`), join(workdir, vendored, `app${i}`), { recursive: true });
    cpSync(join(workdir, repo, 'common'), join(workdir, vendored, `app${i}`, 'charts', 'common'), { recursive: true });
  }
  return { repo, vendored };
}

export async function measureLibraryRepo(workdir: string, tools: Tools, plan: RunPlan): Promise<LibraryRepoFigures> {
  const { repo, vendored } = writeLibraryRepo(workdir);
  const repository = diskFiles(workdir);
  const once = async () => {
    const started = performance.now();
    const paths = await repository.list(repo);
    const inputs = [...(await repository.read(paths))].map(([path, data]) => ({ path, text: data.toString('utf8') }));
    const renderings = await prepareRenderings({
      paths,
      files: repository,
      config: DEFAULT_CONFIG,
      select: { scanned: new Set(paths) },
      options: { tools },
    });
    const problems = renderings.filter((r) => r.problem);
    if (problems.length > 0) throw new Error(`library repo: ${problems.map((r) => `${r.folder}: ${r.problem!.message}`).join('; ')}`);
    const result = scan({ files: inputs, renderings, config: DEFAULT_CONFIG });
    return { ms: performance.now() - started, rendered: renderings.length, findings: result.findings.length };
  };
  const cold: number[] = [];
  const cached: number[] = [];
  const alone: number[] = [];
  let last = { ms: 0, rendered: 0, findings: 0 };
  for (let round = 0; round < plan.warmup + plan.runs; round++) {
    RENDER_CACHE.clear();
    last = await once();
    const again = await once();
    const started = performance.now();
    for (let i = 0; i < CHARTS; i++) await run(tools.helm!, ['template', 'release-name', join(workdir, vendored, `app${i}`)]);
    const helmMs = performance.now() - started;
    if (round < plan.warmup) continue;
    cold.push(last.ms);
    cached.push(again.ms);
    alone.push(helmMs);
  }
  return {
    charts: CHARTS,
    rendered: last.rendered,
    findings: last.findings,
    scanMs: median(cold),
    cachedScanMs: median(cached),
    helmAloneMs: median(alone),
  };
}

export function printLibraryRepo(f: LibraryRepoFigures, plan: RunPlan): void {
  console.log(`\n${f.charts} charts sharing a library chart kept beside them (median of ${plan.runs} runs after ${plan.warmup} warm-up)`);
  console.log(
    table([
      [
        'charts',
        'rendered',
        'findings',
        'bulwark scan (renders included)',
        'same scan again, same process',
        `helm template on each chart alone (${f.charts} runs)`,
      ],
      [fmt.count(f.charts), fmt.count(f.rendered), fmt.count(f.findings), fmt.ms(f.scanMs), fmt.ms(f.cachedScanMs), fmt.ms(f.helmAloneMs)],
    ]),
  );
}
