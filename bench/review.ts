/**
 * `npm run bench:review`: one pull-request review by the GitHub App, replayed against a mocked GitHub
 * (nock), for a typical 20-file pull request and a 100-file one. It prints the GitHub requests a review
 * makes (and which), how many of them wait on each other (sequential round trips), and the time the review
 * spends outside GitHub's answers (Bulwark's own code, with Probot's and Octokit's).
 *
 * Every mocked answer takes LATENCY_MS, so overlapping requests show. Probot's pacing (writes and GraphQL
 * queries at least 1 s apart, reviews and comments 3 s) is switched off here and estimated separately: it
 * is GitHub's rule, not Bulwark's cost. The first review of an installation also fetches a token; the
 * figures are for the second and later reviews, with the first one's extra requests noted.
 */
import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { Probot, ProbotOctokit } from 'probot';
import { runLocalReview } from '../src/entries/cli/review-command.js';
import { createBulwarkApp } from '../src/entries/app/main.js';
import { fmt, table } from './report.js';

const LATENCY_MS = 40;
const API = 'https://api.github.com';
const OWNER = 'acme';
const REPO = 'shop';
const R = `/repos/${OWNER}/${REPO}`;
const ROUNDS = 5;
const BASE_SHA = 'ba5e'.padEnd(40, '0');
const MERGE_BASE = 'ba5e'.padEnd(40, '1');
/** Before base-against-head reviews (the merge base and its contents), a review took this many requests. */
const BEFORE = { 20: 11, 100: 14 } as const;

