import { createServer, type Server } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { operationsHandler } from '../../src/adapters/queue/endpoints.js';
import { QueueUnavailable } from '../../src/adapters/queue/queue.js';
import { GitHubMock } from './support/github-mock.js';
import { pullRequestEvent } from './support/payloads.js';
import { NOW, startApp } from './support/probot.js';
import * as F from './fixtures.js';
import { NEXT, R, RUN, SHA, PRINTS } from './fixtures.js';

const TIMEOUT = 30_000;

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

const N = {
  token: 'POST /app/installations/1/access_tokens',
  runs: (sha: string) => `GET ${R}/commits/${sha}/check-runs`,
  create: `POST ${R}/check-runs`,
  update: `PATCH ${R}/check-runs/${RUN}`,
  getRun: `GET ${R}/check-runs/${RUN}`,
  review: `POST ${R}/pulls/2/reviews`,
};

/** Every request of a review of `sha` before the scan, except the check run's. */
function reads(gh: GitHubMock, sha = SHA, files = F.FILES, patch = F.WEB_PATCH): void {
  F.noConfig(gh);
  F.files(gh, [F.listedFile('deploy/web.yaml', patch), F.listedFile('README.md', '@@ -1 +1 @@\n-# old\n+# shop')]);
  F.tree(gh, sha, files);
  F.blobs(gh, sha, files);
}

const POSTED = [
  { id: 'T1', fingerprint: PRINTS.capabilities },
  { id: 'T2', fingerprint: PRINTS.escalation },
  { id: 'T3', fingerprint: PRINTS.privileged },
];
const IN_PROGRESS = { id: RUN, status: 'in_progress', external_id: '2', output: { annotations_count: 0 } };

describe('intake', () => {
  test(
    'the handler queues the review and returns before any GitHub request; the worker then reviews',
    async () => {
      const { probot, queue, receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      reads(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh);
      F.updateRun(gh);
      queue.pause();
      await probot.receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      expect(gh.count()).toBe(0);
      expect(await queue.depth()).toEqual({ waiting: 1, active: 0, delayed: 0, oldestWaitingSeconds: expect.any(Number) });
      queue.resume();
      await receive(pullRequestEvent('ready_for_review', { head: SHA, changedFiles: 2 }));
      gh.verify();
      expect(gh.count(N.create)).toBe(1);
      expect(gh.count(N.review)).toBe(1);
    },
    TIMEOUT,
  );

  test(
    'the same delivery twice (a redelivery, or two instances) makes one review',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      reads(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh);
      F.updateRun(gh);
      const event = pullRequestEvent('opened', { head: SHA, changedFiles: 2 });
      await receive(event);
      await receive(event);
      gh.verify();
      expect(gh.count(N.create)).toBe(1);
      expect(gh.count(N.review)).toBe(1);
      expect(gh.count()).toBe(13);
    },
    TIMEOUT,
  );

  test(
    'a newer head supersedes the queued review of the older one: only the newer is reviewed',
    async () => {
      const { probot, queue, logs } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA); // the older head: is there a run to close? none
      F.checkRuns(gh, NEXT);
      F.createRun(gh);
      reads(gh, NEXT, F.NEXT_FILES, F.NEXT_PATCH);
      F.threads(gh);
      F.pull(gh, NEXT);
      F.review(gh);
      F.updateRun(gh);
      queue.pause();
      await probot.receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      await probot.receive(pullRequestEvent('synchronize', { head: NEXT, before: SHA, changedFiles: 2 }));
      queue.resume();
      await queue.idle();
      gh.verify();
      expect(gh.bodies(N.create)).toEqual([expect.objectContaining({ head_sha: NEXT })]);
      expect(gh.count(N.review)).toBe(1);
      expect(logs.filter((l) => l.includes('superseded by a newer head before its review started'))).toHaveLength(1);
    },
    TIMEOUT,
  );

  test(
    'when the queue cannot take the job, the delivery fails with 503 so GitHub shows it',
    async () => {
      const { probot, queue } = await startApp();
      queue.submit = async () => {
        throw new QueueUnavailable('Redis is away');
      };
      const failure = await probot.receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 })).then(
        () => undefined,
        (error: AggregateError) => error,
      );
      expect(failure?.errors.map((e: any) => [e.status, e.message])).toEqual([[503, 'Redis is away']]);
    },
    TIMEOUT,
  );
});

