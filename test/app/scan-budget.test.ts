import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import nock from 'nock';
import { DEFAULT_SCAN_BUDGET } from '../../src/adapters/scan-worker/budget.js';
import { GitHubMock } from './support/github-mock.js';
import { pullRequestEvent } from './support/payloads.js';
import { NOW, startApp } from './support/probot.js';
import * as F from './fixtures.js';
import { R, RUN, SHA } from './fixtures.js';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

/** `n` more privileged Deployments after the file's own objects: seconds of scanning, far over a 50 ms budget. */
function padded(text: string, n: number): string {
  const docs = [text];
  for (let i = 0; i < n; i++) {
    docs.push(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: pad-${i}\n  namespace: shop\nspec:\n  template:\n    spec:\n` +
        '      containers:\n        - name: app\n          image: nginx:latest\n          securityContext:\n            privileged: true\n',
    );
  }
  return docs.join('---\n');
}

test('a review whose scan goes over its CPU-time budget: the check completes as a failure, titled with what was not scanned and why; no comment', async () => {
  const { receive, logs } = await startApp({}, { scanBudget: { ...DEFAULT_SCAN_BUDGET, cpuMs: 50, wallMs: 600_000 } });
  const files = { ...F.FILES, 'deploy/web.yaml': padded(F.HEAD_WEB, 4000) };
  const gh = new GitHubMock();
  F.token(gh);
  F.checkRuns(gh, SHA);
  F.createRun(gh);
  F.noConfig(gh);
  F.files(gh, [F.listedFile('deploy/web.yaml', F.WEB_PATCH), F.listedFile('README.md', '@@ -1 +1 @@\n-# old\n+# shop')]);
  F.tree(gh, SHA, files);
  F.blobs(gh, SHA, files);
  F.threads(gh);
  F.pull(gh, SHA);
  F.updateRun(gh);
  await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
  gh.verify();

  const reason = "the review's scan went over its CPU-time budget (0.05 s); not scanned";
  expect(gh.count(`POST ${R}/pulls/2/reviews`)).toBe(0);
  const [completion] = gh.bodies(`PATCH ${R}/check-runs/${RUN}`) as any[];
  expect(completion).toMatchObject({ status: 'completed', conclusion: 'failure', completed_at: NOW.toISOString() });
  expect(completion.output.title).toBe(`Not scanned: deploy/web.yaml (${reason})`);
  expect(completion.output.summary).toContain(`### Not scanned (1)\n\n- \`deploy/web.yaml\`: ${reason}\n`);
  // The merge base's scan, in the same worker after the head's, did not run either: every head finding would count as new.
  expect(completion.output.summary).toContain(`### The base could not be read\n\n`);
  expect(completion.output.summary).toContain(`- \`deploy/web.yaml\` (base): ${reason}\n`);
  expect(completion.output.annotations).toEqual([
    {
      path: 'deploy/web.yaml',
      start_line: 1,
      end_line: 1,
      annotation_level: 'notice',
      title: 'bulwark/not-scanned (info)',
      message: expect.stringMatching(/^the review's scan went over its CPU-time budget \(0\.05 s\); not scanned\n\nHow to fix: /),
    },
  ]);
  expect(logs.some((line) => line.includes(`a review's scan did not finish: ${reason}`))).toBe(true);
}, 60_000);
