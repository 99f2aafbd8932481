import type { Job } from './job.js';

/** One attempt at one job, as a worker gets it; `data` is whatever was stored and is checked before use. */
export interface JobRun {
  id: string;
  data: unknown;
  /** 1 for the first attempt. */
  attempt: number;
  /** No further attempt follows this one: whatever it leaves is final. */
  lastAttempt: boolean;
}

export type JobProcessor = (run: JobRun) => Promise<void>;

/**
 * A failure worth another attempt later (GitHub answered 5xx, asked us to slow down, or did not answer). Any
 * other error fails the job at once: retrying a bug or a bad payload only repeats it.
 */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly reason: unknown,
    /** GitHub named a wait (`retry-after`): the next attempt is not sooner. */
    readonly notBeforeMs = 0,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

/** What became of a submitted job. */
export type Submission = 'queued' | 'joined' | 'duplicate-delivery';

export interface SubmitOptions {
  /** The webhook delivery: a delivery seen before (GitHub redelivers; two instances may both get it) is dropped. */
  delivery?: string;
  /** The job's commit is its pull request's newest head: waiting reviews of older heads are superseded. */
  newHead?: boolean;
}

export interface QueueDepth {
  waiting: number;
  active: number;
  /** Waiting for a retry's backoff. */
  delayed: number;
  /** Age of the oldest job that waits for a worker, 0 when none waits. */
  oldestWaitingSeconds: number;
}

/**
 * Where webhook handlers put reviews and workers take them: in-process (the default) or BullMQ on Redis.
 * Either way: one job per review key at a time, a bounded share per installation, retries with backoff for
 * transient failures, and a graceful stop.
 */
export interface ReviewQueue {
  readonly kind: 'embedded' | 'redis';
  submit(job: Job, options?: SubmitOptions): Promise<Submission>;
  /** The newest head commit seen for a pull request (see `pullKey`), if any. */
  latestHead(pull: string): Promise<string | undefined>;
  recordHead(pull: string, sha: string): Promise<void>;
  /** Starts taking jobs (a worker role); without it the queue only accepts them. */
  process(processor: JobProcessor): void;
  depth(): Promise<QueueDepth>;
  /** Undefined when the queue can take and hand out jobs; otherwise why not. */
  unready(): Promise<string | undefined>;
  /** Resolves once nothing waits, runs or is delayed (tests and benches). */
  idle(): Promise<void>;
  /** Takes no further job, lets running ones finish within `graceMs`, then lets go of its connections. */
  close(graceMs: number): Promise<void>;
}

/** Thrown by `submit` when the queue cannot take the job now: intake answers 503 so GitHub shows the failure. */
export class QueueUnavailable extends Error {
  readonly status = 503;
  constructor(message: string) {
    super(message);
    this.name = 'QueueUnavailable';
  }
}
