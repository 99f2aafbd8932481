import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { CATALOG } from '../../src/engine/rules/index.js';
import { GitHubMock } from './support/github-mock.js';
import {
  BASE_SHA,
  checkRunAction,
  checkRunRerequested,
  checkSuiteRerequested,
  commentEvent,
  FULL,
  OWNER,
  pullRequestEvent,
} from './support/payloads.js';
import { DOCS, installationOctokit, NOW, startApp, TOKEN } from './support/probot.js';
import * as F from './fixtures.js';
import { MERGE_BASE, R, RUN, SHA, NEXT, PRINTS } from './fixtures.js';

const TIMEOUT = 30_000;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

const LABEL = { critical: '🟥 Critical', high: '🟧 High', medium: '🟨 Medium', low: '🟦 Low', info: '⬜ Info' } as const;

/** A finding the merge base already had: a notice in the changed file, never a comment. */
function existing(annotation: { title: string }) {
  return { ...annotation, annotation_level: 'notice', title: annotation.title.replace(/\)$/, ', existing)') };
}

/** One finding's part of a comment, as Bulwark writes it (the rule's own texts from the catalog). */
function findingBlock(ruleId: string, severity: keyof typeof LABEL, message: string): string[] {
  const rule = CATALOG.find((r) => r.id === ruleId)!;
  return [
    `**${LABEL[severity]} · \`${ruleId}\`** · ${rule.summary}`,
    '',
    message,
    '',
    `**Why it matters:** ${rule.rationale}`,
    '',
    `**How to fix:** ${rule.remediation}`,
  ];
}

function docsLine(ruleId: string): string {
  return `<sub>[Rule documentation](${DOCS}/${ruleId}.md) · deliberate? add \`# bulwark:ignore ${ruleId} -- <reason>\`</sub>`;
}

/** An inline comment's body for one finding. */
function commentBody(
  ruleId: string,
  severity: keyof typeof LABEL,
  message: string,
  fingerprint: string,
  suggestion?: string,
  risk?: string,
): string {
  return [
    ...findingBlock(ruleId, severity, message),
    ...(suggestion === undefined ? [] : ['', '```suggestion', suggestion, '```']),
    ...(risk === undefined ? [] : ['', `⚠️ **This suggestion may break the workload:** ${risk}`]),
    '',
    docsLine(ruleId),
    `<!-- bulwark:fingerprint=${fingerprint} -->`,
  ].join('\n');
}

const CAPABILITIES = {
  path: 'deploy/web.yaml',
  body: commentBody(
    'k8s/capabilities-not-dropped',
    'low',
    'Deployment "web" container "app" does not drop ALL capabilities',
    PRINTS.capabilities,
    '          securityContext:\n            privileged: true\n            readOnlyRootFilesystem: true\n            capabilities:\n              drop: [ALL]',
    'A process that needs a capability the runtime grants by default (binding ports below 1024, chown, setuid at start-up) fails until it is added back under capabilities.add.',
  ),
  line: 21,
  side: 'RIGHT',
  start_line: 19,
  start_side: 'RIGHT',
};
/** Both findings on line 19 (the container's securityContext) in one comment, with one suggestion. */
const SECURITY_CONTEXT = {
  path: 'deploy/web.yaml',
  body: [
    '**2 findings on this line**; the suggestion fixes them together.',
    '',
    [
      ...findingBlock(
        'k8s/privilege-escalation',
        'medium',
        'Deployment "web" container "app" does not set allowPrivilegeEscalation: false (it defaults to allowed)',
      ),
      '',
      docsLine('k8s/privilege-escalation'),
    ].join('\n'),
    '',
    '---',
    '',
    [
      ...findingBlock('k8s/capabilities-not-dropped', 'low', 'Deployment "web" container "app" does not drop ALL capabilities'),
      '',
      docsLine('k8s/capabilities-not-dropped'),
    ].join('\n'),
    '',
    '```suggestion',
    '          securityContext:\n            privileged: true\n            readOnlyRootFilesystem: true\n            allowPrivilegeEscalation: false',
    '```',
    // The capabilities fix inserts at the same place, so it waits for the next push's suggestion.
    '',
    '⚠️ **This suggestion may break the workload:** setuid and file-capability binaries (sudo, su, ping in older images) can no longer gain privileges.',
    `<!-- bulwark:fingerprint=${PRINTS.escalation},${PRINTS.capabilities} -->`,
  ].join('\n'),
  line: 21,
  side: 'RIGHT',
  start_line: 19,
  start_side: 'RIGHT',
};
const PRIVILEGED = {
  path: 'deploy/web.yaml',
  body: commentBody(
    'k8s/privileged-container',
    'critical',
    'Deployment "web" container "app" sets privileged: true',
    PRINTS.privileged,
    '            privileged: false',
    'Workloads that need host devices or kernel features (CNI, CSI and node-monitoring agents) stop working without privileged mode.',
  ),
  line: 20,
  side: 'RIGHT',
};

const HOST_PID = {
  path: 'deploy/web.yaml',
  start_line: 12,
  end_line: 12,
  annotation_level: 'failure',
  title: 'k8s/host-pid (high)',
  message: `Deployment "web" sets hostPID: true\n\nHow to fix: ${CATALOG.find((r) => r.id === 'k8s/host-pid')!.remediation}`,
};
const NETWORK_POLICY = {
  path: 'deploy/web.yaml',
  start_line: 4,
  end_line: 4,
  annotation_level: 'warning',
  title: 'k8s/missing-network-policy (medium)',
  message: `Deployment "web" runs pods (labels app=web) that no NetworkPolicy in namespace "shop" selects, so any pod can reach them\n\nHow to fix: ${CATALOG.find((r) => r.id === 'k8s/missing-network-policy')!.remediation}`,
};

