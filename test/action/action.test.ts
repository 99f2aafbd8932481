import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, jest, test } from '@jest/globals';
import Bottleneck from 'bottleneck';
import nock from 'nock';
import { API, GitHubMock } from '../app/support/github-mock.js';
import { BASE_SHA, commentEvent, FULL, pullRequest, pullRequestEvent } from '../app/support/payloads.js';
import * as F from '../app/fixtures.js';
import { NEXT, R, SHA } from '../app/fixtures.js';
import { DEFAULT_INPUTS, fakeCore } from './support/core.js';

const core = fakeCore();
jest.unstable_mockModule('@actions/core', () => core.module);
const { run } = await import('../../src/entries/action/main.js');

const TIMEOUT = 30_000;
const RUN_URL = `https://github.com/${FULL}/actions/runs/42`;
const TOKEN = 'ghs_workflow_token_for_tests';

const N = {
  config: `GET ${R}/contents/.github%2Fbulwark.yml`,
  configYaml: `GET ${R}/contents/.github%2Fbulwark.yaml`,
  files: `GET ${R}/pulls/2/files`,
  tree: `GET ${R}/git/trees/${SHA}`,
  compare: `GET ${R}/compare/${BASE_SHA}...${SHA}`,
  contents: 'GRAPHQL BulwarkFileContents',
  threads: 'GRAPHQL BulwarkReviewThreads',
  pull: `GET ${R}/pulls/2`,
  review: `POST ${R}/pulls/2/reviews`,
  reaction: `POST ${R}/issues/comments/492700400/reactions`,
};

/** A medium-only Deployment: a NetworkPolicy is missing, and privilege escalation is not switched off. */
const MEDIUM_ONLY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata:
      labels: {app: api}
    spec:
      automountServiceAccountToken: false
      serviceAccountName: api
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: app
          image: registry.example.com/api:1.0@sha256:${'a'.repeat(64)}
          securityContext:
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`;

let folders: string[] = [];
let sleeps: number[] = [];

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
beforeEach(() => {
  sleeps = [];
});
afterEach(() => {
  nock.cleanAll();
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders = [];
});

/** A runner's workspace with these files, and the event payload beside it. */
function workspace(files: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-action-'));
  folders.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, 'repo', path)), { recursive: true });
    writeFileSync(join(root, 'repo', path), text);
  }
  mkdirSync(join(root, 'repo'), { recursive: true });
  return root;
}

/** The environment a runner gives a JavaScript action's step. */
function runner(event: string, payload: unknown, options: { files?: Record<string, string>; actor?: string } = {}): NodeJS.ProcessEnv {
  const root = workspace(options.files);
  writeFileSync(join(root, 'event.json'), JSON.stringify(payload));
  return {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: join(root, 'event.json'),
    GITHUB_REPOSITORY: FULL,
    GITHUB_API_URL: API,
    GITHUB_GRAPHQL_URL: `${API}/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTOR: options.actor ?? 'octocat',
    GITHUB_SHA: SHA,
    GITHUB_WORKSPACE: join(root, 'repo'),
    GITHUB_RUN_ID: '42',
  };
}

/** Runs the step as the runner would, with no waiting on GitHub's pacing. */
async function step(env: NodeJS.ProcessEnv, inputs: Record<string, string> = {}) {
  core.reset(inputs);
  const fast = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  const result = await run({
    env,
    pace: { secondMs: 1000, sleep: async (ms) => void sleeps.push(ms) },
    octokit: { throttle: { write: fast(), notifications: fast(), retryAfterBaseValue: 1 }, retry: { retryAfterBaseValue: 1 } },
  });
  return { result, ...core.recorded };
}

