import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { ChangedFile, CheckOutput, FileContent, InlineComment, ReviewPort } from '../../src/review/ports.js';
import { runReview } from '../../src/review/review.js';
import { prepareRenderings } from '../../src/adapters/tools/prepare.js';
import { toolRenderer } from '../../src/adapters/tools/render-port.js';
import { realTools, ROOT } from './support.js';

/** The fixture chart as a repository at `shop/`, served through the review port as GitHub would. */
function chartRepository(): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path, `${prefix}${name}/`);
      else files.set(`${prefix}${name}`, readFileSync(path, 'utf8'));
    }
  };
  visit(`${ROOT}/test/fixtures/charts/shop`, 'shop/');
  return files;
}

/** A unified diff that adds lines `from`..`to` of the file (the rest unchanged). */
function patchAdding(text: string, from: number, to: number): string {
  const lines = text.split('\n');
  const body = lines.slice(0, to).map((line, i) => (i + 1 >= from ? `+${line}` : ` ${line}`));
  return `@@ -1,${from - 1} +1,${to} @@\n${body.join('\n')}`;
}

class ChartPort implements ReviewPort {
  reviews: InlineComment[][] = [];
  checks: CheckOutput[] = [];
  constructor(
    readonly files: Map<string, string>,
    readonly changed: ChangedFile[],
    /** The merge base's files; none by default (everything is new). */
    readonly baseFiles = new Map<string, string>(),
  ) {}
  async readConfig() {
    return undefined;
  }
  async listChangedFiles() {
    return this.changed;
  }
  async readFiles(paths: readonly string[]): Promise<FileContent[]> {
    return paths.flatMap((path) => (this.files.has(path) ? [{ path, text: this.files.get(path)! }] : []));
  }
  async readBaseFiles(paths: readonly string[]): Promise<FileContent[]> {
    return paths.map((path) =>
      this.baseFiles.has(path) ? { path, text: this.baseFiles.get(path)! } : { path, skipped: 'not found at the merge base' },
    );
  }
  async listContextPaths() {
    return [...this.files.keys()];
  }
  async listPostedComments() {
    return [];
  }
  async currentHeadSha() {
    return 'h'.repeat(40);
  }
  async startCheck() {}
  async completeCheck(output: CheckOutput) {
    this.checks.push(output);
  }
  async postReview(comments: readonly InlineComment[]) {
    this.reviews.push([...comments]);
  }
  async resolveThread() {}
}

describe('a pull request that changes a chart', () => {
  test('a change to values.yaml and to a helper rescans the chart; comments land on the changed lines that wrote the findings', async () => {
    const files = chartRepository();
    const port = new ChartPort(files, [
      { path: 'shop/values.yaml', status: 'modified', patch: patchAdding(files.get('shop/values.yaml')!, 11, 13) },
      { path: 'shop/templates/_helpers.tpl', status: 'modified', patch: patchAdding(files.get('shop/templates/_helpers.tpl')!, 11, 18) },
    ]);
    const outcome = await runReview(port, {
      headSha: 'h'.repeat(40),
      docsUrl: 'https://docs.example/rules',
      renderer: toolRenderer({ tools: realTools() }),
    });
    expect(outcome.status).toBe('published');
    const comments = port.reviews.flat().map((c) => `${c.path}:${c.line} ${/`([a-z0-9-]+\/[a-z0-9-]+)`/.exec(c.body)?.[1] ?? ''}`);
    expect(comments).toEqual(
      expect.arrayContaining(['shop/values.yaml:12 k8s/privileged-container', 'shop/templates/_helpers.tpl:16 k8s/privileged-container']),
    );
    // Findings elsewhere in the chart are not commented inline (those lines did not change).
    expect(comments.filter((c) => c.startsWith('shop/templates/deployment.yaml'))).toEqual([]);
  });
});

