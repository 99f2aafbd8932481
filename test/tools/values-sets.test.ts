import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../src/engine/config.js';
import { diskFiles } from '../../src/adapters/tools/files.js';
import { prepareRenderings } from '../../src/adapters/tools/prepare.js';
import { valuesSets } from '../../src/adapters/tools/values-sets.js';
import { realTools, scanRendered } from './support.js';

const WEB = 'test/fixtures/charts/monorepo/web';

async function chartIn(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
}

describe('values sets: the chart defaults and each ci/*-values.yaml', () => {
  test('the sets: defaults with the configured files, then values.yaml with each ci file', () => {
    const paths = [
      'c/values.yaml',
      'c/values-prod.yaml',
      'c/ci/a-values.yaml',
      'c/ci/b-values.yaml',
      'c/ci/notes.yaml',
      'c/templates/x.yaml',
    ];
    expect(valuesSets('c', paths, ['values-prod.yaml'])).toEqual({
      sets: [
        { name: 'values.yaml + values-prod.yaml', files: ['c/values.yaml', 'c/values-prod.yaml'] },
        { name: 'ci/a-values.yaml', files: ['c/values.yaml', 'c/ci/a-values.yaml'] },
        { name: 'ci/b-values.yaml', files: ['c/values.yaml', 'c/ci/b-values.yaml'] },
      ],
    });
    expect(valuesSets('c', paths, ['missing-*.yaml'])).toEqual({ missing: 'missing-*.yaml' });
  });

  test('a finding under several values sets is reported once, naming them; one under one set names that set', async () => {
    const { result, renderings } = await scanRendered([WEB]);
    expect(renderings.map((r) => r.valuesSet)).toEqual(['values.yaml', 'ci/hardened-values.yaml']);
    const messages = (rule: string) => result.findings.filter((f) => f.ruleId === rule).map((f) => f.message);
    expect(messages('k8s/writable-root-filesystem')).toEqual([
      'Deployment "release-name-web" container "web" does not set readOnlyRootFilesystem: true (in every values set: values.yaml, ci/hardened-values.yaml)',
    ]);
    expect(messages('k8s/image-latest-tag')).toHaveLength(1);
    expect(messages('k8s/image-latest-tag')[0]).toMatch(
      /image "docker\.io\/example\/web:latest" uses the latest tag.* \(values set values\.yaml\)$/,
    );
    expect(messages('k8s/image-not-pinned-by-digest')).toEqual([
      expect.stringMatching(
        /image "docker\.io\/example\/web:1\.4\.2" is pinned by tag only, not by digest .*\(values set ci\/hardened-values\.yaml\)$/,
      ),
    ]);
    expect(messages('k8s/privileged-container')).toEqual([expect.stringMatching(/\(values set values\.yaml\)$/)]);
  });

  test('a chart that fails under every values set is one finding naming them', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bulwark-sets-'));
    try {
      await chartIn(root, {
        'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
        'c/values.yaml': 'image: {}\n',
        'c/ci/a-values.yaml': 'replicas: 2\n',
        'c/templates/pod.yaml':
          'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: {{ required "image.tag is required" .Values.image.tag }}\n',
      });
      const { result } = await scanRendered(['c'], { root });
      expect(result.findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId} ${f.message}`)).toEqual([
        'c/templates/pod.yaml:8 bulwark/parse-error Helm chart c does not render: execution error at (c/templates/pod.yaml:8:16): image.tag is required. ' +
          'Give the chart values that set it: helm.charts["c"].valuesFiles in .github/bulwark.yml, or a ci/*-values.yaml in the chart ' +
          '(in every values set: values.yaml, ci/a-values.yaml)',
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('renders are cached by the content of the chart within a process', () => {
  test('the same chart is rendered once; a changed file renders again', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bulwark-cache-'));
    try {
      await chartIn(root, {
        'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 1.0.0\n',
        'c/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      });
      let runs = 0;
      const render = async () => {
        const files = diskFiles(root);
        return prepareRenderings({
          paths: await files.list('.'),
          files,
          config: DEFAULT_CONFIG,
          select: { scanned: new Set(['c/Chart.yaml']) },
          options: { tools: realTools(), onToolTime: () => runs++ },
        });
      };
      const first = await render();
      expect(runs).toBe(1);
      expect(await render()).toEqual(first);
      expect(runs).toBe(1);
      await writeFile(join(root, 'c/templates/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n');
      const third = await render();
      expect(runs).toBe(2);
      expect(third[0]!.output).toContain('name: y');
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
