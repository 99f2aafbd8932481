import type { ApplicationFunction, Context, Logger, Probot } from 'probot';
import { readScanBudget, type ScanBudget } from '../../adapters/scan-worker/budget.js';
import { workerScanner } from '../../adapters/scan-worker/runner.js';
import type { ScanRunner } from '../../engine/scan-batch.js';
import { CHECK_NAME, DEFAULT_PACE, RESCAN_ACTION, type GitHub, type Pace } from '../../adapters/github/client.js';
import { isRescanCommand, pullNumberFromExternalId, targetOf, type PullLike } from '../../adapters/github/events.js';
import { toolRenderer } from '../../adapters/tools/render-port.js';
import { detectSandbox } from '../../adapters/tools/sandbox.js';
import { RULE_DOCS_URL } from '../../review/docs-url.js';
import { EmbeddedQueue } from '../../adapters/queue/embedded.js';
import { operationsHandler } from '../../adapters/queue/endpoints.js';
import { jobIdOf, type Job } from '../../adapters/queue/job.js';
import { Metrics } from '../../adapters/queue/metrics.js';
import { QueueUnavailable, type ReviewQueue } from '../../adapters/queue/queue.js';
import { RedisQueue } from '../../adapters/queue/redis.js';
import { reviewProcessor } from './review-worker.js';
import { readQueueSettings, type QueueSettings } from '../../adapters/queue/settings.js';

export interface BulwarkAppOptions {
  /** Where rule pages live; default BULWARK_DOCS_URL, else the project's docs. */
  docsUrl?: string;
  /** This App's id (default: APP_ID), so only its own check runs are taken over. */
  appId?: number;
  /** Waiting on rate limits and retries; tests make it instant. */
  pace?: Pace;
  clock?: () => Date;
  /** The queue's settings; default from the environment (see the README's "Running the App"). */
  settings?: QueueSettings;
  /** What one review's scans may use (default from the environment: BULWARK_SCAN_CPU_SECONDS, ...). */
  scanBudget?: ScanBudget;
  /** Runs the scans instead of a worker thread with the budget (tests that are not about it, in this thread). */
  scan?: ScanRunner;
  /** The queue to use instead of the one the settings describe (tests, benches). */
  queue?: ReviewQueue;
  /** Told the parts once the App is assembled (tests, benches). */
  onReady?: (parts: { queue: ReviewQueue; metrics: Metrics; stop: (graceMs?: number) => Promise<void> }) => void;
  /** Stops on SIGTERM and SIGINT (default: yes, unless a queue was given). */
  handleSignals?: boolean;
  /** Ends the process when it cannot start (default: `process.exit`). */
  exit?: (code: number) => void;
}

const PULL_REQUEST_EVENTS = ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'] as const;

/**
 * The Probot App: reviews each pull request when it opens or changes, and again when someone with write
 * access comments `/bulwark rescan` or presses the check's Re-run or Rescan button.
 *
 * Webhook handlers only decide whether an event matters and queue a job, so GitHub gets its answer at once;
 * workers (this process, or others sharing Redis, by BULWARK_ROLE) do the reviews.
 */
export function createBulwarkApp(options: BulwarkAppOptions = {}): ApplicationFunction {
  return async (app: Probot, appOptions) => {
    const docsUrl = options.docsUrl ?? process.env.BULWARK_DOCS_URL ?? RULE_DOCS_URL;
    const appId = options.appId ?? (Number(process.env.APP_ID) || undefined);
    const pace = options.pace ?? DEFAULT_PACE;
    const clock = options.clock ?? (() => new Date());
    const exit = options.exit ?? ((code: number) => process.exit(code));
    const log = app.log.child({ name: 'bulwark' });

    let settings: QueueSettings;
    let queue: ReviewQueue;
    let scanBudget: ScanBudget;
    try {
      settings = options.settings ?? readQueueSettings();
      scanBudget = options.scanBudget ?? readScanBudget();
      queue = options.queue ?? (await openQueue(settings, log));
    } catch (error) {
      log.fatal({ err: error }, `Bulwark cannot start: ${(error as Error).message}`);
      exit(1);
      throw error;
    }
    const metrics = new Metrics(() => queue.depth());
    log.info({ role: settings.role, queue: queue.kind, concurrency: settings.concurrency, scanBudget }, 'Bulwark started');

    if (settings.role !== 'intake') {
      // Said once at start-up: without a sandbox, every chart and overlay is reported as not rendered (or rendered bare, if configured).
      void detectSandbox().then((sandbox) => {
        if (sandbox.available) log.info(`rendering sandbox: ${sandbox.mechanism}`);
        else log.warn(`no sandbox for helm and kustomize (${sandbox.reason}): charts and overlays are not rendered unless a repository sets render.sandbox: allow-unsandboxed`);
      });
      queue.process(
        reviewProcessor({
          octokit: async (installationId) => (await app.auth(installationId)) as unknown as GitHub,
          queue,
          log,
          docsUrl,
          clock,
          pace,
          metrics,
          renderer: toolRenderer(),
          // Scans run off the event loop, within a CPU-time and memory budget per review.
          scan: options.scan ?? workerScanner({ budget: scanBudget, onStopped: (reason) => log.warn({ scanBudget }, `a review's scan did not finish: ${reason}`) }),
          ...(appId === undefined ? {} : { appId }),
        }),
      );
    }
    if (settings.role !== 'worker') listen(app, queue, metrics);

    const handler = operationsHandler(queue, metrics, settings.role, settings.stalledSeconds);
    if (appOptions?.addHandler) {
      try {
        appOptions.addHandler(handler);
      } catch {
        // Loaded without a server (tests, `probot receive`): no endpoints to serve.
      }
    }

    let stopping: Promise<void> | undefined;
    const stop = (graceMs = settings.graceSeconds * 1000) => (stopping ??= queue.close(graceMs));
    if (options.handleSignals ?? options.queue === undefined) {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        process.once(signal, () => {
          log.info({ signal, graceSeconds: settings.graceSeconds }, 'stopping: no new jobs; running reviews may finish');
          void stop().then(
            () => exit(0),
            (error: unknown) => {
              log.error({ err: error }, 'stopping failed');
              exit(1);
            },
          );
        });
      }
    }
    options.onReady?.({ queue, metrics, stop });
  };
}

