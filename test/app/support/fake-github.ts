import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { operationName } from './graphql-schema.js';
import { pullRequest } from './payloads.js';

/**
 * GitHub on 127.0.0.1, for App processes the test starts (nock cannot reach into them): the endpoints a review
 * uses, with state (check runs, reviews), every request recorded, and holds that keep a review mid-way until
 * the test lets it go (to kill or stop a worker while it reviews).
 */

export interface CheckRunState {
  id: number;
  repo: string;
  head_sha: string;
  name: string;
  external_id: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; annotations_count: number };
}

export interface RecordedRequest {
  method: string;
  path: string;
  at: number;
  /** The installation's token it carried, if any. */
  token: string | undefined;
}

/** A Deployment with a privileged container: a finding on a changed line. */
export const PRIVILEGED = `apiVersion: apps/v1
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
      containers:
        - name: app
          image: registry.example.com/web:1.0
          securityContext:
            privileged: true
`;
/** The commit every pull request here branched from. */
const MERGE_BASE = 'b'.repeat(40);
const PATCH = `@@ -0,0 +1,${PRIVILEGED.trimEnd().split('\n').length} @@\n${PRIVILEGED.trimEnd()
  .split('\n')
  .map((l) => `+${l}`)
  .join('\n')}`;

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly runs: CheckRunState[] = [];
  /** Requests no route answered: a review asked for something this fake does not know. */
  readonly unrouted: string[] = [];
  /** Reviews posted, by `owner/repo#number`. */
  readonly reviews: Array<{ pull: string; commit: string; comments: number }> = [];
  /** The head commit of each pull request (`owner/repo#number`); unknown pulls are at the sha asked for. */
  readonly heads = new Map<string, string>();
  /** Requests whose path contains a key wait until the hold is released. */
  private readonly holds = new Map<string, { promise: Promise<void>; release: () => void }>();
  private server: Server | undefined;
  /** Every answer waits this long (GitHub's latency). */
  latencyMs = 0;
  /** The text of deploy/web.yaml, the file every pull request here adds. */
  web = PRIVILEGED;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    for (const key of [...this.holds.keys()]) this.release(key);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  hold(pathPart: string): void {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    this.holds.set(pathPart, { promise, release });
  }

  release(pathPart: string): void {
    this.holds.get(pathPart)?.release();
    this.holds.delete(pathPart);
  }

  reset(): void {
    this.requests.length = 0;
    this.runs.length = 0;
    this.reviews.length = 0;
    this.heads.clear();
  }

  count(method: string, pattern: RegExp): number {
    return this.requests.filter((r) => r.method === method && pattern.test(r.path)).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, any>) : {};
    const path = req.url ?? '';
    const method = req.method ?? 'GET';
    const auth = req.headers.authorization;
    this.requests.push({ method, path, at: Date.now(), token: auth?.startsWith('token ') ? auth.slice(6) : undefined });
    for (const [part, hold] of this.holds) if (path.includes(part)) await hold.promise;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const [status, answer] = this.answer(method, path.split('?')[0]!, body);
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer));
  }

  private answer(method: string, path: string, body: Record<string, any>): [number, unknown] {
    let m: RegExpMatchArray | null;
    if (method === 'POST' && (m = path.match(/^\/app\/installations\/(\d+)\/access_tokens$/))) {
      return [201, { token: `token-${m[1]}`, expires_at: '2099-01-01T00:00:00Z', permissions: {}, repository_selection: 'all' }];
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/commits\/([0-9a-f]{40})\/check-runs$/))) {
      const runs = this.runs.filter((r) => r.repo === m![1] && r.head_sha === m![2]).reverse();
      return [200, { total_count: runs.length, check_runs: runs }];
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/check-runs$/))) {
      const run: CheckRunState = {
        id: this.runs.length + 1,
        repo: m[1]!,
        head_sha: body.head_sha,
        name: body.name,
        external_id: body.external_id ?? '',
        status: body.status ?? 'queued',
        conclusion: body.conclusion ?? null,
        output: { title: body.output?.title, annotations_count: body.output?.annotations?.length ?? 0 },
      };
      this.runs.push(run);
      return [201, run];
    }
    if ((m = path.match(/^\/repos\/([^/]+\/[^/]+)\/check-runs\/(\d+)$/))) {
      const run = this.runs.find((r) => r.id === Number(m![2]));
      if (!run) return [404, { message: 'Not Found' }];
      if (method === 'PATCH') {
        if (body.status) run.status = body.status;
        if (body.conclusion) run.conclusion = body.conclusion;
        if (body.output?.title) run.output.title = body.output.title;
        run.output.annotations_count += body.output?.annotations?.length ?? 0;
      }
      return [200, run];
    }
    if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/contents\//.test(path)) return [404, { message: 'Not Found' }];
    if (method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/compare\/[0-9a-f]{40}\.\.\.[0-9a-f]{40}$/.test(path)) {
      return [200, { merge_base_commit: { sha: MERGE_BASE }, commits: [], files: [] }];
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)\/files$/))) {
      return [
        200,
        [{ sha: sha1(this.web), filename: 'deploy/web.yaml', status: 'added', additions: 16, deletions: 0, changes: 16, patch: PATCH }],
      ];
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/git\/trees\/([0-9a-f]{40})$/))) {
      return [
        200,
        {
          sha: m[2],
          truncated: false,
          tree: [{ path: 'deploy/web.yaml', mode: '100644', type: 'blob', sha: sha1(this.web), size: Buffer.byteLength(this.web) }],
        },
      ];
    }
    if (method === 'GET' && (m = path.match(/^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)$/))) {
      const key = `${m[1]}/${m[2]}#${m[3]}`;
      const pull = pullRequest({ head: this.heads.get(key) ?? '0'.repeat(40), number: Number(m[3]), changedFiles: 1 });
      return [200, pull];
    }
    if (method === 'POST' && (m = path.match(/^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)\/reviews$/))) {
      this.reviews.push({ pull: `${m[1]}#${m[2]}`, commit: body.commit_id, comments: body.comments?.length ?? 0 });
      return [200, { id: this.reviews.length }];
    }
    if (method === 'POST' && path === '/graphql') return [200, this.graphql(body)];
    this.unrouted.push(`${method} ${path}`);
    return [404, { message: `fake GitHub: no route for ${method} ${path}` }];
  }

  private graphql(body: Record<string, any>): unknown {
    const operation = operationName(body.query ?? '');
    const variables = (body.variables ?? {}) as Record<string, unknown>;
    if (operation === 'BulwarkFileContents') {
      const repository: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(variables)) {
        if (!/^p\d+$/.test(key)) continue;
        const [sha, path] = [String(value).slice(0, 40), String(value).slice(41)];
        // The pull request adds the file: the merge base does not have it.
        const text = this.web;
        repository[`f${key.slice(1)}`] =
          path === 'deploy/web.yaml' && sha !== MERGE_BASE
            ? { oid: sha1(text), byteSize: Buffer.byteLength(text), isBinary: false, isTruncated: false, text }
            : null;
      }
      return { data: { repository } };
    }
    if (operation === 'BulwarkReviewThreads') {
      return {
        data: {
          viewer: { login: 'bulwark[bot]' },
          repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } },
        },
      };
    }
    this.unrouted.push(`GRAPHQL ${operation}`);
    return { errors: [{ message: `fake GitHub: no operation ${operation}` }] };
  }
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
