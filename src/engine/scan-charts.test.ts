import { describe, expect, test } from '@jest/globals';
import { validateConfig } from './config.js';
import type { SourceInput } from './model.js';
import { RULE_IDS } from './rules/index.js';
import { scan } from './scan.js';
import { dedent } from './testing/dedent.js';

const run = (files: SourceInput[], context: SourceInput[] = []) => scan({ files, context, config: validateConfig({}, RULE_IDS) });
const summary = (result: ReturnType<typeof run>) => result.findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`);

const PRIVILEGED_POD = dedent(`
  apiVersion: v1
  kind: Pod
  metadata: {name: web, namespace: shop}
  spec:
    containers:
      - name: app
        image: nginx:1.27
        securityContext: {privileged: true}
`);

const CHART = dedent(`
  apiVersion: v2
  name: web
  version: 0.1.0
`);

const privileged = (result: ReturnType<typeof run>) => summary(result).filter((line) => line.endsWith('k8s/privileged-container'));

describe('Helm charts and Kustomize overlays without rendering', () => {
  test('a kustomization and a Chart.yaml are never read as Kubernetes objects', () => {
    const result = run([
      {
        path: 'overlays/prod/kustomization.yaml',
        text: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\n',
      },
      { path: 'chart/Chart.yaml', text: 'apiVersion: v2\nkind: Pod\nname: web\nversion: 0.1.0\n' },
    ]);
    expect(result.findings.filter((f) => f.ruleId.startsWith('k8s/'))).toEqual([]);
    expect(result.scannedFiles).toBe(2);
  });

  test("every file under a chart's templates/ is left to the chart, with or without {{ }}", () => {
    const files = [
      { path: 'chart/Chart.yaml', text: CHART },
      { path: 'chart/templates/pod.yaml', text: PRIVILEGED_POD },
      { path: 'chart/templates/crds/pod.json', text: '{"apiVersion": "v1", "kind": "Pod"}' },
      { path: 'chart/charts/sub/Chart.yaml', text: CHART },
      { path: 'chart/charts/sub/templates/pod.yaml', text: PRIVILEGED_POD },
    ];
    const result = run(files);
    expect(privileged(result)).toEqual([]);
    expect(result.skipped).toEqual([
      {
        path: 'chart/charts/sub/templates/pod.yaml',
        reason: 'template of the Helm chart chart/charts/sub: scanned only when its chart is rendered',
      },
      { path: 'chart/templates/crds/pod.json', reason: 'template of the Helm chart chart: scanned only when its chart is rendered' },
      { path: 'chart/templates/pod.yaml', reason: 'template of the Helm chart chart: scanned only when its chart is rendered' },
    ]);
  });

  test('a Chart.yaml read only as context is enough to know a template', () => {
    const result = run([{ path: 'templates/pod.yaml', text: PRIVILEGED_POD }], [{ path: 'Chart.yaml', text: CHART }]);
    expect(privileged(result)).toEqual([]);
    expect(result.skipped.map((s) => s.path)).toEqual(['templates/pod.yaml']);
  });

  test('a templates/ folder with no Chart.yaml above it is plain YAML', () => {
    const result = run([
      { path: 'templates/pod.yaml', text: PRIVILEGED_POD },
      { path: 'chart/Chart.yaml', text: CHART },
      { path: 'other/templates/pod.yaml', text: PRIVILEGED_POD },
    ]);
    expect(privileged(result)).toEqual([
      'other/templates/pod.yaml:8 k8s/privileged-container',
      'templates/pod.yaml:8 k8s/privileged-container',
    ]);
  });

  test('a broken Chart.yaml or kustomization is a parse error at the line the parser names', () => {
    const result = run([
      { path: 'chart/Chart.yaml', text: 'apiVersion: v2\nname: web\ndependencies: [{name: a\n' },
      { path: 'k/kustomization.yaml', text: '- just\n- a list\n' },
    ]);
    expect(summary(result)).toEqual(['chart/Chart.yaml:3 bulwark/parse-error', 'k/kustomization.yaml:1 bulwark/parse-error']);
    expect(result.findings[1]!.message).toBe('kustomization must be a YAML map');
  });

  test('inline suppressions work in Chart.yaml and kustomization.yaml', () => {
    const result = run([
      {
        path: 'Chart.yaml',
        text: dedent(`
          apiVersion: v2
          name: web
          version: 0.1.0
          dependencies:
            - name: redis
              # bulwark:ignore helm/dependency-unpinned -- tracked by Renovate
              version: ^17.0.0
              repository: https://charts.bitnami.com/bitnami
        `),
      },
      { path: 'Chart.lock', text: 'dependencies: []\n' },
      {
        path: 'k/kustomization.yaml',
        text: 'resources:\n  - github.com/org/repo/base # bulwark:ignore kustomize/remote-base-unpinned -- same team\n',
      },
    ]);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId} (${f.suppressed?.reason})`)).toEqual([
      'Chart.yaml:7 helm/dependency-unpinned (tracked by Renovate)',
      'k/kustomization.yaml:2 kustomize/remote-base-unpinned (same team)',
    ]);
  });

  test("a kustomization's namespace still covers the files it includes", () => {
    const pod = PRIVILEGED_POD.replace('namespace: shop', 'labels: {}');
    const result = run([
      { path: 'base/kustomization.yaml', text: 'namespace: shop\nresources: [pod.yaml]\n' },
      { path: 'base/pod.yaml', text: pod },
    ]);
    expect(summary(result).filter((line) => line.includes('namespace-missing'))).toEqual([]);
  });
});
