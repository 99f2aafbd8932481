import { Queue, UnrecoverableError, Worker, type Job as BullJob } from 'bullmq';
import { Redis, type ClientContext, type Result } from 'ioredis';
import type { Log } from '../github/client.js';
import { jobIdOf, pullKey, type Job } from './job.js';
import {
  QueueUnavailable,
  RetryLater,
  type JobProcessor,
  type QueueDepth,
  type ReviewQueue,
  type SubmitOptions,
  type Submission,
} from './queue.js';

const QUEUE_NAME = 'reviews';
const PREFIX = 'bulwark';
const DAY_SECONDS = 24 * 60 * 60;
/** How long the newest head of a pull request is remembered. */
const HEAD_SECONDS = 30 * DAY_SECONDS;
/** BullMQ's largest priority. */
const MAX_PRIORITY = 2_097_152;

const headKey = (pull: string) => `${PREFIX}:head:${pull}`;

/**
 * What intake asks Redis before it adds a job, in one script (one round trip, and atomic):
 *   1. a delivery seen before (KEYS[1], remembered for ARGV[4] s) adds nothing: 'duplicate-delivery';
 *   2. a new head (ARGV[2], when given) becomes its pull request's newest (KEYS[2], for ARGV[5] s);
 *   3. a job with this id (ARGV[3]) that waits or runs (its hash KEYS[3] exists, and it is in neither the
 *      completed KEYS[4] nor the failed KEYS[5] set) is joined: 'joined';
 *   4. otherwise the job counts for its installation's turn (set KEYS[6]): 'queued', and the installation's
 *      pending count, which becomes the job's priority.
 */
const INTAKE_SCRIPT = `
if ARGV[1] == '1' and not redis.call('SET', KEYS[1], '1', 'EX', ARGV[4], 'NX') then
  return {'duplicate-delivery', 0}
end
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[5])
end
if redis.call('EXISTS', KEYS[3]) == 1 and not redis.call('ZSCORE', KEYS[4], ARGV[3]) and not redis.call('ZSCORE', KEYS[5], ARGV[3]) then
  return {'joined', 0}
end
redis.call('SADD', KEYS[6], ARGV[3])
redis.call('EXPIRE', KEYS[6], ARGV[4])
return {'queued', redis.call('SCARD', KEYS[6])}
`;

declare module 'ioredis' {
  interface RedisCommander<Context extends ClientContext = { type: 'default' }> {
    bulwarkIntake(
      delivery: string,
      head: string,
      job: string,
      completed: string,
      failed: string,
      installation: string,
      deliveryGiven: '' | '1',
      newHead: string,
      jobId: string,
      deliverySeconds: number,
      headSeconds: number,
    ): Result<[Submission, number], Context>;
  }
}

export interface RedisQueueOptions {
  url: string;
  concurrency: number;
  attempts: number;
  retrySeconds: number;
  lockSeconds: number;
  log: Log;
}

/**
 * The queue on Redis, with BullMQ: any number of intake and worker processes share it.
 *
 * - One job per review key: the job id is the key, and BullMQ adds nothing for an id that waits or runs.
 *   A delivery id is remembered for a day, so a redelivery or a second instance getting it adds nothing.
 * - Installations take turns: a job's priority is the number of jobs its installation has pending, so every
 *   installation's first job comes before anyone's second.
 * - A worker holds its job with a lock it renews; killed, its lock lapses and another worker takes the job
 *   over (the review then takes over the check run it had started).
 */
export class RedisQueue implements ReviewQueue {
  readonly kind = 'redis' as const;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private workerConnection: Redis | undefined;
  private stopping = false;

  private constructor(
    private readonly options: RedisQueueOptions,
    private readonly redis: Redis,
  ) {
    this.queue = new Queue(QUEUE_NAME, { connection: redis, prefix: PREFIX });
    this.queue.on('error', (error) => options.log.warn({ err: error }, 'Redis: queue connection error'));
  }

