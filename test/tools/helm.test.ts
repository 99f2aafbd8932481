import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { validateConfig } from '../../src/engine/config.js';
import { RULE_IDS } from '../../src/engine/rules/index.js';
import { helmErrorPlace } from '../../src/engine/rendered/index.js';
import { placed, realTools, ROOT, scanRendered } from './support.js';

const CHART = 'test/fixtures/charts/shop';
const at = (path: string) => `${CHART}/${path}`;

describe('Helm charts rendered with the real helm, findings at their source lines', () => {
  test('each finding points at the template line, the helper line, or the values.yaml line that wrote it', async () => {
    const { result, renderings } = await scanRendered([CHART]);
    expect(renderings.map((r) => [r.tool, r.folder, r.problem])).toEqual([['helm', CHART, undefined]]);
    const findings = result.findings;
    expect(
      placed(findings, [
        'k8s/privileged-container',
        'k8s/image-latest-tag',
        'k8s/host-ipc',
        'k8s/privilege-escalation',
        'k8s/exposed-service',
        'k8s/container-runtime-socket',
      ]),
    ).toEqual([
      // A vendored library chart's helper, included by the deployment: its literal line.
      `${at('charts/common/templates/_pod.tpl')}:3 k8s/host-ipc`,
      // The chart's own helper, included with `| nindent` inside an `if`: the helper's lines.
      `${at('templates/_helpers.tpl')}:15 k8s/privilege-escalation`,
      `${at('templates/_helpers.tpl')}:16 k8s/privileged-container`,
      // An absent field: the `securityContext:` line the template writes.
      `${at('templates/deployment.yaml')}:27 k8s/privilege-escalation`,
      // A helm test hook is scanned, and labelled as such.
      `${at('templates/tests/test-connection.yaml')}:10 k8s/privilege-escalation`,
      `${at('templates/tests/test-connection.yaml')}:11 k8s/image-latest-tag`,
      // `{{ .Values.image.tag }}` inline: the tag's line in values.yaml.
      `${at('values.yaml')}:5 k8s/image-latest-tag`,
      // `with .Values.securityContext` + `toYaml . | nindent`: the value's line.
      `${at('values.yaml')}:12 k8s/privileged-container`,
      // `range .Values.sidecars` + `toYaml .securityContext`: the list item's value.
      `${at('values.yaml')}:19 k8s/privilege-escalation`,
      // `type: {{ .Values.service.type }}`.
      `${at('values.yaml')}:26 k8s/exposed-service`,
      // `tpl .Values.extraVolumes .`: the line of the template text in values.yaml.
      `${at('values.yaml')}:33 k8s/container-runtime-socket`,
    ]);
    const byRule = (rule: string, path: string) => findings.find((f) => f.ruleId === rule && f.path === at(path))!;
    expect(byRule('k8s/privileged-container', 'values.yaml').message).toBe(
      'Deployment "release-name-shop" container "web" sets privileged: true (set in values.yaml; written by templates/deployment.yaml:28)',
    );
    expect(byRule('k8s/image-latest-tag', 'values.yaml').message).toContain('(set in values.yaml; used by templates/deployment.yaml:24)');
    expect(byRule('k8s/image-latest-tag', 'templates/tests/test-connection.yaml').message).toMatch(/\(helm test hook\)$/);
    expect(byRule('k8s/container-runtime-socket', 'values.yaml').message).toContain('rendered with tpl by templates/deployment.yaml:41');
    // Columns too: the key as written in the source.
    expect(byRule('k8s/privileged-container', 'values.yaml').range.start).toEqual({ line: 12, column: 3 });
    expect(byRule('k8s/privileged-container', 'templates/_helpers.tpl').range.start).toEqual({ line: 16, column: 5 });
  });

  test('no finding points at a line of the rendered output, and namespace-missing never fires on chart objects', async () => {
    const { result } = await scanRendered([CHART]);
    expect(result.findings.filter((f) => f.path.includes('(helm template)'))).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'k8s/namespace-missing')).toEqual([]);
    // The templates are scanned through the chart now, not skipped.
    expect(result.skipped).toEqual([]);
  });

  test('a missing required value is one parse error at the line Helm names, with its message', async () => {
    const { result } = await scanRendered(['test/fixtures/charts/broken']);
    expect(placed(result.findings)).toEqual(['test/fixtures/charts/broken/templates/pod.yaml:8 bulwark/parse-error']);
    expect(result.findings[0]!.message).toBe(
      'Helm chart test/fixtures/charts/broken does not render: execution error at (broken/templates/pod.yaml:8:48): image.tag is required. ' +
        'Give the chart values that set it: helm.charts["test/fixtures/charts/broken"].valuesFiles in .github/bulwark.yml, or a ci/*-values.yaml in the chart',
    );
  });

  test("a dependency missing from charts/ is a parse error at its entry in Chart.yaml (not the chart's name:); nothing is fetched", async () => {
    const { result } = await scanRendered(['test/fixtures/charts/missing-dependency']);
    // The chart is named like its dependency, whose entry writes `repository:` before `name:`: the entry's name line.
    expect(placed(result.findings)).toEqual(['test/fixtures/charts/missing-dependency/Chart.yaml:7 bulwark/parse-error']);
    expect(result.findings[0]!.message).toContain('dependency postgresql 12.1.6 from https://charts.bitnami.com/bitnami not in charts/');
  });

  test("Helm's own missing-dependency message is placed at the entry, from the parser", () => {
    const manifest = 'c/Chart.yaml';
    const text = 'apiVersion: v2\nname: postgresql\nversion: 1.0.0\ndependencies:\n  - repository: https://x\n    name: postgresql\n';
    const rendering = { tool: 'helm' as const, folder: 'c', manifest, sources: [{ path: manifest, text }] };
    expect(helmErrorPlace('found in Chart.yaml, but missing in charts/ directory: postgresql', rendering)).toEqual({
      path: manifest,
      line: 6,
    });
  });
});

