import { createHash } from 'node:crypto';
import { type GitHubMock, type Reply } from './support/github-mock.js';
import { BASE_SHA, FULL, OWNER, pullRequest } from './support/payloads.js';
import { TOKEN } from './support/probot.js';

/** The scenario repository and the canned answers of GitHub's endpoints Bulwark uses. */

export const R = `/repos/${FULL}`;
export const SHA = 'a1b2c3d'.padEnd(40, '0');
export const NEXT = 'b2c3d4e'.padEnd(40, '1');
export const RUN = 77;
/** The merge base of every scenario's pull request (its payload's base commit is `f` * 40). */
export const MERGE_BASE = 'c0ffee0'.padEnd(40, '2');

/** deploy/web.yaml on the base branch. */
export const BASE_WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
    spec:
      hostPID: true
      automountServiceAccountToken: false
      serviceAccountName: web
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: app
          image: registry.example.com/web:1.0@sha256:${'a'.repeat(64)}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`;

/** The pull request's version: privileged, and the two lines that made it safe are gone. */
export const HEAD_WEB = BASE_WEB.replace(
  '            allowPrivilegeEscalation: false\n            readOnlyRootFilesystem: true\n            capabilities: {drop: [ALL]}\n',
  '            privileged: true\n            readOnlyRootFilesystem: true\n',
);

export const WEB_PATCH = [
  '@@ -17,6 +17,5 @@ spec:',
  '         - name: app',
  `           image: registry.example.com/web:1.0@sha256:${'a'.repeat(64)}`,
  '           securityContext:',
  '-            allowPrivilegeEscalation: false',
  '+            privileged: true',
  '             readOnlyRootFilesystem: true',
  '-            capabilities: {drop: [ALL]}',
].join('\n');

/** A file the pull request does not touch, read for cross-object rules. */
export const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

export const FILES = { 'deploy/web.yaml': HEAD_WEB, 'deploy/service.yaml': SERVICE, 'README.md': '# shop\n' };

export function listedFile(path: string, patch: string | undefined, status = 'modified') {
  const file: Record<string, unknown> = {
    sha: sha1(path),
    filename: path,
    status,
    additions: 1,
    deletions: 2,
    changes: 3,
    blob_url: `https://github.com/${FULL}/blob/${SHA}/${path}`,
    raw_url: `https://github.com/${FULL}/raw/${SHA}/${path}`,
    contents_url: `https://api.github.com/repos/${FULL}/contents/${path}?ref=${SHA}`,
  };
  if (patch !== undefined) file.patch = patch;
  return file;
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export function token(gh: GitHubMock): void {
  gh.rest('POST', '/app/installations/1/access_tokens', {
    status: 201,
    body: {
      token: TOKEN,
      expires_at: '2099-01-01T00:00:00Z',
      permissions: { checks: 'write', pull_requests: 'write', contents: 'read', metadata: 'read', issues: 'read' },
      repository_selection: 'all',
    },
  });
}

export function checkRuns(gh: GitHubMock, sha: string, runs: unknown[] = []): void {
  gh.rest('GET', `${R}/commits/${sha}/check-runs?check_name=Bulwark&filter=latest&app_id=123`, {
    body: { total_count: runs.length, check_runs: runs },
  });
}

export function createRun(gh: GitHubMock, reply: Reply = {}): void {
  gh.rest('POST', `${R}/check-runs`, { status: 201, body: { id: RUN }, ...reply });
}

export function updateRun(gh: GitHubMock, reply: Reply = {}, times = 1): void {
  gh.rest('PATCH', `${R}/check-runs/${RUN}`, { body: { id: RUN }, ...reply }, times);
}

export function noConfig(gh: GitHubMock): void {
  gh.rest('GET', `${R}/contents/.github%2Fbulwark.yml`, { status: 404, body: { message: 'Not Found' } });
  gh.rest('GET', `/repos/${OWNER}/.github/contents/.github%2Fbulwark.yml`, { status: 404, body: { message: 'Not Found' } });
}

export function config(gh: GitHubMock, yaml: string): void {
  gh.rest('GET', `${R}/contents/.github%2Fbulwark.yml`, {
    body: yaml,
    headers: { 'content-type': 'application/vnd.github.raw; charset=utf-8' },
  });
}

export function files(gh: GitHubMock, list: unknown[], page = 1, number = 2): void {
  gh.rest('GET', `${R}/pulls/${number}/files?per_page=100&page=${page}`, { body: list });
}

/** The merge base, from one comparison of the pull request's base commit with its head. */
export function compare(gh: GitHubMock, sha: string, mergeBase = MERGE_BASE): void {
  gh.rest('GET', `${R}/compare/${BASE_SHA}...${sha}?per_page=1`, { body: comparison(sha, mergeBase) });
}

