/**
 * `npm run bench:intake`: how fast the App answers webhooks, and how many reviews its workers finish.
 *
 *   - intake latency: 200 signed `pull_request.opened` deliveries sent at once over HTTP to Probot's webhook
 *     route from another process; p50/p99 of the time to the answer (target: p99 under 200 ms), and 50 sent
 *     one at a time (the cost of one delivery). Once with the embedded queue in one
 *     process that also reviews (`npm start` alone), once as an intake process in front of Redis.
 *   - review throughput: 40 pull requests reviewed by 1, then 2, worker processes (BullMQ on Redis), against a
 *     fake GitHub on 127.0.0.1 that answers each request after 40 ms; reviews per second, start to last check
 *     completed. Probot's pacing of writes is off (it is GitHub's rule, not Bulwark's cost).
 *
 * The Redis part needs Debian's `redis-server` on PATH; without it that part says so and is skipped.
 */
import { generateKeyPairSync, createHmac } from 'node:crypto';
import { execFile, execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createServer, type Server } from 'node:http';
import Bottleneck from 'bottleneck';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { createBulwarkApp } from '../src/entries/app/main.js';
import type { ReviewQueue } from '../src/adapters/queue/queue.js';
import type { QueueSettings } from '../src/adapters/queue/settings.js';
import { FakeGitHub } from '../test/app/support/fake-github.js';
import { pullRequestEvent } from '../test/app/support/payloads.js';
import { AppProcess } from '../test/app/support/processes.js';
import { RedisServer } from '../test/app/support/redis-server.js';
import { fmt, table } from './report.js';

const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL('./webhook-client.mjs', import.meta.url));
const DELIVERIES = 200;
const REVIEWS = 40;
const LATENCY_MS = 40;
const SECRET = 'bench-secret';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const sha = (n: number) => n.toString(16).padStart(40, 'd');