/** The fixture overlays as a repository at `k/`: a base and the overlays that build it. */
function overlayRepository(): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) visit(path, `${prefix}${name}/`);
      else files.set(`${prefix}${name}`, readFileSync(path, 'utf8'));
    }
  };
  for (const folder of ['base', 'overlays/prod', 'overlays/staging']) visit(`${ROOT}/test/fixtures/overlays/${folder}`, `k/${folder}/`);
  return files;
}

const review = (port: ReviewPort) =>
  runReview(port, { headSha: 'h'.repeat(40), docsUrl: 'https://docs.example/rules', renderer: toolRenderer({ tools: realTools() }) });

describe('base against head through rendering', () => {
  test('a values change turns a template line’s finding new; the chart’s other findings stay existing; the chart is rendered once per revision', async () => {
    const files = chartRepository();
    const values = files.get('shop/values.yaml')!;
    const base = new Map(files);
    base.set('shop/values.yaml', values.replace('debug:\n  enabled: true', 'debug:\n  enabled: false'));
    const line = values.split('\n').indexOf('  enabled: true') + 1;
    const port = new ChartPort(
      files,
      [{ path: 'shop/values.yaml', status: 'modified', patch: `@@ -${line},1 +${line},1 @@\n-  enabled: false\n+  enabled: true` }],
      base,
    );
    const outcome = await review(port);
    if (outcome.status !== 'published') throw new Error(outcome.status);
    expect(outcome.renders).toEqual({ head: 1, base: 1 });
    const fresh = outcome.plan.findings
      .filter((p) => p.verdict === 'new')
      .map((p) => `${p.finding.path}:${p.finding.range.start.line} ${p.finding.ruleId}`);
    // The debug container the values switched on is written by the helper: its findings are new, on its lines.
    expect(fresh).toEqual(expect.arrayContaining(['shop/templates/_helpers.tpl:16 k8s/privileged-container']));
    expect(fresh.every((f) => f.startsWith('shop/templates/_helpers.tpl:'))).toBe(true);
    const existing = outcome.plan.findings.filter((p) => p.verdict === 'existing');
    expect(existing.some((p) => p.finding.path === 'shop/values.yaml' && p.finding.ruleId === 'k8s/privileged-container')).toBe(true);
    // The helper did not change: its new findings are annotations; an unchanged file's existing findings are not even that.
    expect(port.reviews).toEqual([]);
    const helper = port.checks[0]!.annotations.filter((a) => a.path === 'shop/templates/_helpers.tpl');
    expect(helper.map((a) => `${a.startLine} ${a.level} ${a.title}`)).toContain('16 failure k8s/privileged-container (critical)');
    expect(helper.some((a) => a.title.endsWith('existing)'))).toBe(false);
    expect(port.checks[0]!.annotations.filter((a) => a.path === 'shop/templates/deployment.yaml')).toEqual([]);
    expect(port.checks[0]!.conclusion).toBe('failure');
  }, 60_000);

  test('a change to one file of one overlay renders that overlay, and nothing else, once per revision', async () => {
    const files = overlayRepository();
    const base = new Map(files);
    const patch = files.get('k/overlays/prod/privileged.yaml')!;
    base.set('k/overlays/prod/privileged.yaml', patch.replace('privileged: true', 'privileged: false'));
    const line = patch.split('\n').indexOf('            privileged: true') + 1;
    const port = new ChartPort(
      files,
      [
        {
          path: 'k/overlays/prod/privileged.yaml',
          status: 'modified',
          patch: `@@ -${line},1 +${line},1 @@\n-            privileged: false\n+            privileged: true`,
        },
      ],
      base,
    );
    const outcome = await review(port);
    if (outcome.status !== 'published') throw new Error(outcome.status);
    expect(outcome.renders).toEqual({ head: 1, base: 1 });
    expect(
      outcome.plan.findings
        .filter((p) => p.verdict === 'new')
        .map((p) => `${p.finding.path}:${p.finding.range.start.line} ${p.finding.ruleId}`),
    ).toEqual([`k/overlays/prod/privileged.yaml:${line} k8s/privileged-container`]);
    expect(port.reviews.flat().map((c) => `${c.path}:${c.line}`)).toEqual([`k/overlays/prod/privileged.yaml:${line}`]);
  }, 60_000);

  test('a chart that renders at the head but not at the base: the summary says so, and the head’s findings are new', async () => {
    const files = chartRepository();
    const base = new Map(files);
    base.set('shop/templates/deployment.yaml', `${files.get('shop/templates/deployment.yaml')!}\n{{ if }}\n`);
    const port = new ChartPort(
      files,
      [{ path: 'shop/templates/deployment.yaml', status: 'modified', patch: '@@ -1,1 +1,1 @@\n apiVersion: apps/v1' }],
      base,
    );
    const outcome = await review(port);
    if (outcome.status !== 'published') throw new Error(outcome.status);
    expect(outcome.plan.findings.every((p) => p.verdict === 'new')).toBe(true);
    expect(port.checks[0]!.summary).toMatch(
      /### The base could not be read\n\n.*\n\n- `shop\/templates\/deployment\.yaml` \(base\): Helm chart shop does not render/,
    );
  }, 60_000);

  test('a chart that does not render at the head fails the check as not scanned, even when it did not render at the base either', async () => {
    const files = chartRepository();
    files.set('shop/templates/deployment.yaml', `${files.get('shop/templates/deployment.yaml')!}\n{{ if }}\n`);
    const port = new ChartPort(
      files,
      [{ path: 'shop/templates/deployment.yaml', status: 'modified', patch: '@@ -1,1 +1,1 @@\n apiVersion: apps/v1' }],
      new Map(files),
    );
    const outcome = await review(port);
    if (outcome.status !== 'published') throw new Error(outcome.status);
    const check = port.checks[0]!;
    expect(check.conclusion).toBe('failure');
    expect(check.title).toMatch(/^Not scanned: shop\/templates\/deployment\.yaml \(Helm chart shop does not render/);
  }, 60_000);
});

describe('the render time budget of a review', () => {
  test('the head and the merge base draw on one budget: both renders get the same clock', async () => {
    const files = chartRepository();
    const port = new ChartPort(files, [
      { path: 'shop/values.yaml', status: 'modified', patch: patchAdding(files.get('shop/values.yaml')!, 11, 13) },
    ]);
    const budgets: unknown[] = [];
    const outcome = await runReview(port, {
      headSha: 'h'.repeat(40),
      docsUrl: 'https://docs.example/rules',
      renderer: toolRenderer({ tools: realTools() }, (request) => {
        budgets.push(request.budget);
        return prepareRenderings(request);
      }),
    });
    expect(outcome.status).toBe('published');
    expect(budgets.length).toBe(2);
    expect(budgets[0]).toBeDefined();
    expect(budgets[1]).toBe(budgets[0]);
    expect((budgets[0] as { totalMs: number }).totalMs).toBe(120_000);
  });
});

describe('a chart whose dependency is in the repository', () => {
  test('the check summary says which dependency was taken from where', async () => {
    const files = new Map<string, string>();
    const visit = (dir: string, prefix: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) visit(path, `${prefix}${name}/`);
        else files.set(`${prefix}${name}`, readFileSync(path, 'utf8'));
      }
    };
    visit(`${ROOT}/test/fixtures/charts/monorepo`, 'charts/');
    const values = files.get('charts/web/values.yaml')!;
    const port = new ChartPort(files, [{ path: 'charts/web/values.yaml', status: 'modified', patch: patchAdding(values, 1, 1) }]);
    expect((await review(port)).status).toBe('published');
    const summary = port.checks.at(-1)!.summary;
    expect(summary).toContain(
      '### How charts were rendered\n\n- charts/web/Chart.yaml: dependency common 2.x.x taken from charts/common (version 2.4.1), the chart of that name in this repository',
    );
  });
});
