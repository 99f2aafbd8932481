import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { Probot } from 'probot';
import { createBulwarkApp } from '../../src/entries/app/main.js';
import { jobIdOf, type Job } from '../../src/adapters/queue/job.js';
import type { ReviewQueue } from '../../src/adapters/queue/queue.js';
import { FakeGitHub } from './support/fake-github.js';
import { pullRequestEvent, type EmitterWebhookEvent } from './support/payloads.js';
import { AppProcess, until } from './support/processes.js';
import { TEST_SETTINGS } from './support/probot.js';
import { freePort, RedisServer } from './support/redis-server.js';

/**
 * The queue on a real Redis with two worker processes: duplicate deliveries to two intake instances, a burst
 * from one installation, SIGTERM mid-review, kill -9 mid-review, Redis lost and back, Redis absent at start.
 */

const TIMEOUT = 120_000;
const OWNER_REPO = 'Codertocat/Hello-World';
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const redis = new RedisServer();
const github = new FakeGitHub();
const workers: AppProcess[] = [];
const intakes: Array<{ probot: Probot; queue: ReviewQueue; stop: () => Promise<void> }> = [];

const sha = (n: number) => n.toString(16).padStart(40, 'c');

function workerProcess(): AppProcess {
  return new AppProcess({
    PRIVATE_KEY: privateKey,
    GITHUB_URL: github.url,
    REDIS_URL: redis.url,
    BULWARK_ROLE: 'worker',
    BULWARK_CONCURRENCY: '1',
    BULWARK_LOCK_SECONDS: '2',
    BULWARK_RETRY_SECONDS: '0.2',
    BULWARK_SHUTDOWN_GRACE_SECONDS: '30',
    LOG_LEVEL: 'info',
  });
}

type Intake = { probot: Probot; queue: ReviewQueue; stop: () => Promise<void> };

async function intake(): Promise<Intake> {
  const probot = new Probot({ appId: 123, privateKey, log: pino({ level: 'silent' }), baseUrl: github.url });
  let parts: { queue: ReviewQueue; stop: (graceMs?: number) => Promise<void> } | undefined;
  await probot.load(
    createBulwarkApp({
      appId: 123,
      settings: { ...TEST_SETTINGS, role: 'intake', redisUrl: redis.url },
      handleSignals: false,
      exit: () => undefined,
      onReady: (p) => (parts = p),
    }),
  );
  const instance = { probot, queue: parts!.queue, stop: () => parts!.stop(1_000) };
  intakes.push(instance);
  return instance;
}

/** A pull request event of `installation`, its head recorded in the fake GitHub. */
function opened(number: number, installation = 1, action: 'opened' | 'ready_for_review' = 'opened'): EmitterWebhookEvent {
  github.heads.set(`${OWNER_REPO}#${number}`, sha(number));
  const event = pullRequestEvent(action, { head: sha(number), number, changedFiles: 1 });
  (event.payload as any).installation = { id: installation, node_id: `I_${installation}` };
  return event;
}

const runsOf = (number: number) => github.runs.filter((r) => r.head_sha === sha(number));
const reviewsOf = (number: number) => github.reviews.filter((r) => r.pull === `${OWNER_REPO}#${number}`);
const completed = (number: number) => runsOf(number).length > 0 && runsOf(number).every((r) => r.status === 'completed');
/** The worker whose log says it started reviewing pull request `number`. */
const reviewerOf = (number: number) =>
  workers.find((w) => w.lines.some((l) => l.includes('"msg":"reviewing"') && l.includes(`#${number}"`)));

beforeAll(async () => {
  await redis.start();
  await github.start();
  workers.push(workerProcess(), workerProcess());
  await Promise.all(workers.map((w) => w.waitFor((l) => l.includes('"msg":"Bulwark started"'), 60_000)));
  await intake();
  await intake();
}, TIMEOUT);

afterAll(async () => {
  for (const i of intakes) await i.stop().catch(() => undefined);
  await Promise.all(workers.map((w) => w.stop()));
  await github.stop();
  await redis.stop();
}, TIMEOUT);