/** What a review reads before it posts: config (none), files, tree, contents, threads, the head. */
function reviewReads(gh: GitHubMock, options: { config?: string } = {}): void {
  if (options.config === undefined) {
    gh.rest('GET', `${R}/contents/.github%2Fbulwark.yml`, { status: 404, body: { message: 'Not Found' } });
    gh.rest('GET', `${R}/contents/.github%2Fbulwark.yaml`, { status: 404, body: { message: 'Not Found' } });
  } else F.config(gh, options.config);
  F.files(gh, [F.listedFile('deploy/web.yaml', F.WEB_PATCH), F.listedFile('README.md', '@@ -1 +1 @@\n-# old\n+# shop')]);
  F.tree(gh, SHA, F.FILES);
  F.blobs(gh, SHA, F.FILES);
  F.threads(gh);
  F.pull(gh, SHA);
}

function tally(gh: GitHubMock): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of gh.names()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

const OUTPUTS_5 = { findings: '5', critical: '1', high: '1', medium: '2', low: '1', info: '0' };

describe('pull_request from a branch of the repository', () => {
  test(
    'one review with the diff findings, the rest as annotations, the summary in the job summary, outputs set, failed by fail-on; no check run',
    async () => {
      const gh = new GitHubMock();
      reviewReads(gh);
      F.review(gh);
      const { result, outputs, failed, annotations, summary, log, secrets } = await step(
        runner('pull_request', pullRequestEvent('opened', { head: SHA, changedFiles: 2 }).payload),
      );
      gh.verify();

      expect(tally(gh)).toEqual({
        [N.config]: 1,
        [N.configYaml]: 1,
        [N.files]: 1,
        [N.tree]: 1,
        [N.compare]: 1,
        [N.contents]: 1,
        [N.threads]: 1,
        [N.pull]: 1,
        [N.review]: 1,
      });
      expect(gh.names().some((name) => name.includes('check-runs'))).toBe(false);
      const [review] = gh.bodies(N.review) as any[];
      expect(review).toMatchObject({
        commit_id: SHA,
        event: 'COMMENT',
        body: `Bulwark reviewed ${SHA.slice(0, 7)}: 3 new findings in the diff. The job summary of [this workflow run](${RUN_URL}) lists every finding.`,
      });
      // The two findings on line 19 share one comment.
      expect(review.comments.map((c: any) => [c.path, c.start_line, c.line])).toEqual([
        ['deploy/web.yaml', 19, 21],
        ['deploy/web.yaml', undefined, 20],
      ]);

      expect(result.conclusion).toBe('failure');
      expect(outputs).toEqual({ ...OUTPUTS_5, conclusion: 'failure', sarif: '' });
      expect(failed).toEqual(['1 finding at or above high (fail-on); the job summary lists them.']);
      // The findings the base already had are notices in the changed file; then the step's failure.
      expect(annotations.map((a) => [a.level, a.properties?.title, a.properties?.file, a.properties?.startLine])).toEqual([
        ['notice', 'k8s/missing-network-policy (medium, existing)', 'deploy/web.yaml', 4],
        ['notice', 'k8s/host-pid (high, existing)', 'deploy/web.yaml', 12],
        ['error', undefined, undefined, undefined],
      ]);
      expect(summary).toMatch(
        /^## Bulwark: 3 new findings: 1 critical, 1 medium, 1 low; 2 existing\n\n\*\*1 finding at or above `high`\*\* that this pull request introduces, in 1 scanned file\./,
      );
      expect(summary).toContain(
        `| [\`k8s/host-pid\`](https://github.com/bulwark-dev/bulwark/blob/main/docs/rules/k8s/host-pid.md) | high | 1 | [deploy/web.yaml:12](https://github.com/${FULL}/blob/${SHA}/deploy/web.yaml#L12) |`,
      );
      expect(summary).not.toContain('No inline comments');
      expect(log).toContain('Posted 2 new inline comments; 2 findings are annotations.');
      expect(secrets).toEqual([TOKEN]);
    },
    TIMEOUT,
  );

  test(
    'inputs override the configuration: fail-on critical still fails on the privileged container; comments off posts nothing',
    async () => {
      const gh = new GitHubMock();
      reviewReads(gh, { config: 'failOn: low\ncomments: changed-files\n' });
      const { outputs, failed, annotations, summary } = await step(
        runner('pull_request', pullRequestEvent('synchronize', { head: SHA, changedFiles: 2 }).payload),
        {
          'fail-on': 'critical',
          comments: 'off',
        },
      );
      gh.verify();
      expect(gh.count(N.review)).toBe(0);
      expect(outputs.conclusion).toBe('failure');
      expect(failed).toEqual(['1 finding at or above critical (fail-on); the job summary lists them.']);
      expect(annotations.filter((a) => a.properties?.file).map((a) => a.properties?.title)).toEqual([
        'k8s/privileged-container (critical)',
        'k8s/privilege-escalation (medium)',
        'k8s/missing-network-policy (medium, existing)',
        'k8s/host-pid (high, existing)',
        'k8s/capabilities-not-dropped (low)',
      ]);
      expect(summary).toContain('**1 finding at or above `critical`**');
    },
    TIMEOUT,
  );
});