describe('the check always ends', () => {
  test(
    'three 502s on creating the check: the job is retried, and the next attempt creates and completes it once',
    async () => {
      const { receive, sleeps } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      const badGateway = { status: 502, body: { message: 'Bad Gateway' } };
      for (let i = 0; i < 3; i++) F.checkRuns(gh, SHA); // before creating, and after each of the first two 502s
      for (let i = 0; i < 3; i++) F.createRun(gh, badGateway);
      // Read ahead by the first attempt while it starts the check.
      F.noConfig(gh);
      F.files(gh, [F.listedFile('deploy/web.yaml', F.WEB_PATCH), F.listedFile('README.md', '@@ -1 +1 @@\n-# old\n+# shop')]);
      F.tree(gh, SHA, F.FILES);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      reads(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();
      expect(gh.requests.filter((r) => r.name === N.create).map((r) => r.status)).toEqual([502, 502, 502, 201]);
      expect(sleeps).toEqual([1_000, 4_000]);
      expect(gh.bodies(N.update)).toEqual([
        expect.objectContaining({ status: 'completed', conclusion: 'failure', completed_at: NOW.toISOString() }),
      ]);
      expect(gh.count(N.review)).toBe(1);
    },
    TIMEOUT,
  );

  test(
    'GitHub keeps failing the check update: the run is left in progress for the next attempt, which takes it over and completes it',
    async () => {
      const { receive } = await startApp();
      const gh = new GitHubMock();
      const serverError = { status: 500, body: { message: 'Server Error' } };
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      reads(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh);
      F.updateRun(gh, serverError, 3);
      gh.rest('GET', `${R}/check-runs/${RUN}`, { body: IN_PROGRESS }, 2);
      // The second attempt.
      F.checkRuns(gh, SHA, [IN_PROGRESS]);
      F.updateRun(gh); // back in progress, taken over
      reads(gh);
      F.threads(gh, POSTED);
      F.pull(gh, SHA);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();
      expect(gh.count(N.create)).toBe(1);
      expect(gh.count(N.review)).toBe(1);
      const updates = gh.requests.filter((r) => r.name === N.update);
      expect(updates.map((r) => [r.status, (r.body as any).status])).toEqual([
        [500, 'completed'],
        [500, 'completed'],
        [500, 'completed'],
        [200, 'in_progress'],
        [200, 'completed'],
      ]);
      expect((updates[4]!.body as any).conclusion).toBe('failure'); // the findings' verdict, not an error
      expect((updates[4]!.body as any).output.title).not.toBe('Bulwark could not finish the review');
    },
    TIMEOUT,
  );

  test(
    'on the last attempt the check is marked failed with the reason',
    async () => {
      const { receive } = await startApp({ attempts: 1 });
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      reads(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh);
      F.updateRun(gh, { status: 500, body: { message: 'Server Error' } }, 3);
      gh.rest('GET', `${R}/check-runs/${RUN}`, { body: IN_PROGRESS }, 2);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();
      const last = gh.bodies(N.update).at(-1) as any;
      expect(last).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: 'Bulwark could not finish the review' } });
      expect(last.output.summary).toContain('Server Error');
    },
    TIMEOUT,
  );
});

describe('bad jobs', () => {
  test(
    'an invalid payload fails at once with a log line, and is never retried',
    async () => {
      const { queue, logs } = await startApp({ attempts: 5 });
      const gh = new GitHubMock();
      await queue.submit({
        kind: 'review',
        installationId: 1,
        delivery: 'bad',
        reason: 'x',
        repositoryUrl: 'https://github.com/a/b',
        target: { owner: 'a', repo: 'b', number: -1, headSha: 'nope', defaultBranch: 'main' },
      } as any);
      await queue.idle();
      gh.verify();
      expect(gh.count()).toBe(0);
      const invalid = logs.filter((l) => l.includes('"msg":"invalid job payload; failed without retrying"'));
      expect(invalid).toHaveLength(1);
      expect(JSON.parse(invalid[0]!).problems).toEqual([
        'target.number: Too small: expected number to be >0',
        'target.headSha: Invalid string: must match pattern /^[0-9a-f]{40}$/i',
      ]);
      expect(logs.filter((l) => l.includes('job failed for good'))).toHaveLength(1);
    },
    TIMEOUT,
  );
});

describe('operations endpoints', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  test(
    'health, readiness and metrics; readiness fails when a job waits too long',
    async () => {
      nock.enableNetConnect('127.0.0.1');
      const { queue, metrics, receive } = await startApp();
      const gh = new GitHubMock();
      F.token(gh);
      F.checkRuns(gh, SHA);
      F.createRun(gh);
      reads(gh);
      F.threads(gh);
      F.pull(gh, SHA);
      F.review(gh);
      F.updateRun(gh);
      await receive(pullRequestEvent('opened', { head: SHA, changedFiles: 2 }));
      gh.verify();

      let stalledSeconds = 60;
      const handler = operationsHandler(queue, metrics, 'both', 0);
      server = createServer(async (req, res) => {
        const h = stalledSeconds === 60 ? operationsHandler(queue, metrics, 'both', 60) : handler;
        if (!(await h(req, res))) res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      const get = async (path: string) => {
        const response = await fetch(`http://127.0.0.1:${port}${path}`);
        return { status: response.status, text: await response.text() };
      };

      expect(await get('/health')).toEqual({ status: 200, text: '{"status":"ok"}\n' });
      const ready = await get('/ready');
      expect(ready.status).toBe(200);
      expect(JSON.parse(ready.text)).toEqual({
        status: 'ready',
        role: 'both',
        queue: 'embedded',
        depth: { waiting: 0, active: 0, delayed: 0, oldestWaitingSeconds: 0 },
      });
      const text = (await get('/metrics')).text;
      expect(text).toContain('bulwark_queue_jobs{state="waiting"} 0');
      expect(text).toContain('bulwark_review_duration_seconds_count{outcome="published"} 1');
      expect(text).toContain('bulwark_webhooks_total{event="pull_request.opened",result="queued"} 1');
      expect(text).toContain('bulwark_github_requests_total{method="POST",status="201"} 2');
      expect(text).toContain('bulwark_jobs_total{kind="review",result="done"} 1');
      expect((await get('/elsewhere')).status).toBe(404);

      stalledSeconds = 0;
      queue.pause();
      await queue.submit({
        kind: 'review',
        installationId: 1,
        delivery: 'late',
        reason: 'x',
        repositoryUrl: 'https://github.com/a/b',
        target: { owner: 'a', repo: 'b', number: 1, headSha: SHA, defaultBranch: 'main' },
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const stalled = await get('/ready');
      expect(stalled.status).toBe(503);
      expect(JSON.parse(stalled.text)).toMatchObject({
        status: 'unready',
        reason: expect.stringMatching(/^stalled: a job has waited \d+ s for a worker$/),
      });
      nock.disableNetConnect();
    },
    TIMEOUT,
  );
});
