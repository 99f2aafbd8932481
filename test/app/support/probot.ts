import { generateKeyPairSync } from 'node:crypto';
import { Writable } from 'node:stream';
import Bottleneck from 'bottleneck';
import { pino } from 'pino';
import { Probot, ProbotOctokit } from 'probot';
import type { ScanBudget } from '../../../src/adapters/scan-worker/budget.js';
import { scanInProcess } from '../../../src/engine/scan-batch.js';
import { createBulwarkApp } from '../../../src/entries/app/main.js';
import { EmbeddedQueue } from '../../../src/adapters/queue/embedded.js';
import type { Metrics } from '../../../src/adapters/queue/metrics.js';
import type { QueueSettings } from '../../../src/adapters/queue/settings.js';
import { APP_ID } from './payloads.js';

export const DOCS = 'https://docs.example/rules';
export const NOW = new Date('2030-01-02T03:04:05.000Z');
export const TOKEN = 'ghs_installation_token_for_tests';

const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

export interface TestApp {
  probot: Probot;
  /** Every wait Bulwark asked for, in milliseconds (none is actually waited). */
  sleeps: number[];
  /** Log lines, as JSON. */
  logs: string[];
  /** Delivers an event as GitHub would, then waits until the queue has done every review it asked for. */
  receive(event: Parameters<Probot['receive']>[0]): Promise<void>;
  queue: EmbeddedQueue;
  metrics: Metrics;
}

/** The embedded queue as tests run it: retries after a millisecond instead of half a minute. */
export const TEST_SETTINGS: QueueSettings = {
  role: 'both',
  redisUrl: undefined,
  concurrency: 2,
  perInstallation: 1,
  attempts: 3,
  retrySeconds: 0.001,
  graceSeconds: 1,
  stalledSeconds: 900,
  lockSeconds: 60,
};

/**
 * Probot as it runs in production (throttling and retry plugins on), except that its pacing groups have no
 * minimum spacing and its retry waits are milliseconds, and Bulwark's own waits are recorded, not slept.
 * Scans run in a worker thread with a budget only when `scanBudget` is given (a worker loads the engine
 * from sources through tsx, about a second per review); otherwise in this thread.
 */
export async function startApp(settings: Partial<QueueSettings> = {}, app: { scanBudget?: ScanBudget } = {}): Promise<TestApp> {
  const sleeps: number[] = [];
  const logs: string[] = [];
  const log = pino(
    { level: 'debug' },
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  );
  const fast = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  const Octokit = ProbotOctokit.defaults((options: any) => ({
    ...options,
    throttle: { ...options.throttle, write: fast(), notifications: fast(), retryAfterBaseValue: 1, fallbackSecondaryRateRetryAfter: 0 },
    retry: { ...options.retry, retryAfterBaseValue: 1 },
  }));
  const probot = new Probot({ appId: APP_ID, privateKey, log, Octokit: Octokit as typeof ProbotOctokit });
  const queueSettings = { ...TEST_SETTINGS, ...settings };
  const queue = new EmbeddedQueue({ ...queueSettings, backoffMs: (n) => n, log });
  let metrics: Metrics | undefined;
  await probot.load(
    createBulwarkApp({
      settings: queueSettings,
      queue,
      onReady: (parts) => (metrics = parts.metrics),
      appId: APP_ID,
      docsUrl: DOCS,
      clock: () => NOW,
      ...(app.scanBudget ? { scanBudget: app.scanBudget } : { scan: scanInProcess }),
      pace: {
        secondMs: 1000,
        sleep: async (ms) => {
          sleeps.push(ms);
        },
      },
    }),
  );
  const receive = async (event: Parameters<Probot['receive']>[0]) => {
    await probot.receive(event);
    await queue.idle();
  };
  return { probot, sleeps, logs, receive, queue, metrics: metrics! };
}

/** An installation Octokit as Probot makes one, with the same fast pacing, for driving the port directly. */
export function installationOctokit(): InstanceType<typeof ProbotOctokit> {
  const fast = () => new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 });
  return new ProbotOctokit({
    auth: { token: TOKEN },
    log: pino({ level: 'silent' }),
    throttle: {
      write: fast(),
      notifications: fast(),
      retryAfterBaseValue: 1,
      onRateLimit: () => false,
      onSecondaryRateLimit: () => false,
    },
    retry: { retryAfterBaseValue: 1 },
  } as any);
}