describe('the gate fails closed in the Action too', () => {
  test(
    'a changed manifest over the size limit is not scanned: the step fails and says so, even with nothing at or above fail-on',
    async () => {
      const gh = new GitHubMock();
      gh.rest('GET', `${R}/contents/.github%2Fbulwark.yml`, { status: 404, body: { message: 'Not Found' } });
      gh.rest('GET', `${R}/contents/.github%2Fbulwark.yaml`, { status: 404, body: { message: 'Not Found' } });
      F.files(gh, [F.listedFile('deploy/web.yaml', undefined)]);
      F.tree(gh, SHA, F.FILES);
      F.blobs(gh, SHA, F.FILES, {
        'deploy/web.yaml': { oid: F.sha1('big'), byteSize: 6 * 1024 * 1024, isBinary: false, isTruncated: true, text: null },
      });
      F.threads(gh);
      F.pull(gh, SHA);
      const { outputs, failed, summary } = await step(
        runner('pull_request', pullRequestEvent('opened', { head: SHA, changedFiles: 1 }).payload),
        { 'fail-on': 'critical' },
      );
      gh.verify();
      expect(outputs.conclusion).toBe('failure');
      expect(failed).toEqual(['1 input not scanned (unscanned: fail); the job summary lists them.']);
      expect(summary).toContain(
        '## Bulwark: Not scanned: deploy/web.yaml (deploy/web.yaml is 6291456 bytes, over the 5242880-byte limit; not scanned)',
      );
    },
    TIMEOUT,
  );
});