describe('Helm options, limits and refusals', () => {
  test('configured values files override values.yaml, and findings point at the file that set the value', async () => {
    const config = validateConfig(
      { helm: { charts: { [CHART]: { valuesFiles: ['values-prod.yaml'], releaseName: 'shop', namespace: 'shop' } } } },
      RULE_IDS,
    );
    const { result } = await scanRendered([CHART], { config });
    const rules = ['k8s/privileged-container', 'k8s/image-latest-tag', 'k8s/exposed-service', 'k8s/run-as-root'];
    expect(placed(result.findings, rules).filter((line) => !line.includes('test-connection'))).toEqual([
      `${at('templates/_helpers.tpl')}:15 k8s/run-as-root`,
      `${at('templates/_helpers.tpl')}:16 k8s/privileged-container`,
      `${at('templates/deployment.yaml')}:35 k8s/run-as-root`,
      // runAsUser: 0 comes from the production values, merged over values.yaml's securityContext.
      `${at('values-prod.yaml')}:8 k8s/run-as-root`,
    ]);
    expect(result.findings.find((f) => f.path === at('values-prod.yaml'))!.message).toContain('Deployment "shop-shop"');
  });

  test('without helm, one info finding per chart says so, and the templates stay unscanned', async () => {
    const { result } = await scanRendered(['test/fixtures/charts/missing-dependency', CHART], {
      tools: { ...realTools(), helm: undefined },
    });
    expect(placed(result.findings)).toEqual([
      'test/fixtures/charts/missing-dependency/Chart.yaml:1 bulwark/not-rendered',
      `${at('Chart.yaml')}:1 bulwark/not-rendered`,
    ]);
    expect(result.findings[0]!.message).toBe(
      'Helm chart test/fixtures/charts/missing-dependency not rendered: helm not found (put it on PATH or set BULWARK_HELM)',
    );
    expect(result.findings[0]!.severity).toBe('info');
    expect(result.skipped.map((s) => s.path)).toContain(at('templates/deployment.yaml'));
  });

  test('a render over the timeout or over the output limit is stopped and reported', async () => {
    const slow = await scanRendered([CHART], { options: { timeoutMs: 1 } });
    expect(placed(slow.result.findings, ['bulwark/not-rendered'])).toEqual([`${at('Chart.yaml')}:1 bulwark/not-rendered`]);
    expect(slow.result.findings[0]!.message).toBe(`Helm chart ${CHART} not rendered: stopped after 1 ms, the render timeout`);
    const big = await scanRendered([CHART], { options: { maxOutputBytes: 100 } });
    expect(big.result.findings.map((f) => f.message)).toEqual([
      `Helm chart ${CHART} not rendered: stopped: its output passed 100 bytes, the render output limit`,
    ]);
  });

  test('suppressions are read where the finding points: the values line, the template line, the object', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bulwark-chart-'));
    try {
      await cp(`${ROOT}/${CHART}`, join(root, 'shop'), { recursive: true });
      const values = join(root, 'shop/values.yaml');
      await writeFile(
        values,
        (await readFile(values, 'utf8')).replace(
          '  privileged: true',
          '  # bulwark:ignore k8s/privileged-container -- benchmarks need perf counters\n  privileged: true',
        ),
      );
      const helpers = join(root, 'shop/templates/_helpers.tpl');
      await writeFile(
        helpers,
        (await readFile(helpers, 'utf8')).replace(
          '    privileged: true',
          '    privileged: true # bulwark:ignore k8s/privileged-container -- debug sidecar, off in production',
        ),
      );
      const { result } = await scanRendered(['shop'], { root });
      expect(placed(result.findings, ['k8s/privileged-container'])).toEqual([]);
      expect(
        result.suppressed
          .filter((f) => f.ruleId === 'k8s/privileged-container')
          .map((f) => `${f.path}:${f.range.start.line} ${f.suppressed!.reason}`),
      ).toEqual(['shop/templates/_helpers.tpl:16 debug sidecar, off in production', 'shop/values.yaml:13 benchmarks need perf counters']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('a symbolic link out of the repository is refused, and nothing is read through it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bulwark-chart-'));
    try {
      await cp(`${ROOT}/${CHART}`, join(root, 'shop'), { recursive: true });
      await symlink('/etc/hostname', join(root, 'shop/templates/host.yaml'));
      const { result } = await scanRendered(['shop'], { root });
      expect(placed(result.findings, ['bulwark/not-rendered'])).toEqual(['shop/Chart.yaml:1 bulwark/not-rendered']);
      expect(result.findings.find((f) => f.ruleId === 'bulwark/not-rendered')!.message).toBe(
        'Helm chart shop not rendered: shop/templates/host.yaml is a symbolic link that leads out of the repository; refused',
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('a value that spells out a line marker is text: the finding stays where the value is used', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bulwark-chart-'));
    try {
      await writeFile(join(root, 'Chart.yaml'), 'apiVersion: v2\nname: forged\nversion: 0.1.0\n');
      await writeFile(
        join(root, 'values.yaml'),
        '# the values\nnet: "true #bulwark@0:1"\npid: "true #bulwark-0123456789abcdef01234567@0:1"\n',
      );
      await mkdir(join(root, 'templates'));
      await writeFile(
        join(root, 'templates/pod.yaml'),
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: forged\n  namespace: shop\nspec:\n  hostNetwork: {{ .Values.net }}\n  hostPID: {{ .Values.pid }}\n  containers:\n    - name: app\n      image: app:1.0\n',
      );
      const { result, renderings } = await scanRendered(['.'], { root });
      expect(placed(result.findings, ['k8s/host-network', 'k8s/host-pid'])).toEqual([
        'templates/pod.yaml:7 k8s/host-network',
        'templates/pod.yaml:8 k8s/host-pid',
      ]);
      expect(renderings[0]!.markerToken).toMatch(/^[0-9a-f]{24}$/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
