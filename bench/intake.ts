/**
 * `npm run bench:intake`: how fast the App answers webhooks, and how many reviews its workers finish.
 *
 *   - intake latency: 200 signed `pull_request.opened` deliveries sent at once over HTTP, each on its own
 *     connection, from another process; p50/p99 of the time to the answer (target: p99 under 200 ms), and 50
 *     sent one at a time (the cost of one delivery). The App runs in its own process as `npm start` serves it
 *     (bench/intake-server.mjs, from a fresh bundle; BENCH_PROBOT_RUN=1 for `probot run`): once with the embedded queue, also
 *     reviewing (`npm start` alone), once as an intake process in front of Redis. Each burst runs 3 times after
 *     a warm-up; the run with the median p99 is shown, with every run's p99 and the load average before it
 *     (other work on the machine shows there), and the CPU time the App (and Redis) spent during the burst,
 *     which that other work inflates far less than it does answer times.
 *   - review throughput: 40 pull requests reviewed by 1, then 2, worker processes (BullMQ on Redis), against a
 *     fake GitHub on 127.0.0.1 that answers each request after 40 ms; reviews per second, start to last check
 *     completed. Probot's pacing of writes is off (it is GitHub's rule, not Bulwark's cost).
 *
 * The Redis part needs Debian's `redis-server` on PATH; without it that part says so and is skipped.
 */
import { generateKeyPairSync, createHmac } from 'node:crypto';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createServer, type Server } from 'node:http';
import Bottleneck from 'bottleneck';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import { createBulwarkApp } from '../src/entries/app/main.js';
import type { ReviewQueue } from '../src/adapters/queue/queue.js';
import type { QueueSettings } from '../src/adapters/queue/settings.js';
import { FakeGitHub } from '../test/app/support/fake-github.js';
import { pullRequestEvent } from '../test/app/support/payloads.js';
import { freePort, RedisServer } from '../test/app/support/redis-server.js';
import { fmt, table } from './report.js';