interface Timed {
  name: string;
  start: number;
  end: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

function deployment(i: number, privileged: boolean): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-${i}
  namespace: shop
spec:
  replicas: 2
  selector: {matchLabels: {app: svc-${i}}}
  template:
    metadata:
      labels: {app: svc-${i}}
    spec:
      automountServiceAccountToken: false
      serviceAccountName: svc-${i}
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: app
          image: registry.example.com/svc-${i}:1.${i}.0@sha256:${sha1(String(i)).repeat(2).slice(0, 64)}
          resources: {limits: {cpu: 500m, memory: 256Mi}}
          securityContext:
            allowPrivilegeEscalation: ${privileged ? 'true' : 'false'}
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`;
}

function terraform(i: number): string {
  return `resource "aws_s3_bucket" "logs_${i}" {\n  bucket = "acme-logs-${i}"\n}\n\nresource "aws_s3_bucket_public_access_block" "logs_${i}" {\n  bucket                  = aws_s3_bucket.logs_${i}.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n`;
}

interface PullFixture {
  files: number;
  changed: Array<{ path: string; text: string; patch: string }>;
  tree: Record<string, string>;
  /** The merge base's files: the manifests before the change switched privilege escalation on. */
  base: Record<string, string>;
}

/** A pull request changing `count` files: 60% manifests (a fifth of them adding a finding), 20% Terraform, the rest code. */
function fixture(count: number): PullFixture {
  const changed: PullFixture['changed'] = [];
  const tree: Record<string, string> = {};
  const manifests = Math.round(count * 0.6);
  const tf = Math.round(count * 0.2);
  for (let i = 0; i < count; i++) {
    let path: string;
    let text: string;
    let patch: string;
    if (i < manifests) {
      path = `deploy/svc-${i}.yaml`;
      text = deployment(i, i % 5 === 0);
      patch = `@@ -19,3 +19,3 @@ spec:\n           securityContext:\n-            allowPrivilegeEscalation: false\n+            allowPrivilegeEscalation: ${i % 5 === 0 ? 'true' : 'false'}\n             readOnlyRootFilesystem: true`;
    } else if (i < manifests + tf) {
      path = `infra/bucket-${i}.tf`;
      text = terraform(i);
      patch = `@@ -1,3 +1,3 @@\n resource "aws_s3_bucket" "logs_${i}" {\n-  bucket = "old-${i}"\n+  bucket = "acme-logs-${i}"\n }`;
    } else {
      path = `src/handler-${i}.go`;
      text = `package main\n\nfunc handler${i}() {}\n`;
      patch = `@@ -1,3 +1,3 @@\n package main\n \n-func old${i}() {}\n+func handler${i}() {}`;
    }
    changed.push({ path, text, patch });
    tree[path] = text;
  }
  // Untouched files of the same folders, read for cross-object rules.
  for (let i = 0; i < count / 2; i++) tree[`deploy/base-${i}.yaml`] = deployment(1000 + i, false);
  tree['README.md'] = '# shop\n';
  const base = { ...tree };
  for (let i = 0; i < manifests; i++) base[`deploy/svc-${i}.yaml`] = deployment(i, false);
  return { files: count, changed, tree, base };
}

/** GitHub, mocked: each answer after LATENCY_MS; every request's start and end recorded. */
function mockGitHub(pull: PullFixture, head: string, number: number, log: Timed[]): void {
  const scope = nock(API).persist();
  const timed = (name: string, answer: (body: any, uri: string) => [number, unknown]) =>
    async function (this: unknown, uri: string, body: unknown): Promise<[number, string, Record<string, string>]> {
      const start = performance.now();
      await sleep(LATENCY_MS);
      const [status, data] = answer(typeof body === 'string' && body ? JSON.parse(body) : body, uri);
      log.push({ name, start, end: performance.now() });
      return [status, JSON.stringify(data), { 'content-type': 'application/json; charset=utf-8' }];
    };
  const pullBody = {
    number,
    state: 'open',
    changed_files: pull.files,
    head: { sha: head, repo: { full_name: `${OWNER}/${REPO}` } },
    base: {
      sha: BASE_SHA,
      repo: { name: REPO, owner: { login: OWNER }, default_branch: 'main', html_url: `https://github.com/${OWNER}/${REPO}` },
    },
  };
  scope
    .post(/\/app\/installations\/\d+\/access_tokens/)
    .reply(timed('token', () => [201, { token: 'ghs_bench', expires_at: '2099-01-01T00:00:00Z' }]) as any);
  scope
    .get(new RegExp(`${R}/commits/\\w+/check-runs`))
    .query(true)
    .reply(timed('check runs (list)', () => [200, { total_count: 0, check_runs: [] }]) as any);
  scope.post(`${R}/check-runs`).reply(timed('check run (create)', () => [201, { id: 1 }]) as any);
  scope.patch(`${R}/check-runs/1`).reply(timed('check run (update)', () => [200, { id: 1 }]) as any);
  scope.get(/\/contents\/\.github%2Fbulwark\.yml/).reply(timed('config', () => [404, { message: 'Not Found' }]) as any);
  scope
    .get(`${R}/pulls/${number}/files`)
    .query(true)
    .reply(
      timed('files (page)', (_body, uri) => {
        const page = Number(new URL(uri, API).searchParams.get('page') ?? '1');
        const slice = pull.changed.slice((page - 1) * 100, page * 100);
        return [200, slice.map((f) => ({ filename: f.path, status: 'modified', patch: f.patch, sha: sha1(f.text) }))];
      }) as any,
    );
  scope
    .get(`${R}/git/trees/${head}`)
    .query(true)
    .reply(
      timed('tree', () => [
        200,
        {
          sha: head,
          truncated: false,
          tree: Object.entries(pull.tree).map(([path, text]) => ({
            path,
            type: 'blob',
            mode: '100644',
            sha: sha1(text),
            size: Buffer.byteLength(text),
          })),
        },
      ]) as any,
    );
  scope
    .get(new RegExp(`${R}/compare/${BASE_SHA}\\.\\.\\.${head}`))
    .query(true)
    .reply(timed('merge base (compare)', () => [200, { merge_base_commit: { sha: MERGE_BASE } }]) as any);
  scope
    .post('/graphql', (b: { query: string }) => b.query.includes('BulwarkFileContents'))
    .reply(
      timed('contents (GraphQL)', (body: { variables: Record<string, string> }) => {
        const repository: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(body.variables)) {
          if (!/^p\d+$/.test(key)) continue;
          const files = value.startsWith(`${MERGE_BASE}:`) ? pull.base : pull.tree;
          const text = files[value.slice(value.indexOf(':') + 1)];
          repository[`f${key.slice(1)}`] =
            text === undefined ? null : { oid: sha1(text), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text };
        }
        return [200, { data: { repository } }];
      }) as any,
    );
  scope
    .post('/graphql', (b: { query: string }) => b.query.includes('BulwarkReviewThreads'))
    .reply(
      timed('review threads (GraphQL)', () => [
        200,
        {
          data: {
            viewer: { login: 'bulwark[bot]' },
            repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } },
          },
        },
      ]) as any,
    );
  scope.get(`${R}/pulls/${number}`).reply(timed('pull request (head)', () => [200, pullBody]) as any);
  scope.post(`${R}/pulls/${number}/reviews`).reply(timed('review', () => [200, { id: 1 }]) as any);
}

