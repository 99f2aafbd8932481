import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { DEFAULT_CONFIG, validateConfig } from '../../src/engine/config.js';
import { RULE_IDS } from '../../src/engine/rules/index.js';
import { runScan } from '../../src/entries/cli/scan-command.js';
import { diskFiles } from '../../src/adapters/tools/files.js';
import { prepareRenderings } from '../../src/adapters/tools/prepare.js';
import { ChartCatalog, readChartMeta, satisfies } from '../../src/adapters/tools/chart-dependencies.js';
import { placed, realTools, ROOT, scanRendered } from './support.js';

const REPO = 'test/fixtures/charts/monorepo';
const at = (path: string) => `${REPO}/${path}`;

describe('dependencies from the repository itself, rendered with the real helm', () => {
  test('a library chart of the repository serves every chart that depends on it, by file:// or by name and version', async () => {
    const { result, renderings } = await scanRendered([REPO]);
    // The library chart is not rendered on its own; web renders once per values set; worker wants a version the repository lacks.
    expect(renderings.map((r) => [r.folder, r.valuesSet, r.problem?.kind])).toEqual([
      [at('api'), undefined, undefined],
      [at('web'), 'values.yaml', undefined],
      [at('web'), 'ci/hardened-values.yaml', undefined],
      [at('worker'), undefined, 'error'],
    ]);
    expect(renderings[0]!.notes).toEqual([
      `${at('api/Chart.yaml')}: dependency common >=2.0.0, <3.0.0 taken from ${at('common')} (version 2.4.1), its file:// path`,
    ]);
    expect(renderings[1]!.notes).toEqual([
      `${at('web/Chart.yaml')}: dependency common 2.x.x taken from ${at('common')} (version 2.4.1), the chart of that name in this repository`,
    ]);
    // A line the library's helper wrote points at the helper, in the library chart's own folder.
    expect(placed(result.findings, ['k8s/host-network'])).toEqual([`${at('common/templates/_security.tpl')}:9 k8s/host-network`]);
    // The chart that still lacks its dependency: one finding, at the dependency's entry, saying what to do.
    expect(placed(result.findings, ['bulwark/parse-error'])).toEqual([`${at('worker/Chart.yaml')}:5 bulwark/parse-error`]);
    expect(result.findings.find((f) => f.ruleId === 'bulwark/parse-error')!.message).toBe(
      `Helm chart ${at('worker')} does not render: dependency common ~1.16.0 from https://charts.bitnami.com/bitnami not in charts/ and not found in this ` +
        `repository; nothing is fetched. Vendor it (run helm dependency build in ${at('worker')} and commit charts/), add the chart to the repository, ` +
        'or allow its repository under helm.dependencies.repositories in .github/bulwark.yml',
    );
    // The library's templates are read through the charts using it, never skipped.
    expect(result.skipped.filter((s) => s.path.startsWith(at('common')))).toEqual([]);
  });

  test('bulwark scan says on stderr which dependencies it took from the repository', async () => {
    const out = await mkdtemp(join(tmpdir(), 'bulwark-notes-'));
    const saved = process.env.BULWARK_HELM;
    process.env.BULWARK_HELM = realTools().helm;
    try {
      const outcome = await runScan({
        root: join(ROOT, REPO),
        paths: ['api'],
        format: 'json',
        output: join(out, 'report.json'),
        write: () => {},
        failOn: undefined,
        fix: undefined,
        dryRun: false,
        minSeverity: 'info',
        groupBy: 'file',
        quiet: false,
        color: false,
        progress: false,
        config: DEFAULT_CONFIG,
      });
      expect(outcome.notes).toEqual([
        'bulwark: api/Chart.yaml: dependency common >=2.0.0, <3.0.0 taken from common (version 2.4.1), its file:// path',
      ]);
    } finally {
      if (saved === undefined) delete process.env.BULWARK_HELM;
      else process.env.BULWARK_HELM = saved;
      await rm(out, { recursive: true, force: true });
    }
  });

  test('the severity of the finding for a chart that cannot render is configurable', async () => {
    const config = validateConfig({ rules: { 'bulwark/parse-error': 'medium' } }, RULE_IDS);
    const { result } = await scanRendered([at('worker')], { config });
    expect(
      result.findings.filter((f) => f.ruleId === 'bulwark/parse-error').map((f) => `${f.path}:${f.range.start.line} ${f.severity}`),
    ).toEqual([`${at('worker/Chart.yaml')}:5 medium`]);
  });

  test('a change to the library chart rescans every chart that uses it, and only those', async () => {
    const repository = diskFiles(ROOT);
    const renderings = await prepareRenderings({
      paths: await repository.list(REPO),
      files: repository,
      config: DEFAULT_CONFIG,
      select: { changed: new Set([at('common/templates/_images.tpl')]) },
      options: { tools: realTools() },
    });
    expect([...new Set(renderings.map((r) => r.folder))]).toEqual([at('api'), at('web')]);
  });

  test('a vendored dependency wins over the repository; a chart of another name never serves', async () => {
    const root = await mkdtemp(join(tmpdir(), 'bulwark-deps-'));
    try {
      await cp(join(ROOT, REPO), root, { recursive: true });
      await cp(join(root, 'common'), join(root, 'api/charts/common'), { recursive: true });
      await writeFile(
        join(root, 'common/Chart.yaml'),
        (await readFile(join(root, 'common/Chart.yaml'), 'utf8')).replace('name: common', 'name: worker'),
      );
      const { renderings } = await scanRendered(['api', 'worker'], { root });
      expect(renderings.map((r) => [r.folder, r.notes, r.problem?.kind])).toEqual([
        ['api', undefined, undefined],
        ['worker', undefined, 'error'],
      ]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test('catalog: the highest satisfying version, the shortest path on a tie; file:// must stay in the repository', () => {
    const chart = (manifest: string, text: string) => readChartMeta(manifest, text);
    const app = chart(
      'apps/a/Chart.yaml',
      [
        'apiVersion: v2',
        'name: a',
        'version: 1.0.0',
        'dependencies:',
        '  - name: lib',
        '    version: ^1.2.0',
        '  - name: other',
        '    repository: file://../../../outside',
        '  - repository: https://example.com',
        '    name: gone',
      ].join('\n'),
    );
    const catalog = new ChartCatalog(
      [
        app,
        chart('lib/old/Chart.yaml', 'name: lib\nversion: 1.2.0\n'),
        chart('lib/new/Chart.yaml', 'name: lib\nversion: 1.9.3\n'),
        chart('vendor/x/charts/lib/Chart.yaml', 'name: lib\nversion: 1.9.3\n'),
        chart('lib/next/Chart.yaml', 'name: lib\nversion: 2.0.0\n'),
        chart('outside/Chart.yaml', 'name: other\nversion: 1.0.0\n'),
      ],
      new Set(),
    );
    const plan = catalog.plan(app);
    expect(plan.copies).toEqual([{ inner: 'charts/lib', folder: 'lib/new' }]);
    expect(plan.unresolved.map((u) => [u.dependency.name, u.dependency.line])).toEqual([
      ['other', 7],
      ['gone', 10],
    ]);
    // An archive in the chart's charts/ is Helm's own: nothing is copied or missing.
    const vendored = new ChartCatalog(
      [app, chart('lib/new/Chart.yaml', 'name: lib\nversion: 1.9.3\n')],
      new Set(['apps/a/charts/lib-1.2.5.tgz', 'apps/a/charts/other-2.0.0.tgz', 'apps/a/charts/gone-1.0.0.tgz']),
    );
    expect(vendored.plan(app)).toEqual({ copies: [], unresolved: [], notes: [] });
  });

  test('Helm constraints as Masterminds/semver reads them', () => {
    expect(satisfies('2.4.1', '2.x.x')).toBe(true);
    expect(satisfies('2.4.1', '>=2.0.0, <3.0.0')).toBe(true);
    expect(satisfies('2.4.1', '~2.3.0')).toBe(false);
    expect(satisfies('2.4.1', undefined)).toBe(true);
    expect(satisfies('not-a-version', '1.x')).toBe(false);
    expect(satisfies('2.4.1', 'garbage (')).toBe(false);
  });
});