const RESCAN = [{ label: 'Rescan', description: 'Scan this commit again', identifier: 'rescan' }];

const N = {
  token: 'POST /app/installations/1/access_tokens',
  runs: (sha: string) => `GET ${R}/commits/${sha}/check-runs`,
  create: `POST ${R}/check-runs`,
  update: `PATCH ${R}/check-runs/${RUN}`,
  getRun: `GET ${R}/check-runs/${RUN}`,
  config: `GET ${R}/contents/.github%2Fbulwark.yml`,
  orgConfig: `GET /repos/${OWNER}/.github/contents/.github%2Fbulwark.yml`,
  files: `GET ${R}/pulls/2/files`,
  tree: (sha: string) => `GET ${R}/git/trees/${sha}`,
  compare: (sha: string) => `GET ${R}/compare/${BASE_SHA}...${sha}`,
  contents: 'GRAPHQL BulwarkFileContents',
  threads: 'GRAPHQL BulwarkReviewThreads',
  resolve: 'GRAPHQL BulwarkResolveThread',
  pull: `GET ${R}/pulls/2`,
  review: `POST ${R}/pulls/2/reviews`,
  fileComment: `POST ${R}/pulls/2/comments`,
  permission: (user: string) => `GET ${R}/collaborators/${user}/permission`,
  reaction: `POST ${R}/issues/comments/492700400/reactions`,
  reply: `POST ${R}/issues/2/comments`,
};

function tally(gh: GitHubMock): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of gh.names()) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/** The mocks of a review of `sha` up to the scan: token, check run, config, files, tree, contents. */
function reviewStart(gh: GitHubMock, sha = SHA, files = F.FILES, patch = F.WEB_PATCH): void {
  F.token(gh);
  F.checkRuns(gh, sha);
  F.createRun(gh);
  F.noConfig(gh);
  F.files(gh, [F.listedFile('deploy/web.yaml', patch), F.listedFile('README.md', '@@ -1 +1 @@\n-# old\n+# shop')]);
  F.tree(gh, sha, files);
  F.blobs(gh, sha, files);
}

const START = {
  status: 'in_progress',
  started_at: NOW.toISOString(),
  output: { title: 'Reviewing…', summary: `Bulwark is reviewing ${SHA.slice(0, 7)}.` },
};

describe('a pull request is opened', () => {
  test(
    'findings on diff lines become one review with suggestions; findings elsewhere, annotations; the check fails',
    async () => {
      const { receive, logs } = await startApp();
      const gh = new GitHubMock();
      reviewStart(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();

      expect(tally(gh)).toEqual({
        [N.token]: 1,
        [N.runs(SHA)]: 1,
        [N.create]: 1,
        [N.config]: 1,
        [N.orgConfig]: 1,
        [N.files]: 1,
        [N.tree(SHA)]: 1,
        [N.compare(SHA)]: 1,
        [N.contents]: 1,
        [N.threads]: 1,
        [N.pull]: 1,
        [N.review]: 1,
        [N.update]: 1,
      });
      expect(gh.bodies(N.create)).toEqual([{ name: 'Bulwark', head_sha: SHA, external_id: '2', ...START }]);
      // One query for the changed file, the context file beside it and the changed file at the merge base.
      expect(gh.bodies(N.contents)).toEqual([
        expect.objectContaining({
          variables: {
            owner: OWNER,
            name: 'Hello-World',
            p0: `${SHA}:deploy/web.yaml`,
            p1: `${SHA}:deploy/service.yaml`,
            p2: `${MERGE_BASE}:deploy/web.yaml`,
          },
        }),
      ]);
      expect(gh.bodies(N.review)).toEqual([
        {
          commit_id: SHA,
          event: 'COMMENT',
          body: `Bulwark reviewed ${SHA.slice(0, 7)}: 3 new findings in the diff. The **Bulwark** check lists every finding.`,
          comments: [SECURITY_CONTEXT, PRIVILEGED],
        },
      ]);
      const [completion] = gh.bodies(N.update) as any[];
      expect(completion).toEqual({
        status: 'completed',
        conclusion: 'failure',
        completed_at: NOW.toISOString(),
        output: {
          title: '3 new findings: 1 critical, 1 medium, 1 low; 2 existing',
          summary: expect.any(String),
          annotations: [existing(NETWORK_POLICY), existing(HOST_PID)],
        },
        actions: RESCAN,
      });
      // hostPID and the missing NetworkPolicy were on the base branch: counted, not commented, not failing.
      expect(completion.output.summary).toContain('**1 finding at or above `high`** that this pull request introduces, in 1 scanned file.');
      expect(completion.output.summary).toContain(
        `| [\`k8s/host-pid\`](${DOCS}/k8s/host-pid.md) | high | 1 | [deploy/web.yaml:12](https://github.com/${FULL}/blob/${SHA}/deploy/web.yaml#L12) |`,
      );
      // The review is posted before the check completes; the check is created before either.
      expect(gh.names().indexOf(N.create)).toBeLessThan(gh.names().indexOf(N.review));
      expect(gh.names().indexOf(N.review)).toBeLessThan(gh.names().indexOf(N.update));
      expect(logs.join('')).not.toContain(TOKEN);
    },
    TIMEOUT,
  );

  test(
    'with comments: changed-files, findings outside the diff become file-level comments',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      F.config(gh, 'comments: changed-files\n');
      F.files(gh, [F.listedFile('deploy/web.yaml', F.WEB_PATCH)]);
      F.tree(gh, SHA, F.FILES);
      // hostPID is new here (the base did not have it); the missing NetworkPolicy is not.
      F.blobs(gh, SHA, F.FILES, {}, { ...F.BASE_FILES, 'deploy/web.yaml': F.BASE_WEB.replace('      hostPID: true\n', '') });
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh);
      gh.rest('POST', `${R}/pulls/2/comments`, { status: 201, body: { id: 601 } });
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 1 }));
      gh.verify();
      expect((gh.bodies(N.review)[0] as any).comments).toEqual([SECURITY_CONTEXT, PRIVILEGED]);
      expect(gh.bodies(N.fileComment)).toEqual([
        { commit_id: SHA, path: 'deploy/web.yaml', subject_type: 'file', body: expect.stringContaining('`k8s/host-pid`') },
      ]);
      expect((gh.bodies(N.update)[0] as any).output.annotations).toEqual([existing(NETWORK_POLICY)]);
    },
    TIMEOUT,
  );
});

