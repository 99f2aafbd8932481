import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import type { ChangedFile, CheckOutput, FileContent, InlineComment, ReviewPort } from '../../src/review/github.js';
import { runReview } from '../../src/review/review.js';
import { prepareRenderings } from '../../src/render/prepare.js';
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
    return paths.map((path) => ({ path, skipped: 'not found at the merge base' }));
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
      render: (request) => prepareRenderings({ ...request, options: { tools: realTools() } }),
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