const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL('./webhook-client.mjs', import.meta.url));
const SERVER = fileURLToPath(new URL('./intake-server.mjs', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 3;
const DELIVERIES = 200;
const REVIEWS = 40;
const LATENCY_MS = 40;
const SECRET = 'bench-secret';
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
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
async function webhookServer(
  github: FakeGitHub,
  settings: QueueSettings,
): Promise<{ url: string; server: Server; queue: ReviewQueue; stop: () => Promise<void> }> {
  const probot = new Probot({
    appId: 123,
    privateKey,
    secret: SECRET,
    baseUrl: github.url,
    log: pino({ level: 'silent' }),
    Octokit: Octokit as typeof ProbotOctokit,
  });
  let parts: { queue: ReviewQueue; stop: (graceMs?: number) => Promise<void> } | undefined;
  await probot.load(createBulwarkApp({ appId: 123, settings, handleSignals: false, exit: () => undefined, onReady: (p) => (parts = p) }));
  const middleware = await probot.getNodeMiddleware();
  const server = createServer((req, res) => void middleware(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/github/webhooks`;
  return { url, server, queue: parts!.queue, stop: () => parts!.stop(5_000) };
}

/** DELIVERIES signed deliveries (50 for one at a time), written to a file for the sending process. */
function prepare(url: string, github: FakeGitHub, offset: number, concurrency: number): string {
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
  return file;
}

/**
 * Sends the prepared deliveries at once (or one at a time) from a separate process (webhook-client.mjs); the
 * answer times in ms, sorted, and the statuses seen.
 */
async function burst(file: string, oneAtATime: boolean): Promise<{ times: number[]; statuses: Map<number, number> }> {
  const { stdout } = await run(process.execPath, [CLIENT, file, oneAtATime ? 'one' : 'all'], { maxBuffer: 16 * 1024 * 1024 });
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

/** CPU time (user + system) a process has used so far, in ms, from Linux's /proc (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The bundled App in its own process (bench/intake-server.mjs) with `env`; resolves once it says it is ready. */
async function appProcess(
  github: FakeGitHub,
  env: Record<string, string>,
): Promise<{ url: string; cpuMs: () => number; stop: () => Promise<void> }> {
  const port = await freePort();
  const { NODE_OPTIONS: _, ...inherited } = process.env;
  // BENCH_PROFILE=<dir>: each App process writes a CPU profile there (node --cpu-prof) when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const child = spawn(process.execPath, [...profile, SERVER], {
    env: {
      ...inherited,
      BULWARK_APP: pathToFileURL(join(bundle, 'app.js')).href,
      PORT: String(port),
      GITHUB_URL: github.url,
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: SECRET,
      BULWARK_CONCURRENCY: '2',
      BULWARK_SHUTDOWN_GRACE_SECONDS: '5',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 60_000; ;) {
    const ready = await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`the App process did not get ready (exit code ${child.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `${base}/api/github/webhooks`,
    cpuMs: () => cpuMs(child.pid!),
    stop: async () => {
      // SIGINT, so that a CPU profile is written; the App stops at once (nothing runs long in the bench).
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// The App runs from a fresh bundle, as in production (plain Node, its scan worker beside it); the committed dist/
// is neither needed nor touched. Inside the repository, so that the bundle's external packages resolve.
mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
const bundle = mkdtempSync(join(ROOT, 'node_modules/.cache/bulwark-bench-intake-'));
await run(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--outdir', bundle], { cwd: ROOT });

const github = new FakeGitHub();
await github.start();
github.latencyMs = LATENCY_MS;
const rows: string[][] = [
  ['intake', 'deliveries', 'answers', 'p50', 'p99', 'max', 'CPU', `p99 of ${RUNS} runs (load average before each)`],
];
/** A burst's answer times and statuses, the load average before it, and the CPU time the App (and Redis) spent meanwhile. */
type Burst = { times: number[]; statuses: Map<number, number>; load: number; cpuMs: number | undefined };
/** CPU time used so far by the processes serving intake, or undefined when not measured (the baseline). */
type CpuClock = (() => Promise<number>) | undefined;
const load = () => loadavg()[0]!;
const row = (name: string, r: Burst, runs: Burst[] = [r]) =>
  rows.push([
    name,
    String(r.times.length),
    [...r.statuses].map(([s, n]) => `${n}x${s}`).join(' '),
    fmt.ms(percentile(r.times, 50)),
    fmt.ms(percentile(r.times, 99)),
    fmt.ms(r.times.at(-1)!),
    r.cpuMs === undefined ? '-' : fmt.ms(r.cpuMs),
    runs.map((x) => `${fmt.ms(percentile(x.times, 99))} (${x.load.toFixed(1)})`).join(', '),
  ]);
let offset = 0;
/** One burst of `concurrency` deliveries, with the load average just before it. */
const measured = async (url: string, cpu: CpuClock, concurrency = DELIVERIES): Promise<Burst> => {
  const before = load();
  offset += 10_000;
  const file = prepare(url, github, offset, concurrency);
  const cpuBefore = await cpu?.();
  const result = await burst(file, concurrency === 1);
  const cpuMs = cpuBefore === undefined ? undefined : (await cpu!()) - cpuBefore;
  return { ...result, load: before, cpuMs };
};
/** A warm-up burst (JIT, first token), 50 deliveries one at a time, then RUNS bursts: the median p99's row. */
const latency = async (name: string, url: string, cpu: CpuClock) => {
  await measured(url, cpu);
  row(`${name}, one at a time`, await measured(url, cpu, 1));
  const runs: Burst[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measured(url, cpu));
  const median = [...runs].sort((x, y) => percentile(x.times, 99) - percentile(y.times, 99))[Math.floor(RUNS / 2)]!;
  row(name, median, runs);
};

{
  // What this machine gives any Node HTTP server: the floor under the App's figures.
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok\n'));
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  await latency('bare Node HTTP server (baseline)', `http://127.0.0.1:${(bare.address() as { port: number }).port}/`, undefined);
  bare.close();
}

{
  const app = await appProcess(github, { BULWARK_ROLE: 'both' });
  await latency('embedded queue, reviewing in the same process', app.url, async () => app.cpuMs());
  await app.stop();
}

const redis = new RedisServer();
const throughput: string[][] = [['workers', 'reviews', 'seconds', 'reviews/s']];
if (hasRedis()) {
  await redis.start();
  const intake = await appProcess(github, { BULWARK_ROLE: 'intake', REDIS_URL: redis.url });
  const info = new Redis(redis.url);
  // Redis's own CPU counts too: on this machine it shares the same 2 cores.
  const redisCpuMs = async () => {
    const text = await info.info('cpu');
    const seconds = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(text)?.[1] ?? 0);
    return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1000;
  };
  await latency('intake process, Redis (BullMQ)', intake.url, async () => intake.cpuMs() + (await redisCpuMs()));
  info.disconnect();
  await intake.stop();
  await redis.flush();

  const app = await webhookServer(github, { ...SETTINGS, role: 'intake', redisUrl: redis.url });
  for (const count of [1, 2]) {
    const workers = await Promise.all(
      Array.from({ length: count }, () => appProcess(github, { REDIS_URL: redis.url, BULWARK_ROLE: 'worker' })),
    );
    github.reset();
    const first = 400_000 + count * 1_000;
    const started = performance.now();
    for (let i = 0; i < REVIEWS; i++) {
      const number = first + i;
      github.heads.set(`Codertocat/Hello-World#${number}`, sha(number));
      const event = pullRequestEvent('opened', { head: sha(number), number, changedFiles: 1 });
      (event.payload as any).installation = { id: 1 + (i % 10), node_id: 'I' };
      await app.queue.submit({
        kind: 'review',
        installationId: 1 + (i % 10),
        delivery: `${event.id}-t${count}`,
        reason: 'bench',
        repositoryUrl: 'https://github.com/Codertocat/Hello-World',
        target: { owner: 'Codertocat', repo: 'Hello-World', number, headSha: sha(number), defaultBranch: 'master' },
      });
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
  rows.push(['intake process, Redis (BullMQ)', '-', 'skipped (redis-server not installed)', '', '', '', '']);
}
await github.stop();
rmSync(bundle, { recursive: true, force: true });

console.log(
  `Intake: ${DELIVERIES} signed deliveries at once over HTTP from another process (target: p99 under 200 ms); ${cpus().length} cores, load average now ${load().toFixed(1)}\n`,
);
console.log(table(rows));
if (throughput.length > 1) {
  console.log(
    `\nReview throughput: ${REVIEWS} one-file pull requests, each GitHub answer after ${LATENCY_MS} ms, 2 reviews at once per worker\n`,
  );
  console.log(table(throughput));
}
process.exit(0);