describe('a second push', () => {
  // Bulwark's comment on hostPID, as posted, and as posted before escaping existed: quoting a container name that
  // spells out another finding's marker. Only the comment's last line is its fingerprint, so both review alike.
  const escalationThreads = [
    ['as posted', { id: 'T-escalation', fingerprint: PRINTS.escalation }],
    [
      'quoting a forged marker in its text',
      {
        id: 'T-escalation',
        body: `container "app<!-- bulwark:fingerprint=${PRINTS.privileged} -->"\n<!-- bulwark:fingerprint=${PRINTS.escalation} -->`,
      },
    ],
  ] as const;

  test.each(escalationThreads)(
    'posts only what is new, resolves the thread of the fixed finding, and ignores markers users paste (earlier comment %s)',
    async (_, escalation) => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      reviewStart(gh, NEXT, F.NEXT_FILES, F.NEXT_PATCH);
      F.threads(
        gh,
        [
          // A user quoting Bulwark's marker does not make the finding "posted".
          { id: 'T-user', fingerprint: PRINTS.capabilities, author: { __typename: 'User', login: 'mallory' } },
          escalation,
        ],
        { cursor: null, next: 'CURSOR-1' },
      );
      F.threads(
        gh,
        [
          { id: 'T-privileged', fingerprint: PRINTS.privileged },
          { id: 'T-other-file', fingerprint: 'f'.repeat(32), path: 'deploy/other.yaml' },
          { id: 'T-done', fingerprint: 'e'.repeat(32), resolved: true },
        ],
        { cursor: 'CURSOR-1', next: null },
      );
      F.pull(gh, NEXT);
      F.review(gh);
      gh.graphql('BulwarkResolveThread', {
        body: {
          data: {
            addPullRequestReviewThreadReply: { comment: { id: 'C1' } },
            resolveReviewThread: { thread: { id: 'T-privileged', isResolved: true } },
          },
        },
      });
      F.updateRun(gh);
      await receive(pullRequestEvent('synchronize', { head: NEXT, before: SHA, changedFiles: 2 }));
      gh.verify();

      expect(gh.count(N.threads)).toBe(2);
      // The suggestion shows the lines as they read at the new head.
      const capabilities = {
        ...CAPABILITIES,
        body: CAPABILITIES.body.replace(
          '            privileged: true\n            readOnly',
          '            runAsUser: 10001\n            readOnly',
        ),
      };
      expect((gh.bodies(N.review)[0] as any).comments).toEqual([capabilities]);
      expect(gh.bodies(N.resolve)).toEqual([
        expect.objectContaining({ variables: { thread: 'T-privileged', body: `Fixed in ${NEXT}: Bulwark no longer finds this.` } }),
      ]);
      const completion = gh.bodies(N.update)[0] as any;
      // hostPID is still there, but the base had it: existing, so the check passes (failScope: new).
      expect(completion.conclusion).toBe('success');
      expect(completion.output.summary).toContain('| commented earlier |');
      expect(gh.count()).toBe(15);
    },
    TIMEOUT,
  );
});