describe('read-only tokens', () => {
  test(
    'a pull request from a fork: known read-only before posting, so no review is attempted; every finding is an annotation, the summary says why, the step still fails',
    async () => {
      const gh = new GitHubMock();
      reviewReads(gh);
      const { outputs, failed, annotations, summary, log } = await step(
        runner('pull_request', pullRequestEvent('opened', { head: SHA, changedFiles: 2, fork: true }).payload),
      );
      gh.verify();
      expect(gh.count(N.review)).toBe(0);
      expect(annotations.filter((a) => a.properties?.file).map((a) => [a.level, a.properties?.title])).toEqual([
        ['error', 'k8s/privileged-container (critical)'],
        ['warning', 'k8s/privilege-escalation (medium)'],
        ['notice', 'k8s/missing-network-policy (medium, existing)'],
        ['notice', 'k8s/host-pid (high, existing)'],
        ['notice', 'k8s/capabilities-not-dropped (low)'],
      ]);
      expect(outputs).toEqual({ ...OUTPUTS_5, conclusion: 'failure', sarif: '' });
      expect(failed).toHaveLength(1);
      expect(summary).toContain('> **No inline comments.** This pull request comes from the fork forker/Hello-World');
      expect(summary).toContain('| critical | [`k8s/privileged-container`]');
      expect(
        log.some((line) =>
          line.startsWith(
            'No inline comments were posted: This pull request comes from the fork forker/Hello-World, and GitHub gives `pull_request` workflows of fork pull requests a read-only token.',
          ),
        ),
      ).toBe(true);
    },
    TIMEOUT,
  );

  test(
    'a 403 "Resource not accessible by integration" on the review is not an error: the comments become annotations and the log says why',
    async () => {
      const gh = new GitHubMock();
      reviewReads(gh);
      F.review(gh, {
        status: 403,
        body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' },
      });
      const { result, outputs, failed, annotations, summary, log } = await step(
        runner('pull_request', pullRequestEvent('opened', { head: SHA, changedFiles: 2 }).payload),
      );
      gh.verify();
      // One attempt: once GitHub said the token cannot write, the one-by-one fallback sends nothing more.
      expect(gh.count(N.review)).toBe(1);
      expect(result.conclusion).toBe('failure');
      expect(failed).toEqual(['1 finding at or above high (fail-on); the job summary lists them.']);
      expect(annotations.filter((a) => a.properties?.file)).toHaveLength(5);
      expect(outputs.findings).toBe('5');
      expect(summary).toContain(
        "> **No inline comments.** GitHub refused to let this workflow's token write to the pull request (403: Resource not accessible by integration).",
      );
      expect(summary).toContain('| annotation (GitHub refused the comment) |');
      expect(summary).not.toContain('could not finish');
      expect(log).toContain(
        'No inline comments were posted: ' + summary.split('> **No inline comments.** ')[1]!.split(' Every finding is listed below')[0],
      );
    },
    TIMEOUT,
  );

  test(
    'a run Dependabot started gets a read-only token: nothing is posted, findings are annotations',
    async () => {
      const gh = new GitHubMock();
      reviewReads(gh);
      const { annotations, summary } = await step(
        runner('pull_request', pullRequestEvent('opened', { head: SHA, changedFiles: 2 }).payload, { actor: 'dependabot[bot]' }),
      );
      gh.verify();
      expect(gh.count(N.review)).toBe(0);
      expect(annotations.filter((a) => a.properties?.file)).toHaveLength(5);
      expect(summary).toContain('Dependabot started this run');
    },
    TIMEOUT,
  );
});