async function openQueue(settings: QueueSettings, log: Logger): Promise<ReviewQueue> {
  const retryMs = settings.retrySeconds * 1000;
  if (settings.redisUrl === undefined) {
    return new EmbeddedQueue({ concurrency: settings.concurrency, perInstallation: settings.perInstallation, attempts: settings.attempts, backoffMs: (n) => retryMs * 2 ** (n - 1), log });
  }
  return RedisQueue.connect({ url: settings.redisUrl, concurrency: settings.concurrency, attempts: settings.attempts, retrySeconds: settings.retrySeconds, lockSeconds: settings.lockSeconds, log });
}

/** The webhook handlers: each decides whether its event asks for a review and queues the job; no GitHub request. */
function listen(app: Probot, queue: ReviewQueue, metrics: Metrics): void {
  const submit = async (context: Context, job: Job | undefined, newHead = false): Promise<void> => {
    const event = 'action' in context.payload && context.payload.action ? `${context.name}.${context.payload.action}` : context.name;
    if (!job) {
      metrics.webhooks.inc({ event, result: 'ignored' });
      return;
    }
    const jobId = jobIdOf(job);
    try {
      const result = await queue.submit(job, { delivery: context.id, newHead });
      metrics.webhooks.inc({ event, result });
      context.log.info({ jobId, delivery: context.id, result }, result === 'queued' ? 'review queued' : `not queued again: ${result}`);
    } catch (error) {
      metrics.webhooks.inc({ event, result: 'unavailable' });
      context.log.error({ jobId, delivery: context.id, err: error }, 'could not queue the review; GitHub is told the delivery failed');
      throw error instanceof QueueUnavailable ? error : new QueueUnavailable((error as Error).message);
    }
  };

  app.on([...PULL_REQUEST_EVENTS], async (context) => {
    const pull = context.payload.pull_request;
    const base = common(context);
    if (pull.state !== 'open' || !base) return submit(context, undefined);
    await submit(context, { kind: 'review', ...base, reason: `pull_request.${context.payload.action}`, target: targetOf(pull as PullLike) }, true);
  });

  app.on('issue_comment.created', async (context) => {
    const { comment, issue, sender, repository } = context.payload;
    const base = common(context);
    if (!base || !issue.pull_request || !isRescanCommand(comment.body) || sender.type === 'Bot') return submit(context, undefined);
    await submit(context, {
      kind: 'rescan',
      ...base,
      reason: 'comment',
      owner: repository.owner.login,
      repo: repository.name,
      number: issue.number,
      comment: { id: comment.id, user: sender.login },
    });
  });

  app.on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
    const run = context.payload.check_run;
    const base = common(context);
    const ours = run.name === CHECK_NAME;
    const asked = context.payload.action !== 'requested_action' || context.payload.requested_action?.identifier === RESCAN_ACTION.identifier;
    if (!base || !ours || !asked) return submit(context, undefined);
    const repositoryId = context.payload.repository.id;
    const listed = run.pull_requests.find((p) => p.base.repo.id === repositoryId)?.number;
    const number = listed ?? pullNumberFromExternalId(run.external_id);
    await submit(context, { kind: 'rescan', ...base, reason: `check_run.${context.payload.action}`, ...repoOf(context), headSha: run.head_sha, ...(number === undefined ? {} : { number }) });
  });

  app.on('check_suite.rerequested', async (context) => {
    const suite = context.payload.check_suite;
    const base = common(context);
    if (!base || !suite.head_sha) return submit(context, undefined);
    const repositoryId = context.payload.repository.id;
    const number = suite.pull_requests.find((p) => p.base.repo.id === repositoryId)?.number;
    await submit(context, { kind: 'rescan', ...base, reason: 'check_suite.rerequested', ...repoOf(context), headSha: suite.head_sha, ...(number === undefined ? {} : { number }) });
  });
}

function repoOf(context: Context): { owner: string; repo: string } {
  return context.repo();
}

/** The fields every job carries, or undefined for an event without an installation (nothing to act as). */
function common(context: Context): { installationId: number; delivery: string; repositoryUrl: string } | undefined {
  const payload = context.payload as { installation?: { id?: number }; repository?: { html_url?: string; full_name?: string } };
  const installationId = payload.installation?.id;
  if (typeof installationId !== 'number') {
    context.log.warn({ delivery: context.id }, 'event without an installation; ignored');
    return undefined;
  }
  const repositoryUrl = payload.repository?.html_url ?? `https://github.com/${payload.repository?.full_name ?? ''}`;
  return { installationId, delivery: context.id, repositoryUrl };
}

/** `probot run ./dist/app.js` loads this. */
export default createBulwarkApp();