describe('/bulwark rescan', () => {
  test(
    'from a writer: reacts, and rescans the current head, taking over the run a crashed review left in progress',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      gh.rest('GET', `${R}/collaborators/octocat/permission`, { body: { permission: 'write', role_name: 'maintain', user: null } });
      gh.rest('POST', `${R}/issues/comments/492700400/reactions`, { status: 201, body: { id: 1, content: 'eyes' } });
      F.pull(gh, SHA);
      F.checkRuns(gh, SHA, [{ id: RUN, status: 'in_progress', external_id: '2', output: { annotations_count: 0 } }]);
      F.updateRun(gh); // back in progress
      F.noConfig(gh);
      F.files(gh, [F.listedFile('deploy/web.yaml', F.WEB_PATCH)]);
      F.tree(gh, SHA, F.FILES);
      F.blobs(gh, SHA, F.FILES);
      F.threads(gh, [
        { id: 'T1', fingerprint: `${PRINTS.escalation},${PRINTS.capabilities}` },
        { id: 'T3', fingerprint: PRINTS.privileged },
      ]);
      F.pull(gh, SHA);
      F.updateRun(gh); // completed
      await receive(commentEvent({ body: '/bulwark rescan\nplease', login: 'octocat' }));
      gh.verify();

      expect(gh.bodies(N.reaction)).toEqual([{ content: 'eyes' }]);
      expect(gh.count(N.create)).toBe(0);
      expect(gh.count(N.review)).toBe(0);
      expect(gh.bodies(N.update)).toEqual([
        { status: 'in_progress', output: START.output },
        expect.objectContaining({ status: 'completed', conclusion: 'failure' }),
      ]);
      expect(gh.count()).toBe(15);
    },
    TIMEOUT,
  );

  test(
    'from a reader: a polite reply and no scan',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      gh.rest('GET', `${R}/collaborators/octocat/permission`, { body: { permission: 'read', role_name: 'triage', user: null } });
      gh.rest('POST', `${R}/issues/2/comments`, { status: 201, body: { id: 9 } });
      await receive(commentEvent({ body: '/bulwark rescan', login: 'octocat' }));
      gh.verify();
      expect(gh.names()).toEqual([N.token, N.permission('octocat'), N.reply]);
      expect(gh.bodies(N.reply)).toEqual([
        {
          body: '@octocat thanks for asking. Bulwark rescans on request only for people with write access to this repository; a maintainer can comment `/bulwark rescan` or press **Rescan** on the Bulwark check. Every push is reviewed anyway.',
        },
      ]);
    },
    TIMEOUT,
  );

  test(
    'from a bot (Bulwark itself included), on an issue, or not the command: nothing at all',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      await receive(commentEvent({ body: '/bulwark rescan', bot: true }));
      await receive(commentEvent({ body: '/bulwark rescan', onPullRequest: false }));
      await receive(commentEvent({ body: 'LGTM\n/bulwark rescan' }));
      gh.verify();
      expect(gh.count()).toBe(0);
    },
    TIMEOUT,
  );
});

describe('re-runs from the check', () => {
  /** A rescan of SHA on pull request 2 that finds everything already posted. */
  function rescanOfPostedReview(gh: GitHubMock, fork: boolean): void {
    F.pull(gh, SHA, { fork });
    F.checkRuns(gh, SHA, [{ id: 70, status: 'completed', external_id: '2', output: { annotations_count: 2 } }]);
    F.createRun(gh);
    F.noConfig(gh);
    F.files(gh, [F.listedFile('deploy/web.yaml', F.WEB_PATCH)]);
    F.tree(gh, SHA, F.FILES);
    F.blobs(gh, SHA, F.FILES);
    F.threads(gh, [
      { id: 'T1', fingerprint: PRINTS.capabilities },
      { id: 'T2', fingerprint: PRINTS.escalation },
      { id: 'T3', fingerprint: PRINTS.privileged },
    ]);
    F.pull(gh, SHA, { fork });
    F.updateRun(gh);
  }

  test(
    'Re-run on a fork pull request: no pull_requests in the event, the number comes from external_id',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      rescanOfPostedReview(gh, true);
      await receive(checkRunRerequested({ head: SHA, externalId: '2', pullRequests: [] }));
      gh.verify();
      // A completed run is not reopened: a new one replaces it.
      expect(gh.bodies(N.create)).toEqual([{ name: 'Bulwark', head_sha: SHA, external_id: '2', ...START }]);
      expect(gh.bodies(N.contents)).toEqual([
        expect.objectContaining({ variables: expect.objectContaining({ owner: OWNER, p0: `${SHA}:deploy/web.yaml` }) }),
      ]);
      expect(gh.count(N.review)).toBe(0);
      expect(gh.count()).toBe(13);
    },
    TIMEOUT,
  );

  test(
    'the Rescan button (requested_action) rescans; another action or another check is ignored',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      rescanOfPostedReview(gh, true);
      await receive(checkRunAction({ head: SHA, externalId: '2', identifier: 'rescan' }));
      await receive(checkRunAction({ head: SHA, externalId: '2', identifier: 'approve' }));
      await receive(checkRunRerequested({ head: SHA, externalId: '2', name: 'lint' }));
      gh.verify();
      expect(gh.count(N.create)).toBe(1);
      expect(gh.count()).toBe(13);
    },
    TIMEOUT,
  );

  test(
    'Re-run all on a fork pull request (check_suite): the number comes from the Bulwark run on the commit',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA, [{ id: 70, status: 'completed', external_id: '2', output: { annotations_count: 2 } }]);
      rescanOfPostedReview(gh, true);
      await receive(checkSuiteRerequested({ head: SHA, pullRequests: [] }));
      gh.verify();
      expect(gh.count(N.runs(SHA))).toBe(2);
      expect(gh.count(N.create)).toBe(1);
    },
    TIMEOUT,
  );
});