const SETTINGS: QueueSettings = {
  role: 'both',
  redisUrl: undefined,
  concurrency: 2,
  perInstallation: 1,
  attempts: 3,
  retrySeconds: 1,
  graceSeconds: 5,
  stalledSeconds: 900,
  lockSeconds: 30,
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const fast = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
const Octokit = ProbotOctokit.defaults((options: any) => ({
  ...options,
  throttle: { ...options.throttle, write: fast(), notifications: fast(), retryAfterBaseValue: 1, fallbackSecondaryRateRetryAfter: 0 },
}));

/** Probot's webhook route on 127.0.0.1, with Bulwark loaded with `settings`. */
async function webhookServer(github: FakeGitHub, settings: QueueSettings): Promise<{ url: string; server: Server; queue: ReviewQueue; stop: () => Promise<void> }> {
  const probot = new Probot({ appId: 123, privateKey, secret: SECRET, baseUrl: github.url, log: pino({ level: 'silent' }), Octokit: Octokit as typeof ProbotOctokit });
  let parts: { queue: ReviewQueue; stop: (graceMs?: number) => Promise<void> } | undefined;
  await probot.load(createBulwarkApp({ appId: 123, settings, handleSignals: false, exit: () => undefined, onReady: (p) => (parts = p) }));
  const middleware = await probot.getNodeMiddleware();
  const server = createServer((req, res) => void middleware(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/github/webhooks`;
  return { url, server, queue: parts!.queue, stop: () => parts!.stop(5_000) };
}

/**
 * Sends DELIVERIES signed deliveries at once (or 50, one at a time) from a separate process (webhook-client.mjs);
 * the answer times in ms, sorted, and the statuses seen.
 */
async function burst(url: string, github: FakeGitHub, offset: number, concurrency = DELIVERIES): Promise<{ times: number[]; statuses: Map<number, number> }> {
  const deliveries = Array.from({ length: concurrency === 1 ? 50 : DELIVERIES }, (_, i) => {
    const number = offset + i;
    github.heads.set(`Codertocat/Hello-World#${number}`, sha(number));
    const event = pullRequestEvent('opened', { head: sha(number), number, changedFiles: 1 });
    (event.payload as any).installation = { id: 1 + (i % 10), node_id: 'I' };
    const body = JSON.stringify(event.payload);
    const headers = {
      'content-type': 'application/json',
      'x-github-event': 'pull_request',
      'x-github-delivery': `${event.id}-${offset}`,
      'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
    };
    return { headers, body };
  });
  const file = join(tmpdir(), `bulwark-intake-${process.pid}.json`);
  writeFileSync(file, JSON.stringify({ url, deliveries }));
  const { stdout } = await run(process.execPath, [CLIENT, file, concurrency === 1 ? 'one' : 'all'], { maxBuffer: 16 * 1024 * 1024 });
  rmSync(file, { force: true });
  const result = JSON.parse(stdout) as { times: number[]; statuses: Record<string, number> };
  return { times: result.times, statuses: new Map(Object.entries(result.statuses).map(([s, n]) => [Number(s), n])) };
}

function hasRedis(): boolean {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const github = new FakeGitHub();
await github.start();
github.latencyMs = LATENCY_MS;
const rows: string[][] = [['intake', 'deliveries', 'answers', 'p50', 'p99', 'max']];
const row = (name: string, r: { times: number[]; statuses: Map<number, number> }) =>
  rows.push([name, String(r.times.length), [...r.statuses].map(([s, n]) => `${n}x${s}`).join(' '), fmt.ms(percentile(r.times, 50)), fmt.ms(percentile(r.times, 99)), fmt.ms(r.times.at(-1)!)]);

{
  // What this machine gives any Node HTTP server: the floor under the App's figures.
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok\n'));
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(bare.address() as { port: number }).port}/`;
  await burst(url, github, 600_000);
  row('bare Node HTTP server (baseline), one at a time', await burst(url, github, 700_000, 1));
  row('bare Node HTTP server (baseline)', await burst(url, github, 800_000));
  bare.close();
}

{
  const app = await webhookServer(github, { ...SETTINGS, role: process.env.BENCH_ROLE === 'intake' ? 'intake' : 'both' });
  await burst(app.url, github, 100_000); // warm-up: JIT, first token
  row('embedded queue, one at a time', await burst(app.url, github, 500_000, 1));
  row('embedded queue, reviewing in the same process', await burst(app.url, github, 1));
  await app.stop();
  app.server.close();
}

const redis = new RedisServer();
const throughput: string[][] = [['workers', 'reviews', 'seconds', 'reviews/s']];
if (hasRedis() && process.env.BENCH_ROLE === undefined) {
  await redis.start();
  const app = await webhookServer(github, { ...SETTINGS, role: 'intake', redisUrl: redis.url });
  await burst(app.url, github, 200_000);
  row('intake process, Redis (BullMQ)', await burst(app.url, github, 300_000));
  await redis.flush();

  for (const count of [1, 2]) {
    const workers = Array.from({ length: count }, () => new AppProcess({ PRIVATE_KEY: privateKey, GITHUB_URL: github.url, REDIS_URL: redis.url, BULWARK_ROLE: 'worker', BULWARK_CONCURRENCY: '2' }));
    await Promise.all(workers.map((w) => w.waitFor((l) => l.includes('"msg":"Bulwark started"'), 60_000)));
    github.reset();
    const offset = 400_000 + count * 1_000;
    const started = performance.now();
    for (let i = 0; i < REVIEWS; i++) {
      const number = offset + i;
      github.heads.set(`Codertocat/Hello-World#${number}`, sha(number));
      const event = pullRequestEvent('opened', { head: sha(number), number, changedFiles: 1 });
      (event.payload as any).installation = { id: 1 + (i % 10), node_id: 'I' };
      await app.queue.submit({ kind: 'review', installationId: 1 + (i % 10), delivery: `${event.id}-t${count}`, reason: 'bench', repositoryUrl: 'https://github.com/Codertocat/Hello-World', target: { owner: 'Codertocat', repo: 'Hello-World', number, headSha: sha(number), defaultBranch: 'master' } });
    }
    await app.queue.idle();
    const seconds = (performance.now() - started) / 1000;
    const done = github.runs.filter((r) => r.status === 'completed').length;
    throughput.push([String(count), String(done), seconds.toFixed(1), (done / seconds).toFixed(2)]);
    await Promise.all(workers.map((w) => w.stop()));
  }
  await app.stop();
  app.server.close();
  await redis.stop();
} else {
  rows.push(['intake process, Redis (BullMQ)', '-', 'skipped (redis-server not installed, or BENCH_ROLE set)', '', '', '']);
}
await github.stop();

console.log(`Intake: ${DELIVERIES} signed deliveries at once over HTTP from another process (target: p99 under 200 ms); load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores\n`);
console.log(table(rows));
if (throughput.length > 1) {
  console.log(`\nReview throughput: ${REVIEWS} one-file pull requests, each GitHub answer after ${LATENCY_MS} ms, 2 reviews at once per worker\n`);
  console.log(table(throughput));
}
process.exit(0);
