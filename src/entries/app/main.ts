import type { ApplicationFunction, Logger, Probot } from 'probot';
import { readScanBudget, type ScanBudget } from '../../adapters/scan-worker/budget.js';
import { workerScanner } from '../../adapters/scan-worker/runner.js';
import type { ScanRunner } from '../../engine/scan-batch.js';
import { DEFAULT_PACE, type GitHub, type Pace } from '../../adapters/github/client.js';
import { toolRenderer } from '../../adapters/tools/render-port.js';
import { detectSandbox } from '../../adapters/tools/sandbox.js';
import { RULE_DOCS_URL } from '../../review/docs-url.js';
import { EmbeddedQueue } from '../../adapters/queue/embedded.js';
import { operationsHandler } from '../../adapters/queue/endpoints.js';
import { Metrics } from '../../adapters/queue/metrics.js';
import type { ReviewQueue } from '../../adapters/queue/queue.js';
import { RedisQueue } from '../../adapters/queue/redis.js';
import { INTAKE_EVENTS, Intake } from './intake.js';
import { reviewProcessor } from './review-worker.js';
import { webhookRoute } from './webhook-route.js';
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

    // Scans run off the event loop, in worker threads with a CPU-time and memory budget per review, one kept
    // loaded for each review that may run at once.
    const scanner =
      settings.role === 'intake' || options.scan
        ? undefined
        : workerScanner({
            budget: scanBudget,
            keepWarm: settings.concurrency,
            onStopped: (reason) => log.warn({ scanBudget }, `a review's scan did not finish: ${reason}`),
          });
    if (settings.role !== 'intake') {
      // Said once at start-up: without a sandbox, every chart and overlay is reported as not rendered (or rendered bare, if configured).
      void detectSandbox().then((sandbox) => {
        if (sandbox.available) log.info(`rendering sandbox: ${sandbox.mechanism}`);
        else
          log.warn(
            `no sandbox for helm and kustomize (${sandbox.reason}): charts and overlays are not rendered unless a repository sets render.sandbox: allow-unsandboxed`,
          );
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
          scan: options.scan ?? scanner!,
          ...(appId === undefined ? {} : { appId }),
        }),
      );
    }
    const handlers = [operationsHandler(queue, metrics, settings.role, settings.stalledSeconds)];
    if (settings.role !== 'worker') {
      const intake = new Intake(queue, metrics);
      listen(app, intake);
      handlers.unshift(
        webhookRoute({ path: app.webhookPath, verify: (body, signature) => app.webhooks.verify(body, signature), intake, log }),
      );
    }
    if (appOptions?.addHandler) {
      try {
        for (const handler of handlers) appOptions.addHandler(handler);
      } catch {
        // Loaded without a server (tests, `probot receive`): no endpoints to serve.
      }
    }

    let stopping: Promise<void> | undefined;
    const stop = (graceMs = settings.graceSeconds * 1000) => (stopping ??= queue.close(graceMs).finally(() => scanner?.close()));
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
    return new EmbeddedQueue({
      concurrency: settings.concurrency,
      perInstallation: settings.perInstallation,
      attempts: settings.attempts,
      backoffMs: (n) => retryMs * 2 ** (n - 1),
      log,
    });
  }
  return RedisQueue.connect({
    url: settings.redisUrl,
    concurrency: settings.concurrency,
    attempts: settings.attempts,
    retrySeconds: settings.retrySeconds,
    lockSeconds: settings.lockSeconds,
    log,
  });
}

/**
 * Intake through Probot: the same decisions as Bulwark's webhook route, for deliveries that reach Probot's route
 * instead (`probot run`, which serves its route first) and for `probot.receive` (`probot receive`, tests).
 */
function listen(app: Probot, intake: Intake): void {
  app.on([...INTAKE_EVENTS], (context) => intake.receive({ id: context.id, name: context.name, payload: context.payload }, context.log));
}

/** `probot run ./dist/app.js` loads this. */
export default createBulwarkApp();