describe('edge cases', () => {
  test(
    'no IaC file changed: success, "No Kubernetes or IaC changes", no contents read, nothing posted',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      F.noConfig(gh);
      F.files(gh, [F.listedFile('README.md', '@@ -1 +1 @@\n-# old\n+# shop'), F.listedFile('src/main.go', '@@ -1 +1 @@\n-a\n+b')]);
      F.tree(gh, SHA, { 'README.md': '# shop\n', 'src/main.go': 'package main\n' });
      F.threads(gh);
      F.pull(gh, SHA);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();
      expect(gh.count()).toBe(11);
      expect(gh.count(N.contents)).toBe(0);
      expect(gh.bodies(N.update)).toEqual([
        {
          status: 'completed',
          conclusion: 'success',
          completed_at: NOW.toISOString(),
          output: {
            title: 'No Kubernetes or IaC changes',
            summary:
              'This pull request changes no Kubernetes manifests, Helm charts, Kustomize overlays, Terraform, CloudFormation or Dockerfiles.',
            annotations: [],
          },
          actions: RESCAN,
        },
      ]);
    },
    TIMEOUT,
  );

  test(
    'a pull request of 250 files: three pages at once, contents in three queries of at most 100',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      const contents: Record<string, string> = {};
      for (let i = 0; i < 250; i++) {
        contents[`config/cm-${String(i).padStart(3, '0')}.yaml`] =
          `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  namespace: shop\ndata:\n  key: value-${i}\n`;
      }
      const listed = Object.entries(contents).map(([path, text]) =>
        F.listedFile(
          path,
          `@@ -0,0 +1,7 @@\n${text
            .trimEnd()
            .split('\n')
            .map((l) => `+${l}`)
            .join('\n')}`,
          'added',
        ),
      );
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      F.noConfig(gh);
      F.files(gh, listed.slice(0, 100), 1);
      F.files(gh, listed.slice(100, 200), 2);
      F.files(gh, listed.slice(200), 3);
      F.tree(gh, SHA, contents);
      for (let i = 0; i < 3; i++) F.blobs(gh, SHA, contents);
      F.threads(gh);
      F.pull(gh, SHA, { changedFiles: 250 });
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 250 }));
      gh.verify();
      expect(gh.count(N.files)).toBe(3);
      expect(gh.count(N.contents)).toBe(3);
      expect(gh.bodies(N.contents).map((b: any) => Object.keys(b.variables).filter((k) => k.startsWith('p')).length)).toEqual([
        100, 100, 50,
      ]);
      expect(gh.count()).toBe(16);
      const completion = gh.bodies(N.update)[0] as any;
      expect(completion.output.summary).toContain('in 250 scanned files.');
    },
    TIMEOUT,
  );

  test(
    'a push during the scan: the check is neutral, superseded, and nothing is posted or resolved',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      reviewStart(gh);
      F.threads(gh, [{ id: 'T-gone', fingerprint: 'd'.repeat(32) }]);
      F.pull(gh, NEXT);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();
      expect(gh.count(N.review)).toBe(0);
      expect(gh.count(N.resolve)).toBe(0);
      expect(gh.bodies(N.update)).toEqual([
        {
          status: 'completed',
          conclusion: 'neutral',
          completed_at: NOW.toISOString(),
          output: {
            title: 'Superseded by a newer commit',
            summary: `This review of ${SHA.slice(0, 7)} was overtaken by ${NEXT.slice(0, 7)}, which is reviewed on its own; nothing was posted.`,
            annotations: [],
          },
          actions: RESCAN,
        },
      ]);
    },
    TIMEOUT,
  );

  test(
    'a broken config fails the check naming the bad keys; nothing is scanned or posted',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      F.config(gh, 'failOn: severe\ncomment: off\n');
      F.files(gh, [F.listedFile('deploy/web.yaml', F.WEB_PATCH)]);
      F.tree(gh, SHA, F.FILES);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 1 }));
      gh.verify();
      expect(gh.count()).toBe(8);
      expect(gh.bodies(N.update)).toEqual([
        {
          status: 'completed',
          conclusion: 'failure',
          completed_at: NOW.toISOString(),
          output: {
            title: 'Invalid .github/bulwark.yml',
            summary: [
              'Bulwark did not review this pull request because its configuration on the default branch is invalid:',
              '',
              '- failOn: expected one of critical, high, medium, low, info',
              '- unknown key "comment"',
              '',
              'Fix `.github/bulwark.yml` on the default branch (see the configuration reference in the README), then re-run this check.',
            ].join('\n'),
            annotations: [],
          },
          actions: RESCAN,
        },
      ]);
    },
    TIMEOUT,
  );

  test(
    'a config that is not YAML fails the check the same way',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      F.config(gh, 'failOn: [high\n');
      F.files(gh, [F.listedFile('deploy/web.yaml', F.WEB_PATCH)]);
      F.tree(gh, SHA, F.FILES);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 1 }));
      gh.verify();
      const completion = gh.bodies(N.update)[0] as any;
      expect(completion.conclusion).toBe('failure');
      expect(completion.output.summary).toMatch(
        /^Bulwark did not review this pull request because its configuration on the default branch is invalid:\n\n- not valid YAML: /,
      );
    },
    TIMEOUT,
  );

  test(
    'an unexpected error completes the check as a failure that says what happened',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      F.noConfig(gh);
      F.files(gh, [F.listedFile('deploy/web.yaml', F.WEB_PATCH)]);
      gh.rest('GET', `${R}/git/trees/${SHA}`, { status: 404, body: { message: 'Not Found' } });
      F.compare(gh, SHA);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 1 }));
      gh.verify();
      const completion = gh.bodies(N.update)[0] as any;
      expect(completion.conclusion).toBe('failure');
      expect(completion.output.title).toBe('Bulwark could not finish the review');
      expect(completion.output.summary).toContain('Not Found');
    },
    TIMEOUT,
  );

  test(
    'two events for one commit at once make one review',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      reviewStart(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh);
      F.updateRun(gh);
      await Promise.all([
        receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 })),
        receive(pullRequestEvent('ready_for_review', { head: SHA, changedFiles: 2 })),
      ]);
      gh.verify();
      expect(gh.count(N.create)).toBe(1);
      expect(gh.count(N.review)).toBe(1);
      expect(gh.count()).toBe(13);
    },
    TIMEOUT,
  );
});