  /**
   * Connects, or says why not: BullMQ's own connections would wait for Redis forever, so one ping with a
   * short timeout comes first and a Redis that does not answer stops the start.
   */
  static async connect(options: RedisQueueOptions): Promise<RedisQueue> {
    const probe = new Redis(options.url, {
      lazyConnect: true,
      connectTimeout: 5_000,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      await probe.ping();
    } catch (error) {
      throw new Error(`Redis at ${redact(options.url)} is unreachable: ${(error as Error).message}`, { cause: error });
    } finally {
      probe.disconnect();
    }
    // Intake fails fast while Redis is away (GitHub gets a 503 and shows it); it reconnects by itself.
    // Commands issued in the same tick (a burst of deliveries) share one write and one reply read.
    const redis = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 200, 5_000),
      enableAutoPipelining: true,
    });
    redis.on('error', () => undefined);
    redis.defineCommand('bulwarkIntake', { numberOfKeys: 6, lua: INTAKE_SCRIPT });
    const queue = new RedisQueue(options, redis);
    await queue.queue.waitUntilReady();
    return queue;
  }

  async submit(job: Job, options: SubmitOptions = {}): Promise<Submission> {
    const id = jobIdOf(job);
    const installation = `${PREFIX}:installation:${job.installationId}`;
    const head = options.newHead && job.kind === 'review' ? job.target.headSha : '';
    try {
      // One round trip decides (see INTAKE_SCRIPT); BullMQ's add is the second, only for a job to queue.
      const [result, pending] = await this.redis.bulwarkIntake(
        `${PREFIX}:delivery:${options.delivery ?? ''}`,
        job.kind === 'review' ? headKey(pullKey(job.target)) : `${PREFIX}:head:`,
        this.queue.toKey(id),
        this.queue.keys.completed!,
        this.queue.keys.failed!,
        installation,
        options.delivery === undefined ? '' : '1',
        head,
        id,
        DAY_SECONDS,
        HEAD_SECONDS,
      );
      if (result !== 'queued') return result;
      await this.queue.add(job.kind, job, {
        jobId: id,
        priority: Math.min(Math.max(1, pending), MAX_PRIORITY),
        attempts: this.options.attempts,
        backoff: { type: 'bulwark' },
        removeOnComplete: true,
        removeOnFail: true,
      });
      return 'queued';
    } catch (error) {
      throw new QueueUnavailable(`the review queue (Redis) is unavailable: ${(error as Error).message}`);
    }
  }

  async latestHead(pull: string): Promise<string | undefined> {
    return (await this.redis.get(headKey(pull))) ?? undefined;
  }

  async recordHead(pull: string, sha: string): Promise<void> {
    await this.redis.set(headKey(pull), sha, 'EX', HEAD_SECONDS);
  }

  process(processor: JobProcessor): void {
    const { log, attempts, retrySeconds, lockSeconds } = this.options;
    // A worker's blocking connection waits for Redis as long as it takes (BullMQ requires it).
    this.workerConnection = new Redis(this.options.url, {
      maxRetriesPerRequest: null,
      retryStrategy: (times) => Math.min(times * 200, 5_000),
    });
    this.workerConnection.on('error', () => undefined);
    this.worker = new Worker(
      QUEUE_NAME,
      async (job: BullJob) => {
        const attempt = job.attemptsMade + 1;
        const lastAttempt = attempt >= (job.opts.attempts ?? attempts);
        try {
          await processor({ id: job.id!, data: job.data, attempt, lastAttempt });
        } catch (error) {
          if (error instanceof RetryLater && !lastAttempt) {
            log.warn({ jobId: job.id, attempt, err: error.reason }, `job will be retried: ${error.message}`);
            throw error;
          }
          await this.forget(job);
          log.error({ jobId: job.id, attempt, err: error instanceof RetryLater ? error.reason : error }, 'job failed for good');
          throw new UnrecoverableError((error as Error).message);
        }
        await this.forget(job);
      },
      {
        connection: this.workerConnection,
        prefix: PREFIX,
        concurrency: this.options.concurrency,
        lockDuration: lockSeconds * 1000,
        stalledInterval: (lockSeconds * 1000) / 2,
        // A job whose worker died is taken over this many times before it fails.
        maxStalledCount: attempts,
        settings: {
          backoffStrategy: (attemptsMade: number, _type?: string, error?: Error) =>
            Math.max(retrySeconds * 1000 * 2 ** (attemptsMade - 1), error instanceof RetryLater ? error.notBeforeMs : 0),
        },
      },
    );
    this.worker.on('error', (error) => log.warn({ err: error }, 'Redis: worker connection error'));
    this.worker.on('stalled', (jobId) => log.warn({ jobId }, 'a worker stopped holding this job (killed?); another takes it over'));
  }

  /** The job no longer counts for its installation's turn. */
  private async forget(job: BullJob): Promise<void> {
    const installation = (job.data as { installationId?: unknown } | null)?.installationId;
    if (typeof installation === 'number') await this.redis.srem(`${PREFIX}:installation:${installation}`, job.id!).catch(() => undefined);
  }

  async depth(): Promise<QueueDepth> {
    const counts = await this.queue.getJobCounts('wait', 'prioritized', 'active', 'delayed');
    const waiting = (counts.wait ?? 0) + (counts.prioritized ?? 0);
    let oldestWaitingSeconds = 0;
    if (waiting > 0) {
      const jobs = await this.queue.getJobs(['wait', 'prioritized'], 0, 99, true);
      const oldest = Math.min(...jobs.map((j) => j.timestamp));
      if (Number.isFinite(oldest)) oldestWaitingSeconds = Math.max(0, (Date.now() - oldest) / 1000);
    }
    return { waiting, active: counts.active ?? 0, delayed: counts.delayed ?? 0, oldestWaitingSeconds };
  }

  async unready(): Promise<string | undefined> {
    if (this.stopping) return 'shutting down';
    if (this.redis.status !== 'ready') return `Redis unreachable (${this.redis.status})`;
    try {
      await this.redis.ping();
      return undefined;
    } catch (error) {
      return `Redis unreachable: ${(error as Error).message}`;
    }
  }

  async idle(): Promise<void> {
    for (;;) {
      const d = await this.depth();
      if (d.waiting + d.active + d.delayed === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async close(graceMs: number): Promise<void> {
    this.stopping = true;
    if (this.worker) {
      const worker = this.worker;
      const closing = worker.close();
      let timer: NodeJS.Timeout | undefined;
      const late = await Promise.race([
        closing.then(() => false),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), graceMs))),
      ]);
      clearTimeout(timer);
      if (late) {
        this.options.log.warn('stopping: grace period over with reviews still running; another worker takes them over');
        await worker.close(true).catch(() => undefined);
      }
      this.workerConnection?.disconnect();
    }
    await this.queue.close().catch(() => undefined);
    this.redis.disconnect();
  }
}

/** A Redis URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable REDIS_URL)';
  }
}