describe('BullMQ on Redis, two worker processes', () => {
  test(
    'one review per head sha: the same delivery to two intake instances, and another event for the commit',
    async () => {
      const [a, b] = intakes as [Intake, Intake];
      github.hold('/pulls/11/files');
      const event = opened(11);
      await a.probot.receive(event);
      await b.probot.receive(event);
      await a.probot.receive(opened(11, 1, 'ready_for_review'));
      github.release('/pulls/11/files');
      await until(() => completed(11), 60_000, 'the review of #11');
      await a.queue.idle();
      expect(runsOf(11)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure', external_id: '11' })]);
      expect(reviewsOf(11)).toEqual([{ pull: `${OWNER_REPO}#11`, commit: sha(11), comments: expect.any(Number) }]);
      expect(reviewsOf(11)[0]!.comments).toBeGreaterThan(0);
      expect(workers.flatMap((w) => w.lines).filter((l) => l.includes('"msg":"reviewing"') && l.includes('#11"'))).toHaveLength(1);
      expect(github.unrouted).toEqual([]);
      expect(github.count('GET', /\/compare\//)).toBe(1);
    },
    TIMEOUT,
  );

  test(
    "a burst from one installation does not starve another: its first review comes before the burst's third",
    async () => {
      const [a] = intakes;
      for (let n = 21; n <= 26; n++) github.hold(`/pulls/${n}/files`);
      for (let n = 21; n <= 26; n++) await a!.probot.receive(opened(n, 1));
      await a!.probot.receive(opened(31, 2));
      await until(() => runsOf(21).length + runsOf(22).length === 2, 60_000, 'the first two reviews to start');
      for (let n = 21; n <= 26; n++) github.release(`/pulls/${n}/files`);
      await until(() => [21, 22, 23, 24, 25, 26, 31].every(completed), 90_000, 'the burst to be reviewed');
      // The order reviews started in, across both workers (log time): the two that were held, then the next two.
      const started = workers
        .flatMap((w) => w.lines.filter((l) => l.includes('"msg":"reviewing"')).map((l) => JSON.parse(l) as { pull: string; time: number }))
        .filter((l) => /#(2[1-6]|31)$/.test(l.pull))
        .sort((x, y) => x.time - y.time)
        .map((l) => Number(l.pull.split('#')[1]));
      expect(started).toHaveLength(7);
      expect(started.slice(0, 2).sort()).toEqual([21, 22]);
      // Without turns, installation 2's review would be the 7th; as it is, one of the first two after the held ones.
      expect(started.slice(2, 4)).toContain(31);
      // Installation 2's review used installation 2's token.
      expect(github.requests.filter((r) => r.path.includes('/pulls/31/files')).map((r) => r.token)).toEqual(['token-2']);
    },
    TIMEOUT,
  );

  test(
    'intake in one script: a delivery seen before adds nothing, an event for a waiting or running commit joins it, a new head is recorded, an installation counts its pending jobs',
    async () => {
      const [a] = intakes;
      const job = (number: number, delivery: string): Job => {
        github.heads.set(`${OWNER_REPO}#${number}`, sha(number));
        const target = { owner: 'Codertocat', repo: 'Hello-World', number, headSha: sha(number), defaultBranch: 'master', changedFiles: 1 };
        return {
          kind: 'review',
          installationId: 7,
          delivery,
          reason: 'pull_request.opened',
          repositoryUrl: `https://github.com/${OWNER_REPO}`,
          target,
        };
      };
      const priorityOf = async (number: number) => {
        const client = new Redis(redis.url);
        const priority = await client.hget(`bulwark:reviews:${jobIdOf(job(number, 'x'))}`, 'priority');
        client.disconnect();
        return priority;
      };
      github.hold('/pulls/71/files');
      github.hold('/pulls/72/files');
      expect(await a!.queue.submit(job(71, 'd-71a'), { delivery: 'd-71a', newHead: true })).toBe('queued');
      expect(await a!.queue.submit(job(71, 'd-71a'), { delivery: 'd-71a', newHead: true })).toBe('duplicate-delivery');
      expect(await a!.queue.submit(job(71, 'd-71b'), { delivery: 'd-71b' })).toBe('joined');
      expect(await a!.queue.submit(job(72, 'd-72a'), { delivery: 'd-72a', newHead: true })).toBe('queued');
      expect(await a!.queue.latestHead('codertocat/hello-world#71')).toBe(sha(71));
      expect(await a!.queue.latestHead('codertocat/hello-world#72')).toBe(sha(72));
      // Installation 7's second pending job waits behind every installation's first.
      expect(await priorityOf(72)).toBe('2');
      github.release('/pulls/71/files');
      github.release('/pulls/72/files');
      await until(() => completed(71) && completed(72), 60_000, 'the reviews of #71 and #72');
      await a!.queue.idle();
      // Done and gone: a new delivery for the commit queues it again, first of its installation again.
      expect(await a!.queue.submit(job(71, 'd-71c'), { delivery: 'd-71c' })).toBe('queued');
      expect(await priorityOf(71)).toBe('1');
      await until(() => runsOf(71).length === 2 && completed(71), 60_000, 'the second review of #71');
      await a!.queue.idle();
    },
    TIMEOUT,
  );

  test(
    'SIGTERM mid-review: the worker takes no new job, finishes the running review, and exits 0',
    async () => {
      const [a] = intakes;
      github.hold('/pulls/51/files');
      await a!.probot.receive(opened(51));
      await until(() => runsOf(51).length === 1 && reviewerOf(51) !== undefined, 60_000, 'the review of #51 to start');
      const stopping = reviewerOf(51)!;
      const other = workers.find((w) => w !== stopping)!;
      stopping.signal('SIGTERM');
      await stopping.waitFor((l) => l.includes('stopping: no new jobs'));
      await a!.probot.receive(opened(52));
      await until(() => completed(52), 60_000, 'the review of #52 by the other worker');
      expect(reviewerOf(52)).toBe(other);
      expect(runsOf(51)[0]!.status).toBe('in_progress');
      github.release('/pulls/51/files');
      expect(await stopping.exited).toBe(0);
      expect(runsOf(51)).toEqual([expect.objectContaining({ status: 'completed', conclusion: 'failure' })]);
      expect(reviewsOf(51)).toHaveLength(1);
      expect(stopping.lines.some((l) => l.includes('"msg":"review published"') && l.includes('#51"'))).toBe(true);
      workers.splice(workers.indexOf(stopping), 1, workerProcess());
      await workers.at(-1)!.waitFor((l) => l.includes('"msg":"Bulwark started"'), 60_000);
    },
    TIMEOUT,
  );

  test(
    'kill -9 mid-review: the other worker takes the job over and completes the same check run; nothing is posted twice',
    async () => {
      const [a] = intakes;
      github.hold('/pulls/41/files');
      await a!.probot.receive(opened(41));
      await until(() => runsOf(41).length === 1 && reviewerOf(41) !== undefined, 60_000, 'the review of #41 to start');
      const victim = reviewerOf(41)!;
      const survivor = workers.find((w) => w !== victim)!;
      victim.signal('SIGKILL');
      await victim.exited;
      github.release('/pulls/41/files');
      await until(() => completed(41), 60_000, 'the review of #41 to be taken over');
      expect(runsOf(41)).toEqual([expect.objectContaining({ id: runsOf(41)[0]!.id, status: 'completed', conclusion: 'failure' })]);
      expect(reviewsOf(41)).toHaveLength(1);
      await survivor.waitFor((l) => l.includes('"msg":"review published"') && l.includes('#41"'), 10_000);
      expect(
        survivor.lines.filter(
          (l) => l.includes('"msg":"a worker stopped holding this job (killed?); another takes it over"') && l.includes('#41@'),
        ),
      ).toHaveLength(1);
      workers.splice(workers.indexOf(victim), 1);
    },
    TIMEOUT,
  );

  test(
    'Redis lost: intake answers 503; Redis back: the worker reconnects and reviews',
    async () => {
      const [a] = intakes;
      await redis.stop();
      const failure = await a!.probot.receive(opened(61)).then(
        () => undefined,
        (error: AggregateError) => error,
      );
      expect(failure?.errors.map((e: any) => e.status)).toEqual([503]);
      await redis.start(redis.port);
      await until(async () => (await a!.queue.unready()) === undefined, 30_000, 'intake to reconnect');
      await a!.probot.receive(opened(62));
      await until(() => completed(62), 60_000, 'the review of #62 after Redis came back');
      expect(reviewsOf(62)).toHaveLength(1);
    },
    TIMEOUT,
  );

  test(
    'Redis unreachable at start: the App says so and exits non-zero',
    async () => {
      const port = await freePort();
      const app = new AppProcess({
        PRIVATE_KEY: privateKey,
        GITHUB_URL: github.url,
        REDIS_URL: `redis://127.0.0.1:${port}`,
        BULWARK_ROLE: 'both',
      });
      expect(await app.exited).toBe(1);
      expect(app.lines.some((l) => l.includes(`Bulwark cannot start: Redis at redis://127.0.0.1:${port} is unreachable`))).toBe(true);
    },
    TIMEOUT,
  );
});