describe('GitHub pushing back', () => {
  test(
    'secondary rate limits (403 with retry-after, then 422 abuse) are waited out as GitHub asks',
    async () => {
      const { receive, sleeps, logs } = await startApp();
      const gh = new GitHubMock();
      reviewStart(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh, {
        status: 403,
        body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' },
        headers: { 'retry-after': '7' },
      });
      F.review(gh, {
        status: 422,
        body: { message: 'Validation Failed', errors: [{ resource: 'PullRequestReview', code: 'abuse', field: 'base' }] },
      });
      F.review(gh);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();
      expect(sleeps).toEqual([7_000, 120_000]);
      expect(gh.count(N.review)).toBe(3);
      const [first, second, third] = gh.bodies(N.review);
      expect(second).toEqual(first);
      expect(third).toEqual(first);
      expect((gh.bodies(N.update)[0] as any).output.annotations).toEqual([existing(NETWORK_POLICY), existing(HOST_PID)]);
      expect(logs.filter((l) => l.includes('GitHub secondary rate limit'))).toHaveLength(2);
    },
    TIMEOUT,
  );

  test(
    'a 422 on one comment: the others are posted one by one, the refused one becomes an annotation',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      reviewStart(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      const refused = {
        status: 422,
        body: {
          message: 'Unprocessable Entity',
          errors: [
            'Pull request review thread line must be part of the diff and Pull request review thread start line must be part of the same hunk as the line.',
          ],
        },
      };
      F.review(gh, refused);
      F.review(gh);
      F.review(gh, refused);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();
      expect(gh.bodies(N.review).map((b: any) => b.comments)).toEqual([[SECURITY_CONTEXT, PRIVILEGED], [SECURITY_CONTEXT], [PRIVILEGED]]);
      const completion = gh.bodies(N.update)[0] as any;
      expect(completion.output.annotations).toEqual([
        {
          path: 'deploy/web.yaml',
          start_line: 20,
          end_line: 20,
          annotation_level: 'failure',
          title: 'k8s/privileged-container (critical)',
          message: `Deployment "web" container "app" sets privileged: true\n\nHow to fix: ${CATALOG.find((r) => r.id === 'k8s/privileged-container')!.remediation}`,
        },
        existing(NETWORK_POLICY),
        existing(HOST_PID),
      ]);
      expect(completion.output.summary).toContain('| annotation (GitHub refused the comment) |');
    },
    TIMEOUT,
  );

  test(
    'a 500 on the check update: GitHub is asked whether it landed, then the update is sent again',
    async () => {
      const { receive, sleeps } = await startApp();
      const gh = new GitHubMock();
      reviewStart(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh);
      F.updateRun(gh, { status: 500, body: { message: 'Server Error' } });
      gh.rest('GET', `${R}/check-runs/${RUN}`, {
        body: { id: RUN, status: 'in_progress', external_id: '2', output: { annotations_count: 0 } },
      });
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();
      const [failed, retried] = gh.bodies(N.update);
      expect(retried).toEqual(failed);
      expect(gh.count(N.update)).toBe(2);
      expect(gh.count(N.getRun)).toBe(1);
      expect(sleeps).toEqual([1_000]);
    },
    TIMEOUT,
  );

  test(
    'a 500 on the review that GitHub performed anyway: the review is not posted twice',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      reviewStart(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh, { status: 502, body: { message: 'Bad Gateway' } });
      F.threads(gh, [
        { id: 'T1', fingerprint: `${PRINTS.escalation},${PRINTS.capabilities}` },
        { id: 'T3', fingerprint: PRINTS.privileged },
      ]);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();
      expect(gh.count(N.review)).toBe(1);
      expect(gh.count(N.threads)).toBe(2);
      expect((gh.bodies(N.update)[0] as any).conclusion).toBe('failure');
    },
    TIMEOUT,
  );
});

