import type { Log } from '../github/client.js';
import { jobIdOf, pullKey, type Job } from './job.js';
import { RetryLater, type JobProcessor, type QueueDepth, type ReviewQueue, type SubmitOptions, type Submission } from './queue.js';

export interface EmbeddedQueueOptions {
  /** Reviews run at once, at most. */
  concurrency: number;
  /** Of those, at most this many for one installation, so one installation's burst cannot hold every slot. */
  perInstallation: number;
  /** Attempts per job, the first included. */
  attempts: number;
  /** The wait before attempt `n + 1` after attempt `n` failed transiently. */
  backoffMs: (attempt: number) => number;
  log: Log;
  clock?: () => number;
}

interface Entry {
  id: string;
  job: Job;
  attempt: number;
  enqueuedAt: number;
  timer?: NodeJS.Timeout;
}

/** Deliveries remembered for duplicate detection; GitHub redelivers within hours, not thousands of events later. */
const REMEMBERED_DELIVERIES = 10_000;

/**
 * The in-process queue `npm start` runs alone with: bounded concurrency, installations served in turn (each
 * gets its next job after every other waiting installation got one), jobs retried with backoff on transient
 * failures. Jobs live in memory: a stopped process loses the waiting ones (use Redis to keep them).
 */
export class EmbeddedQueue implements ReviewQueue {
  readonly kind = 'embedded' as const;
  /** Waiting jobs per installation; the map's order is the turn order. */
  private readonly waiting = new Map<number, Entry[]>();
  /** Every job waiting, running or delayed, by id: a second submit of the same id joins it. */
  private readonly pending = new Map<string, Entry>();
  private readonly activeBy = new Map<number, number>();
  private readonly delayed = new Set<Entry>();
  private readonly deliveries = new Set<string>();
  private readonly heads = new Map<string, string>();
  private active = 0;
  private processor: JobProcessor | undefined;
  private stopping = false;
  private paused = false;
  private idleWaiters: Array<() => void> = [];
  private readonly now: () => number;

  constructor(private readonly options: EmbeddedQueueOptions) {
    this.now = options.clock ?? Date.now;
  }

  async submit(job: Job, options: SubmitOptions = {}): Promise<Submission> {
    if (options.delivery !== undefined) {
      if (this.deliveries.has(options.delivery)) return 'duplicate-delivery';
      this.deliveries.add(options.delivery);
      if (this.deliveries.size > REMEMBERED_DELIVERIES) this.deliveries.delete(this.deliveries.values().next().value!);
    }
    if (options.newHead && job.kind === 'review') this.heads.set(pullKey(job.target), job.target.headSha);
    const id = jobIdOf(job);
    if (this.pending.has(id)) return 'joined';
    const entry: Entry = { id, job, attempt: 0, enqueuedAt: this.now() };
    this.pending.set(id, entry);
    this.enqueue(entry);
    this.pump();
    return 'queued';
  }

  async latestHead(pull: string): Promise<string | undefined> {
    return this.heads.get(pull);
  }

  async recordHead(pull: string, sha: string): Promise<void> {
    this.heads.set(pull, sha);
  }

  process(processor: JobProcessor): void {
    this.processor = processor;
    this.pump();
  }

  /** Holds jobs back (they wait) until `resume`: tests line up work before any of it starts. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.pump();
  }

  async depth(): Promise<QueueDepth> {
    // One reading of the clock: an empty queue's oldest wait is exactly 0, not the time between two readings.
    const now = this.now();
    let waiting = 0;
    let oldest = now;
    for (const entries of this.waiting.values()) {
      waiting += entries.length;
      for (const entry of entries) oldest = Math.min(oldest, entry.enqueuedAt);
    }
    return { waiting, active: this.active, delayed: this.delayed.size, oldestWaitingSeconds: (now - oldest) / 1000 };
  }

  async unready(): Promise<string | undefined> {
    return this.stopping ? 'shutting down' : undefined;
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(graceMs: number): Promise<void> {
    this.stopping = true;
    for (const entry of this.delayed) clearTimeout(entry.timer);
    const dropped = this.pending.size - this.active;
    if (dropped > 0) this.options.log.warn({ dropped }, 'stopping: jobs not started are dropped (the embedded queue keeps nothing)');
    if (this.active > 0) {
      this.options.log.info({ running: this.active, graceSeconds: graceMs / 1000 }, 'stopping: letting running reviews finish');
      await Promise.race([this.drained(), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      if (this.active > 0) this.options.log.warn({ running: this.active }, 'stopping: grace period over with reviews still running');
    }
  }

  private drained(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(entry: Entry): void {
    const installation = entry.job.installationId;
    const list = this.waiting.get(installation);
    if (list) list.push(entry);
    else this.waiting.set(installation, [entry]);
  }

  /** The next job: the first installation in turn that waits and is under its share. */
  private next(): Entry | undefined {
    for (const [installation, list] of this.waiting) {
      if ((this.activeBy.get(installation) ?? 0) >= this.options.perInstallation) continue;
      const entry = list.shift()!;
      // Served: its turn moves to the back.
      this.waiting.delete(installation);
      if (list.length > 0) this.waiting.set(installation, list);
      return entry;
    }
    return undefined;
  }

  private pump(): void {
    while (this.processor && !this.stopping && !this.paused && this.active < this.options.concurrency) {
      const entry = this.next();
      if (!entry) break;
      void this.run(this.processor, entry);
    }
    this.settle();
  }

  private async run(processor: JobProcessor, entry: Entry): Promise<void> {
    const installation = entry.job.installationId;
    this.active++;
    this.activeBy.set(installation, (this.activeBy.get(installation) ?? 0) + 1);
    entry.attempt++;
    const lastAttempt = entry.attempt >= this.options.attempts;
    try {
      await processor({ id: entry.id, data: entry.job, attempt: entry.attempt, lastAttempt });
      this.pending.delete(entry.id);
    } catch (error) {
      if (error instanceof RetryLater && !lastAttempt && !this.stopping) {
        const wait = Math.max(this.options.backoffMs(entry.attempt), error.notBeforeMs);
        this.options.log.warn(
          { jobId: entry.id, attempt: entry.attempt, retryInMs: wait, err: error.reason },
          `job will be retried: ${error.message}`,
        );
        this.delayed.add(entry);
        entry.timer = setTimeout(() => {
          this.delayed.delete(entry);
          entry.enqueuedAt = this.now();
          this.enqueue(entry);
          this.pump();
        }, wait);
      } else {
        this.pending.delete(entry.id);
        this.options.log.error(
          { jobId: entry.id, attempt: entry.attempt, err: error instanceof RetryLater ? error.reason : error },
          'job failed for good',
        );
      }
    } finally {
      this.active--;
      this.activeBy.set(installation, this.activeBy.get(installation)! - 1);
      this.pump();
    }
  }

  private isIdle(): boolean {
    return this.pending.size === 0 || (this.stopping && this.active === 0);
  }

  private settle(): void {
    if (!this.isIdle() && !(this.stopping && this.active === 0)) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