describe('push and workflow_dispatch scan the workspace', () => {
  test(
    'push: the checked-out files are scanned; job summary, annotations and SARIF; no request to GitHub',
    async () => {
      const env = runner(
        'push',
        { ref: 'refs/heads/main', after: SHA },
        { files: { 'deploy/web.yaml': F.HEAD_WEB, 'deploy/service.yaml': F.SERVICE, 'README.md': '# shop\n' } },
      );
      const { result, outputs, failed, annotations, summary } = await step(env, { sarif: 'reports/bulwark.sarif' });
      const sarifPath = join(env.GITHUB_WORKSPACE!, 'reports/bulwark.sarif');
      expect(result).toMatchObject({ conclusion: 'failure', sarif: sarifPath });
      expect(outputs).toEqual({ ...OUTPUTS_5, conclusion: 'failure', sarif: sarifPath });
      expect(failed).toEqual(['2 findings at or above high (fail-on); the job summary lists them.']);
      expect(annotations.filter((a) => a.properties?.file).map((a) => [a.level, a.properties?.title, a.properties?.startLine])).toEqual([
        ['error', 'k8s/privileged-container (critical)', 20],
        ['error', 'k8s/host-pid (high)', 12],
        ['warning', 'k8s/missing-network-policy (medium)', 4],
        ['warning', 'k8s/privilege-escalation (medium)', 19],
        ['notice', 'k8s/capabilities-not-dropped (low)', 19],
      ]);
      expect(summary).toMatch(
        /^## Bulwark: 5 findings: 1 critical, 1 high, 2 medium, 1 low\n\n\*\*2 findings at or above `high`\*\* in 2 scanned files\./,
      );
      const sarif = JSON.parse(readFileSync(sarifPath, 'utf8'));
      expect(sarif.version).toBe('2.1.0');
      expect(
        sarif.runs[0].results.map((r: any) => [
          r.ruleId,
          r.level,
          r.locations[0].physicalLocation.artifactLocation.uri,
          r.locations[0].physicalLocation.region.startLine,
        ]),
      ).toEqual([
        ['k8s/missing-network-policy', 'warning', 'deploy/web.yaml', 4],
        ['k8s/host-pid', 'error', 'deploy/web.yaml', 12],
        ['k8s/capabilities-not-dropped', 'note', 'deploy/web.yaml', 19],
        ['k8s/privilege-escalation', 'warning', 'deploy/web.yaml', 19],
        ['k8s/privileged-container', 'error', 'deploy/web.yaml', 20],
      ]);
    },
    TIMEOUT,
  );

  test(
    'workflow_dispatch in a subfolder with extra include globs: only those files; nothing found passes',
    async () => {
      const env = runner(
        'workflow_dispatch',
        { inputs: {} },
        { files: { 'infra/deploy/web.yaml': F.HEAD_WEB, 'infra/docs/readme.md': '# infra\n' } },
      );
      const { outputs, failed, summary } = await step(env, {
        'working-directory': 'infra',
        paths: 'docs/**\n# the manifests are reviewed elsewhere\n',
      });
      expect(outputs).toEqual({
        findings: '0',
        critical: '0',
        high: '0',
        medium: '0',
        low: '0',
        info: '0',
        conclusion: 'success',
        sarif: '',
      });
      expect(failed).toEqual([]);
      expect(summary).toContain(
        '## Bulwark: No Kubernetes or IaC files\n\nBulwark found no Kubernetes manifests, Helm charts, Kustomize overlays, Terraform, CloudFormation or Dockerfiles in `infra` matching `docs/**`.',
      );
    },
    TIMEOUT,
  );

  test(
    'the folders policies.paths names are read for their policies, though the include globs leave them out, as bulwark scan reads them',
    async () => {
      const policy = readFileSync(new URL('../fixtures/policies/no-privileged.yaml', import.meta.url), 'utf8');
      const config = 'paths:\n  include: [deploy/**]\npolicies:\n  paths: [policies]\n';
      const env = runner(
        'push',
        {},
        { files: { '.github/bulwark.yml': config, 'deploy/web.yaml': F.HEAD_WEB, 'policies/no-privileged.yaml': policy } },
      );
      const { annotations } = await step(env);
      expect(
        annotations
          .filter((a) => a.properties?.title?.startsWith('policy/'))
          .map((a) => [a.properties?.file, a.properties?.startLine, a.properties?.title]),
      ).toEqual([['deploy/web.yaml', 20, 'policy/no-privileged (high)']]);
    },
    TIMEOUT,
  );

  test(
    'more findings than GitHub shows: at most 10 of each level, the most severe first, and the summary says what was left out',
    async () => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 12; i++)
        files[`deploy/web-${String(i).padStart(2, '0')}.yaml`] = F.HEAD_WEB.replace(
          /name: web\n {2}namespace/,
          `name: web-${i}\n  namespace`,
        );
      const { outputs, annotations, summary, log } = await step(runner('push', {}, { files }));
      const located = annotations.filter((a) => a.properties?.file);
      expect(outputs).toMatchObject({ findings: '60', critical: '12', high: '12', medium: '24', low: '12' });
      // Nine errors (the tenth is the step's failure), all critical; ten warnings; ten notices.
      expect(located.filter((a) => a.level === 'error').map((a) => a.properties?.title)).toEqual(
        Array(9).fill('k8s/privileged-container (critical)'),
      );
      expect(located.filter((a) => a.level === 'warning')).toHaveLength(10);
      expect(located.filter((a) => a.level === 'notice')).toHaveLength(10);
      expect(annotations.filter((a) => a.level === 'error')).toHaveLength(10);
      expect(summary).toContain(
        '29 of 60 findings are annotated, the most severe first; 15 errors, 14 warnings and 2 notices are not annotated',
      );
      expect(log).toContain('::group::Bulwark findings (60)');
    },
    TIMEOUT,
  );
});