describe('the check run', () => {
  const target = { owner: OWNER, repo: 'Hello-World', number: 2, headSha: SHA, defaultBranch: 'master' };
  const annotation = (i: number) => ({
    path: 'deploy/web.yaml',
    startLine: i,
    endLine: i,
    level: 'notice' as const,
    title: `rule-${i}`,
    message: `finding ${i}`,
  });

  test(
    'annotations go 50 to a request; a batch GitHub took before failing is not sent again; the summary fits 65,535 bytes',
    async () => {
      const { CheckRun } = await import('../../src/adapters/github/check-run.js');
      const sleeps: number[] = [];
      const run = new CheckRun(installationOctokit(), target, {
        appId: 123,
        clock: () => NOW,
        pace: { secondMs: 1000, sleep: async (ms) => void sleeps.push(ms) },
      });
      const gh = new GitHubMock();
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      F.updateRun(gh); // completion with the first 50
      F.updateRun(gh, { status: 500, body: { message: 'Server Error' } }); // the second 50: GitHub took them anyway
      gh.rest('GET', `${R}/check-runs/${RUN}`, {
        body: { id: RUN, status: 'completed', external_id: '2', output: { annotations_count: 100 } },
      });
      F.updateRun(gh); // the last 20
      await run.start();
      const summary = 'é'.repeat(40_000); // 80,000 bytes
      await run.complete({
        conclusion: 'success',
        title: 'No findings',
        summary,
        annotations: Array.from({ length: 120 }, (_, i) => annotation(i + 1)),
      });
      gh.verify();
      const updates = gh.bodies(N.update) as any[];
      expect(updates.map((u) => u.output.annotations.map((a: any) => a.start_line))).toEqual([
        Array.from({ length: 50 }, (_, i) => i + 1),
        Array.from({ length: 50 }, (_, i) => i + 51),
        Array.from({ length: 20 }, (_, i) => i + 101),
      ]);
      expect(updates[0]).toMatchObject({ status: 'completed', conclusion: 'success', actions: RESCAN });
      expect(updates[2]).toEqual({ output: { title: 'No findings', summary: updates[0].output.summary, annotations: expect.any(Array) } });
      expect(Buffer.byteLength(updates[0].output.summary)).toBeLessThanOrEqual(65_535);
      expect(updates[0].output.summary).toMatch(/^(é)+\n\n…\(cut to fit GitHub’s limit\)$/);
      expect(sleeps).toEqual([]);
    },
    TIMEOUT,
  );
});

describe('the mock checks what it is sent', () => {
  test('REST bodies with unknown or wrong properties, unknown endpoints, and invalid GraphQL are all reported', async () => {
    const { checkRequestBody } = await import('./support/openapi.js');
    const { checkGraphQL } = await import('./support/graphql-schema.js');
    expect(
      checkRequestBody('POST', `${R}/pulls/2/reviews`, { event: 'COMMENT', comments: [{ path: 'a', body: 'b', line: 1, side: 'RIGHT' }] }),
    ).toEqual([]);
    expect(checkRequestBody('POST', `${R}/pulls/2/reviews`, { event: 'COMMENT', subject_type: 'file' })[0]).toMatch(
      /must NOT have additional properties/,
    );
    expect(
      checkRequestBody('POST', `${R}/pulls/2/reviews`, { comments: [{ path: 'a', body: 'b', line: 1, subject_type: 'file' }] })[0],
    ).toMatch(/must NOT have additional properties/);
    expect(
      checkRequestBody('PATCH', `${R}/check-runs/1`, {
        output: {
          title: 't',
          summary: 's',
          annotations: [{ path: 'a', start_line: 1, end_line: 1, annotation_level: 'fatal', message: 'm' }],
        },
      })[0],
    ).toMatch(/must be equal to one of the allowed values/);
    expect(
      checkRequestBody('POST', `${R}/check-runs`, {
        name: 'Bulwark',
        head_sha: SHA,
        actions: [{ label: 'Rescan this commit now please', description: 'd', identifier: 'rescan' }],
      })[0],
    ).toMatch(/must NOT have more than 20 characters/);
    expect(checkRequestBody('POST', `${R}/no-such-thing`, {})[0]).toMatch(/no such operation/);
    expect(checkGraphQL('query { viewer { login } }', {})).toEqual([]);
    expect(checkGraphQL('query { viewer { nickname } }', {})[0]).toMatch(/Cannot query field "nickname" on type "User"/);
    expect(checkGraphQL('query Q($n: Int!) { viewer { login } }', { n: 'two' })[0]).toMatch(
      /GraphQL: Variable "\$n" is never used|Int cannot represent/,
    );
  });
});