/** The longest chain of requests each starting after the previous one answered. */
function sequentialRoundTrips(requests: readonly Timed[]): number {
  const sorted = [...requests].sort((a, b) => a.end - b.end);
  const chain = new Map<Timed, number>();
  for (const r of sorted) chain.set(r, 1 + Math.max(0, ...sorted.filter((q) => q.end <= r.start).map((q) => chain.get(q)!)));
  return Math.max(0, ...chain.values());
}

/** Milliseconds during which at least one request was waiting for GitHub. */
function waitingOnGitHub(requests: readonly Timed[]): number {
  const sorted = [...requests].sort((a, b) => a.start - b.start);
  let total = 0;
  let [from, to] = [Number.NaN, Number.NaN];
  for (const r of sorted) {
    if (Number.isNaN(from) || r.start > to) {
      if (!Number.isNaN(from)) total += to - from;
      [from, to] = [r.start, r.end];
    } else to = Math.max(to, r.end);
  }
  return Number.isNaN(from) ? 0 : total + (to - from);
}

interface Result {
  requests: Timed[];
  wallMs: number;
  cpuMs: number;
}

async function reviewOnce(probot: Probot, pull: PullFixture, round: number): Promise<Result> {
  const number = 100 + round;
  const head = sha1(`head-${pull.files}-${round}`);
  const requests: Timed[] = [];
  mockGitHub(pull, head, number, requests);
  const payload = {
    action: 'opened',
    number,
    pull_request: {
      number,
      state: 'open',
      changed_files: pull.files,
      head: { sha: head },
      base: { sha: BASE_SHA, repo: { name: REPO, owner: { login: OWNER }, default_branch: 'main' } },
    },
    repository: {
      id: 1,
      name: REPO,
      full_name: `${OWNER}/${REPO}`,
      owner: { login: OWNER },
      default_branch: 'main',
      html_url: `https://github.com/${OWNER}/${REPO}`,
    },
    installation: { id: 7 },
    sender: { login: 'dev', type: 'User' },
  };
  const cpu = process.cpuUsage();
  const started = performance.now();
  await probot.receive({ id: `bench-${round}`, name: 'pull_request', payload } as any);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  nock.cleanAll();
  return { requests, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

async function main(): Promise<void> {
  nock.disableNetConnect();
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const Octokit = ProbotOctokit.defaults((options: any) => ({ ...options, throttle: { ...options.throttle, enabled: false } }));
  console.log(
    `Bulwark review benchmark: node ${process.version}; every mocked GitHub answer takes ${LATENCY_MS} ms; Probot's pacing off (see below).\n`,
  );

  const rows: string[][] = [
    ['pull request', 'requests', 'before', 'first review', 'round trips', 'wall', 'waiting on GitHub', 'outside GitHub', 'CPU'],
  ];
  const breakdowns: Array<[string, Timed[]]> = [];
  for (const files of [20, 100]) {
    const probot = new Probot({ appId: 1, privateKey, logLevel: 'fatal', Octokit: Octokit as typeof ProbotOctokit });
    await probot.load(createBulwarkApp({ appId: 1, docsUrl: 'https://docs.example/rules' }));
    const pull = fixture(files);
    const results: Result[] = [];
    for (let round = 0; round < ROUNDS; round++) results.push(await reviewOnce(probot, pull, round));
    const first = results[0]!;
    const steady = results.slice(1);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    const last = steady[steady.length - 1]!;
    rows.push([
      `${files} files`,
      String(last.requests.length),
      String(BEFORE[files as 20 | 100]),
      `+${first.requests.length - last.requests.length} (token)`,
      String(sequentialRoundTrips(last.requests)),
      fmt.ms(median(steady.map((r) => r.wallMs))),
      fmt.ms(median(steady.map((r) => waitingOnGitHub(r.requests)))),
      fmt.ms(median(steady.map((r) => r.wallMs - waitingOnGitHub(r.requests)))),
      fmt.ms(median(steady.map((r) => r.cpuMs))),
    ]);
    breakdowns.push([`${files} files`, last.requests]);
  }
  console.log(table(rows));
  for (const [label, requests] of breakdowns) {
    const counts = new Map<string, number>();
    for (const r of requests) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
    const paced = requests.filter((r) => /create|update|GraphQL|review$/.test(r.name)).length;
    console.log(`\n${label}: ${[...counts].map(([name, n]) => `${name} ${n}`).join(', ')}`);
    console.log(
      `  with Probot's pacing, ${paced} writes and GraphQL queries go at least 1 s apart (reviews 3 s): about +${paced - 1} s of waiting GitHub asks for.`,
    );
  }
  console.log(
    '\n"outside GitHub" is wall time minus the time any request was waiting: the scan, planning and rendering, and Probot/Octokit overhead.',
  );
  console.log(
    '"before" is the count before reviews compared the head with the merge base: one comparison (the merge base) is new, and the base\'s',
  );
  console.log("contents share the head's GraphQL queries (100 files each, either commit).");
  await renders();
}

/**
 * Renders per review: `bulwark review` of a branch that changes one file of one overlay, in a repository with
 * two charts and two overlays (examples/helm and examples/kustomize). Only that overlay renders, once at the
 * head and once at the merge base.
 */
async function renders(): Promise<void> {
  const tools = new URL('../.tools/bin/', import.meta.url).pathname;
  if (!existsSync(`${tools}kubectl`) || !existsSync(`${tools}helm`)) {
    console.log('\nRenders per review: skipped (run `node scripts/setup-tools.mjs` for helm and kubectl).');
    return;
  }
  process.env.BULWARK_HELM = `${tools}helm`;
  process.env.BULWARK_KUBECTL = `${tools}kubectl`;
  const repo = mkdtempSync(join(tmpdir(), 'bulwark-bench-renders-'));
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: repo,
        env: {
          ...process.env,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: '/dev/null',
          GIT_AUTHOR_NAME: 'b',
          GIT_AUTHOR_EMAIL: 'b@example.com',
          GIT_COMMITTER_NAME: 'b',
          GIT_COMMITTER_EMAIL: 'b@example.com',
        },
        stdio: 'pipe',
      });
    const examples = new URL('../examples/', import.meta.url).pathname;
    git('init', '--quiet', '--initial-branch=main');
    for (const folder of ['helm', 'kustomize']) cpSync(join(examples, folder), join(repo, folder), { recursive: true });
    git('add', '--all');
    git('commit', '--quiet', '-m', 'base');
    git('checkout', '--quiet', '-b', 'change');
    const patch = join(repo, 'kustomize/overlays/insecure/debug.yaml');
    writeFileSync(patch, readFileSync(patch, 'utf8').replace(/\n$/, '\n# reviewed\n'));
    git('commit', '--quiet', '-am', 'touch one overlay file');
    const started = performance.now();
    const { report } = await runLocalReview({ cwd: repo, base: 'main', head: 'change', format: 'json', configPath: undefined });
    const result = JSON.parse(report) as { renders: { head: number; base: number } };
    console.log(
      `\nRenders per review (two charts, two overlays; one file of one overlay changed): ${result.renders.head} at the head, ${result.renders.base} at the merge base (${fmt.ms(performance.now() - started)}).`,
    );
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

await main();