/** The body of a comparison of the pull request's base commit with `sha`: its merge base is what matters. */
export function comparison(sha: string, mergeBase = MERGE_BASE): unknown {
  return {
    url: '',
    html_url: '',
    permalink_url: '',
    diff_url: '',
    patch_url: '',
    status: 'ahead',
    ahead_by: 1,
    behind_by: 0,
    total_commits: 1,
    commits: [],
    files: [],
    base_commit: commit(BASE_SHA),
    merge_base_commit: commit(mergeBase),
  };
}

function commit(sha: string) {
  return {
    sha,
    node_id: '',
    url: '',
    html_url: '',
    comments_url: '',
    author: null,
    committer: null,
    parents: [],
    commit: { message: '', url: '', comment_count: 0, tree: { sha: sha1(sha), url: '' }, author: null, committer: null },
  };
}

/** The head tree, and the merge base: both are read as a review starts. */
export function tree(gh: GitHubMock, sha: string, contents: Record<string, string>): void {
  compare(gh, sha);
  gh.rest('GET', `${R}/git/trees/${sha}?recursive=true`, {
    body: {
      sha,
      url: `https://api.github.com/repos/${FULL}/git/trees/${sha}`,
      truncated: false,
      tree: Object.entries(contents).map(([path, text]) => ({
        path,
        mode: '100644',
        type: 'blob',
        sha: sha1(text),
        size: Buffer.byteLength(text),
        url: '',
      })),
    },
  });
}

/** deploy/web.yaml and its neighbours at the merge base. */
export const BASE_FILES = { 'deploy/web.yaml': BASE_WEB, 'deploy/service.yaml': SERVICE, 'README.md': '# old\n' };

/**
 * Answers a contents query from `contents` (at `sha`) and `base` (at the merge base); `overrides` replace a
 * head file's blob node.
 */
export function blobs(
  gh: GitHubMock,
  sha: string,
  contents: Record<string, string>,
  overrides: Record<string, unknown> = {},
  base: Record<string, string> = BASE_FILES,
): void {
  gh.graphql('BulwarkFileContents', (variables) => {
    const repository: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(variables)) {
      if (!/^p\d+$/.test(key)) continue;
      const [at, path] = [String(value).slice(0, sha.length), String(value).slice(sha.length + 1)];
      if (at === MERGE_BASE) {
        const text = base[path];
        repository[`f${key.slice(1)}`] =
          text === undefined ? null : { oid: sha1(text), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
        continue;
      }
      const text = contents[path];
      repository[`f${key.slice(1)}`] =
        path in overrides
          ? overrides[path]
          : text === undefined
            ? null
            : { oid: sha1(text), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
    }
    return { body: { data: { repository } } };
  });
}

export interface ThreadSpec {
  id: string;
  fingerprint?: string;
  path?: string;
  resolved?: boolean;
  author?: { __typename: string; login: string };
  body?: string;
}

export function threads(gh: GitHubMock, specs: ThreadSpec[] = [], page?: { cursor: string | null; next: string | null }): void {
  const nodes = specs.map((t) => ({
    id: t.id,
    isResolved: t.resolved ?? false,
    path: t.path ?? 'deploy/web.yaml',
    comments: {
      nodes: [
        {
          body: t.body ?? `finding\n<!-- bulwark:fingerprint=${t.fingerprint} -->`,
          author: t.author ?? { __typename: 'Bot', login: 'bulwark' },
        },
      ],
    },
  }));
  gh.graphql(
    'BulwarkReviewThreads',
    {
      body: {
        data: {
          viewer: { login: 'bulwark[bot]' },
          repository: {
            pullRequest: {
              reviewThreads: {
                pageInfo: { hasNextPage: page?.next !== undefined && page?.next !== null, endCursor: page?.next ?? null },
                nodes,
              },
            },
          },
        },
      },
    },
    (variables) => (page ? variables.cursor === page.cursor : true),
  );
}

export function pull(gh: GitHubMock, head: string, options: { number?: number; changedFiles?: number; fork?: boolean } = {}): void {
  const number = options.number ?? 2;
  gh.rest('GET', `${R}/pulls/${number}`, { body: pullRequest({ head, number, ...options }) });
}

export function review(gh: GitHubMock, reply: Reply = {}): void {
  gh.rest('POST', `${R}/pulls/2/reviews`, { body: { id: 501 }, ...reply });
}

/** The second push: `privileged: true` is gone (replaced by a harmless line). */
export const NEXT_WEB = HEAD_WEB.replace('            privileged: true\n', '            runAsUser: 10001\n');
export const NEXT_PATCH = WEB_PATCH.replace('+            privileged: true', '+            runAsUser: 10001');
export const NEXT_FILES = { ...FILES, 'deploy/web.yaml': NEXT_WEB };

/** Fingerprints of the three findings in the diff (rule, file, object and field; no line numbers). */
export const PRINTS = {
  capabilities: 'e7d2598380ef6efd164c63e3a165ab75',
  escalation: 'b8d3caceda2cfbb3f6a87ae97863af3f',
  privileged: 'e2023f9818a22a41cc2ebbd54dcaa72b',
};