describe('reading contents', () => {
  test(
    'truncated blobs come from REST, so do binaries (skipped with a reason unless a byte order mark says UTF-16), files over 5 MiB are never downloaded',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      const truncated = F.HEAD_WEB.replace(/web/g, 'api');
      const files = { 'deploy/api.yaml': truncated, 'deploy/logo.yaml': 'GIF89a', 'deploy/huge.yaml': 'x', 'deploy/wide.yaml': 'w' };
      // GitHub calls a UTF-16 file binary (it holds NUL bytes); kubectl applies it like any other manifest.
      const wide = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(F.HEAD_WEB.replace(/web/g, 'wide'), 'utf16le')]);
      const gif = Buffer.from('GIF89a\x00\x01', 'latin1');
      const added = (path: string) => F.listedFile(path, `@@ -0,0 +1,1 @@\n+${path}`, 'added');
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      F.noConfig(gh);
      F.files(gh, Object.keys(files).map(added));
      gh.rest('GET', `${R}/git/trees/${SHA}?recursive=true`, {
        body: {
          sha: SHA,
          url: '',
          truncated: false,
          tree: [
            { path: 'deploy', mode: '040000', type: 'tree', sha: F.sha1('d') },
            ...Object.keys(files).map((path) => ({
              path,
              mode: '100644',
              type: 'blob',
              sha: F.sha1(path),
              size: path === 'deploy/huge.yaml' ? 6 * 1024 * 1024 : 100,
            })),
          ],
        },
      });
      F.compare(gh, SHA);
      F.blobs(gh, SHA, files, {
        'deploy/api.yaml': {
          oid: F.sha1(truncated),
          byteSize: Buffer.byteLength(truncated),
          isBinary: false,
          isTruncated: true,
          text: truncated.slice(0, 40),
        },
        'deploy/logo.yaml': { oid: F.sha1('GIF89a'), byteSize: 6, isBinary: true, isTruncated: false, text: null },
        'deploy/wide.yaml': { oid: F.sha1('wide'), byteSize: wide.length, isBinary: true, isTruncated: false, text: null },
      });
      for (const [oid, bytes] of [
        [F.sha1('GIF89a'), gif],
        [F.sha1('wide'), wide],
      ] as const) {
        gh.rest('GET', `${R}/git/blobs/${oid}`, {
          body: { sha: oid, node_id: 'B', size: bytes.length, url: '', content: bytes.toString('base64'), encoding: 'base64' },
        });
      }
      gh.rest('GET', `${R}/git/blobs/${F.sha1(truncated)}`, {
        body: {
          sha: F.sha1(truncated),
          node_id: 'B1',
          size: Buffer.byteLength(truncated),
          url: '',
          content: Buffer.from(truncated).toString('base64'),
          encoding: 'base64',
        },
      });
      F.threads(gh);
      F.pull(gh, SHA, { changedFiles: 4 });
      gh.rest('POST', `${R}/pulls/2/reviews`, { body: { id: 1 } });
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 4 }));
      gh.verify();
      const [query] = gh.bodies(N.contents) as any[];
      expect(Object.values(query.variables).filter((v) => String(v).startsWith(SHA))).toEqual([
        `${SHA}:deploy/api.yaml`,
        `${SHA}:deploy/logo.yaml`,
        `${SHA}:deploy/wide.yaml`,
      ]);
      const completion = gh.bodies(N.update)[0] as any;
      expect(completion.output.summary).toContain('- `deploy/logo.yaml`: binary file (contains NUL bytes); not scanned');
      expect(completion.output.summary).not.toContain('deploy/wide.yaml`: binary');
      expect(completion.output.summary).toContain(
        `[deploy/wide.yaml:20](https://github.com/Codertocat/Hello-World/blob/${SHA}/deploy/wide.yaml#L20) | Deployment "wide" container "app" sets privileged: true`,
      );
      expect(completion.output.summary).toContain('deploy/huge.yaml is 6291456 bytes, over the 5242880-byte limit; not scanned');
      // The REST blob was scanned in full: its findings are the same as the pull request's web.yaml ones.
      expect(completion.output.summary).toContain('Deployment "api" sets hostPID: true');
    },
    TIMEOUT,
  );
});

describe('GraphQL pushing back', () => {
  test(
    'a mutation answered "was submitted too quickly" is sent again a minute later',
    async () => {
      const { receive, sleeps } = await startApp();
      const gh = new GitHubMock();
      reviewStart(gh, NEXT, F.NEXT_FILES, F.NEXT_PATCH);
      F.threads(gh, [
        { id: 'T-capabilities', fingerprint: PRINTS.capabilities },
        { id: 'T-escalation', fingerprint: PRINTS.escalation },
        { id: 'T-privileged', fingerprint: PRINTS.privileged },
      ]);
      F.pull(gh, NEXT);
      gh.graphql('BulwarkResolveThread', {
        body: { data: null, errors: [{ type: 'UNPROCESSABLE', message: 'was submitted too quickly' }] },
      });
      gh.graphql('BulwarkResolveThread', {
        body: {
          data: {
            addPullRequestReviewThreadReply: { comment: { id: 'C1' } },
            resolveReviewThread: { thread: { id: 'T-privileged', isResolved: true } },
          },
        },
      });
      F.updateRun(gh);
      await receive(pullRequestEvent('synchronize', { head: NEXT, before: SHA, changedFiles: 2 }));
      gh.verify();
      expect(sleeps).toEqual([60_000]);
      expect(gh.count(N.resolve)).toBe(2);
      expect((gh.bodies(N.update)[0] as any).conclusion).toBe('success'); // the base had hostPID: existing;
    },
    TIMEOUT,
  );
});

describe('the port without Probot', () => {
  test(
    'reads .github/bulwark.yml from the default branch itself, trying .yaml next; absent is no config',
    async () => {
      const { OctokitPort } = await import('../../src/adapters/github/octokit-port.js');
      const target = { owner: OWNER, repo: 'Hello-World', number: 2, headSha: SHA, defaultBranch: 'master' };
      const gh = new GitHubMock();
      gh.rest('GET', `${R}/contents/.github%2Fbulwark.yml?ref=master`, { status: 404, body: { message: 'Not Found' } });
      gh.rest('GET', `${R}/contents/.github%2Fbulwark.yaml?ref=master`, {
        body: 'failOn: critical\n',
        headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' },
      });
      gh.rest('GET', `${R}/contents/.github%2Fbulwark.yml?ref=master`, { status: 404, body: { message: 'Not Found' } });
      gh.rest('GET', `${R}/contents/.github%2Fbulwark.yaml?ref=master`, { status: 404, body: { message: 'Not Found' } });
      expect(await new OctokitPort({ gh: installationOctokit(), target }).readConfig()).toEqual({ text: 'failOn: critical\n' });
      expect(await new OctokitPort({ gh: installationOctokit(), target }).readConfig()).toBeUndefined();
      gh.verify();
    },
    TIMEOUT,
  );
});
