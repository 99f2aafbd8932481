import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GitHub } from '../github/client.js';
import { statusOf } from '../github/errors.js';
import type { QueueDepth } from './queue.js';

/** What `/metrics` serves, in Prometheus' text format; one registry per App, so tests can hold several. */
export class Metrics {
  readonly registry = new Registry();
  readonly reviewSeconds: Histogram<'outcome'>;
  readonly jobs: Counter<'kind' | 'result'>;
  readonly webhooks: Counter<'event' | 'result'>;
  readonly githubRequests: Counter<'method' | 'status'>;
  readonly rateLimitWaits: Counter;
  readonly rateLimitWaitSeconds: Counter;
  private readonly instrumented = new WeakSet<object>();

  constructor(depth: () => Promise<QueueDepth>) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'bulwark_' });
    // Read once per scrape, for both gauges.
    let reading: Promise<QueueDepth | undefined> | undefined;
    const read = () =>
      (reading ??= depth()
        .catch(() => undefined)
        .finally(() => setTimeout(() => (reading = undefined), 0)));
    new Gauge({
      name: 'bulwark_queue_jobs',
      help: 'Review jobs in the queue, by state',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        const d = await read();
        if (!d) return;
        this.set({ state: 'waiting' }, d.waiting);
        this.set({ state: 'active' }, d.active);
        this.set({ state: 'delayed' }, d.delayed);
      },
    });
    new Gauge({
      name: 'bulwark_queue_oldest_waiting_seconds',
      help: 'Age of the oldest job waiting for a worker',
      registers,
      async collect() {
        const d = await read();
        if (d) this.set(d.oldestWaitingSeconds);
      },
    });
    this.reviewSeconds = new Histogram({
      name: 'bulwark_review_duration_seconds',
      help: 'Time one review attempt took, by outcome',
      labelNames: ['outcome'] as const,
      buckets: [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600],
      registers,
    });
    this.jobs = new Counter({
      name: 'bulwark_jobs_total',
      help: 'Job attempts finished, by kind and result',
      labelNames: ['kind', 'result'] as const,
      registers,
    });
    this.webhooks = new Counter({
      name: 'bulwark_webhooks_total',
      help: 'Webhook deliveries, by event and what intake did',
      labelNames: ['event', 'result'] as const,
      registers,
    });
    this.githubRequests = new Counter({
      name: 'bulwark_github_requests_total',
      help: 'Requests to GitHub, by method and status',
      labelNames: ['method', 'status'] as const,
      registers,
    });
    this.rateLimitWaits = new Counter({
      name: 'bulwark_github_rate_limit_waits_total',
      help: 'Waits GitHub asked for (secondary rate limits)',
      registers,
    });
    this.rateLimitWaitSeconds = new Counter({
      name: 'bulwark_github_rate_limit_wait_seconds_total',
      help: 'Seconds waited on GitHub rate limits',
      registers,
    });
  }

  /** Counts every request this Octokit makes, by method and answer (`error` when none came). */
  instrument(gh: GitHub): void {
    if (this.instrumented.has(gh)) return;
    this.instrumented.add(gh);
    gh.hook.after('request', (response, options) => {
      this.githubRequests.inc({ method: String(options.method), status: String(response.status) });
    });
    gh.hook.error('request', (error, options) => {
      this.githubRequests.inc({ method: String(options.method), status: String(statusOf(error) ?? 'error') });
      throw error;
    });
  }

  rateLimitWait(seconds: number): void {
    this.rateLimitWaits.inc();
    this.rateLimitWaitSeconds.inc(seconds);
  }
}