describe('a bad configuration', () => {
  test(
    'on the default branch: the step fails naming the bad keys, nothing is posted',
    async () => {
      const gh = new GitHubMock();
      F.config(gh, 'failOn: severe\ncomment: off\n');
      // Read ahead while the review starts, before the configuration is known to be bad.
      F.files(gh, [F.listedFile('deploy/web.yaml', F.WEB_PATCH)]);
      F.tree(gh, SHA, F.FILES);
      const { outputs, failed, summary } = await step(
        runner('pull_request', pullRequestEvent('opened', { head: SHA, changedFiles: 1 }).payload),
      );
      // The merge base is read ahead too, and may still be on its way when the step has failed.
      for (let i = 0; i < 100 && gh.count(N.compare) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      gh.verify();
      expect(gh.count(N.review)).toBe(0);
      expect(outputs).toMatchObject({ findings: '0', conclusion: 'failure' });
      expect(failed).toEqual([
        'Invalid .github/bulwark.yml: failOn: expected one of critical, high, medium, low, info; unknown key "comment"',
      ]);
      expect(summary).toContain('## Bulwark: Invalid .github/bulwark.yml');
      expect(summary).toContain('- unknown key "comment"');
    },
    TIMEOUT,
  );

  test('in the workspace: the step fails naming the bad key', async () => {
    const { outputs, failed, summary } = await step(
      runner('push', {}, { files: { '.github/bulwark.yml': 'rules:\n  k8s/no-such-rule: off\n', 'deploy/web.yaml': F.HEAD_WEB } }),
    );
    expect(outputs.conclusion).toBe('failure');
    expect(failed).toEqual(['Invalid .github/bulwark.yml: rules.k8s/no-such-rule: unknown rule id']);
    expect(summary).toContain('- rules.k8s/no-such-rule: unknown rule id');
  });

  test('a config input naming a missing file, and bad inputs, fail before anything is read', async () => {
    expect((await step(runner('push', {}), { config: 'ci/bulwark.yml' })).failed).toEqual([
      'Invalid ci/bulwark.yml: ci/bulwark.yml (the config input) does not exist in the workspace',
    ]);
    const bad = await step(runner('pull_request', pullRequestEvent('opened', { head: SHA }).payload), {
      'fail-on': 'severe',
      comments: 'everywhere',
    });
    expect(bad.failed).toEqual([
      'invalid inputs: fail-on must be one of critical, high, medium, low, info, not "severe"; comments must be one of changed-lines, changed-files, off, not "everywhere"',
    ]);
    expect(bad.outputs.conclusion).toBe('failure');
  });
});

describe('fail-on thresholds', () => {
  // Two medium findings: only a threshold of medium or below fails.
  test.each([
    ['critical', undefined, 'success'],
    ['high', undefined, 'success'],
    ['medium', undefined, 'failure'],
    ['low', undefined, 'failure'],
    ['info', undefined, 'failure'],
    ['', 'failOn: medium\n', 'failure'],
    ['', 'failOn: high\n', 'success'],
    ['critical', 'failOn: low\n', 'success'],
  ])('fail-on %j with config %j: %s', async (failOn, config, conclusion) => {
    const files: Record<string, string> = { 'deploy/api.yaml': MEDIUM_ONLY };
    if (config) files['.github/bulwark.yml'] = config;
    const { outputs, failed } = await step(runner('push', {}, { files }), { 'fail-on': failOn });
    expect(outputs).toMatchObject({ findings: '2', medium: '2', conclusion });
    expect(failed).toEqual(
      conclusion === 'failure' ? ['2 findings at or above ' + (failOn || 'medium') + ' (fail-on); the job summary lists them.'] : [],
    );
  });
});

describe('/bulwark rescan', () => {
  test(
    'from a writer: the review runs again on the pull request',
    async () => {
      const gh = new GitHubMock();
      gh.rest('GET', `${R}/collaborators/octocat/permission`, { body: { permission: 'write', role_name: 'write', user: null } });
      gh.rest('POST', `${R}/issues/comments/492700400/reactions`, { status: 201, body: { id: 1, content: 'eyes' } });
      F.pull(gh, SHA);
      reviewReads(gh);
      F.review(gh);
      const { outputs } = await step(runner('issue_comment', commentEvent({ body: '/bulwark rescan', login: 'octocat' }).payload));
      gh.verify();
      expect(gh.bodies(N.reaction)).toEqual([{ content: 'eyes' }]);
      expect(gh.count(N.review)).toBe(1);
      expect(outputs.conclusion).toBe('failure');
    },
    TIMEOUT,
  );

  test('from someone without write access, or any other comment: skipped, nothing posted', async () => {
    const gh = new GitHubMock();
    gh.rest('GET', `${R}/collaborators/stranger/permission`, { body: { permission: 'read', role_name: 'read', user: null } });
    const declined = await step(runner('issue_comment', commentEvent({ body: '/bulwark rescan', login: 'stranger' }).payload));
    expect(declined.outputs.conclusion).toBe('skipped');
    expect(declined.log).toContain(
      `Skipped: stranger asked for a rescan without write access to ${FULL}; declined (every push is reviewed anyway).`,
    );
    const other = await step(runner('issue_comment', commentEvent({ body: 'LGTM' }).payload));
    expect(other.outputs.conclusion).toBe('skipped');
    gh.verify();
  });
});

describe('workflow_run (the fork pattern)', () => {
  function workflowRun(head: string) {
    return {
      action: 'completed',
      workflow_run: { head_sha: head, event: 'pull_request', pull_requests: [] },
      repository: { id: 1296269, full_name: FULL },
    };
  }

  test(
    'reviews the pull request named by the pull-request input, with the write token',
    async () => {
      const gh = new GitHubMock();
      gh.rest('GET', `${R}/pulls/2`, { body: pullRequest({ head: SHA, number: 2, fork: true, changedFiles: 2 }) });
      reviewReads(gh);
      F.review(gh);
      const { outputs } = await step(runner('workflow_run', workflowRun(SHA)), { 'pull-request': '2' });
      gh.verify();
      expect(gh.count(N.review)).toBe(1);
      expect(outputs.findings).toBe('5');
    },
    TIMEOUT,
  );

  test('does nothing when the pull request has moved past the commit the triggering run scanned', async () => {
    const gh = new GitHubMock();
    F.pull(gh, NEXT);
    const { outputs, log } = await step(runner('workflow_run', workflowRun(SHA)), { 'pull-request': '2' });
    gh.verify();
    expect(outputs.conclusion).toBe('skipped');
    expect(log.join('\n')).toContain(`pull request #2 is at ${NEXT.slice(0, 7)}, not at ${SHA.slice(0, 7)}`);
  });
});

test('other events: a warning, nothing else', async () => {
  const { outputs, annotations } = await step(runner('release', { action: 'published' }));
  expect(outputs.conclusion).toBe('skipped');
  expect(annotations.map((a) => a.level)).toEqual(['warning']);
});

test('action.yml declares the inputs the Action reads (with the defaults the tests assume) and the outputs it sets', async () => {
  const { load } = await import('js-yaml');
  const manifest = load(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as any;
  expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/action.js' });
  expect(manifest.branding).toEqual({ icon: expect.any(String), color: expect.any(String) });
  const defaults = Object.fromEntries(Object.entries(manifest.inputs).map(([name, input]: [string, any]) => [name, input.default]));
  expect(defaults).toEqual({ ...DEFAULT_INPUTS, 'github-token': '${{ github.token }}' });
  const { outputs } = await step(runner('push', {}));
  expect(Object.keys(manifest.outputs).sort()).toEqual(Object.keys(outputs).sort());
});
