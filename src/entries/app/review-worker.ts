import type { Logger } from 'probot';
import { CheckRun } from '../../adapters/github/check-run.js';
import { CHECK_NAME, type GitHub, type Pace } from '../../adapters/github/client.js';
import { CONFIG_FILE } from '../../adapters/github/config.js';
import { pullNumberFromExternalId, targetOf, type PullLike } from '../../adapters/github/events.js';
import { OctokitPort } from '../../adapters/github/octokit-port.js';
import { paceSecondaryLimits } from '../../adapters/github/pacing.js';
import { takeRescanComment } from '../../adapters/github/permissions.js';
import type { ScanRunner } from '../../engine/scan-batch.js';
import type { CheckOutput } from '../../review/ports.js';
import type { RenderPort } from '../../review/ports.js';
import { runReview } from '../../review/review.js';
import { ReviewAttempt } from '../../adapters/queue/attempt.js';
import { JobSchema, logFieldsOf, pullKey, type RescanJob, type ReviewJob } from '../../adapters/queue/job.js';
import type { Metrics } from '../../adapters/queue/metrics.js';
import { RetryLater, type JobProcessor, type JobRun, type ReviewQueue } from '../../adapters/queue/queue.js';
import { isTransient, requestedWaitMs } from '../../adapters/queue/transient.js';

export interface ReviewWorkerOptions {
  /** An installation's Octokit (Probot's `app.auth`), with its throttling and retries. */
  octokit(installationId: number): Promise<GitHub>;
  queue: ReviewQueue;
  log: Logger;
  docsUrl: string;
  appId?: number;
  clock: () => Date;
  pace: Pace;
  metrics?: Metrics;
  /** Runs helm and kustomize for the reviews. */
  renderer: RenderPort;
  /** Runs each review's scans: the App's worker thread with its budget (default: in this thread). */
  scan?: ScanRunner;
}

/** Thrown for a job whose stored payload is not a job: it fails at once, never retried. */
export class InvalidJob extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidJob';
  }
}

/**
 * What a worker does with a job. A review job reviews its commit unless a newer head of the pull request
 * superseded it; a rescan job checks who asked (comments), finds the pull request's commit, and queues its
 * review. Transient GitHub failures become `RetryLater`; whatever happens, a check run this work started
 * ends: completed by the review, or by the next attempt, or marked failed with the reason by the last one.
 */
export function reviewProcessor(options: ReviewWorkerOptions): JobProcessor {
  return async (run: JobRun) => {
    const parsed = JobSchema.safeParse(run.data);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(job)'}: ${issue.message}`);
      options.log.error({ jobId: run.id, problems }, 'invalid job payload; failed without retrying');
      options.metrics?.jobs.inc({ kind: 'invalid', result: 'failed' });
      throw new InvalidJob(`invalid job payload: ${problems.join('; ')}`);
    }
    const job = parsed.data;
    const log = options.log.child({ jobId: run.id, attempt: run.attempt, ...logFieldsOf(job) });
    try {
      if (job.kind === 'review') await review(options, job, run, log);
      else await rescan(options, job, log);
      options.metrics?.jobs.inc({ kind: job.kind, result: 'done' });
    } catch (error) {
      const retry = error instanceof RetryLater ? error : isTransient(error) && !run.lastAttempt ? retryLater(error) : undefined;
      options.metrics?.jobs.inc({ kind: job.kind, result: retry ? 'retry' : 'failed' });
      throw retry ?? error;
    }
  };
}

function retryLater(error: unknown): RetryLater {
  const message = (error as Error | null)?.message ?? String(error);
  return new RetryLater(`GitHub failed transiently: ${message}`, error, requestedWaitMs(error, Date.now()));
}

async function installationOctokit(options: ReviewWorkerOptions, installationId: number, log: Logger): Promise<GitHub> {
  const gh = await options.octokit(installationId);
  options.metrics?.instrument(gh);
  paceSecondaryLimits(gh, log, options.pace, options.metrics ? (seconds) => options.metrics!.rateLimitWait(seconds) : undefined);
  return gh;
}

async function review(options: ReviewWorkerOptions, job: ReviewJob, run: JobRun, log: Logger): Promise<void> {
  const { target } = job;
  const gh = await installationOctokit(options, job.installationId, log);
  const checkOptions = { clock: options.clock, pace: options.pace, log, ...(options.appId === undefined ? {} : { appId: options.appId }) };
  const latest = await options.queue.latestHead(pullKey(target));
  if (latest !== undefined && latest.toLowerCase() !== target.headSha.toLowerCase()) {
    // Not reviewed; a run an earlier attempt of this job started is completed, not left in progress.
    const closed = await new CheckRun(gh, target, checkOptions).completeIfOpen(superseded(target.headSha, latest));
    log.info({ newHeadSha: latest, closedRun: closed }, 'superseded by a newer head before its review started; not reviewed');
    options.metrics?.reviewSeconds.observe({ outcome: 'superseded' }, 0);
    return;
  }

  const attempt = new ReviewAttempt(run.lastAttempt);
  const port = new OctokitPort({
    gh,
    target,
    loadConfig: () => probotConfig(gh, target.owner, target.repo),
    clock: options.clock,
    pace: options.pace,
    log,
    ...(options.appId === undefined ? {} : { appId: options.appId }),
  });
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  log.info('reviewing');
  let outcome;
  try {
    outcome = await runReview(attempt.watch(port), {
      headSha: target.headSha,
      docsUrl: options.docsUrl,
      repositoryUrl: job.repositoryUrl,
      renderer: options.renderer,
      ...(options.scan ? { scan: options.scan } : {}),
    });
  } catch (error) {
    // The check could not even be started (GitHub erred on every try to create it).
    options.metrics?.reviewSeconds.observe({ outcome: 'error' }, seconds());
    if (isTransient(error) && !run.lastAttempt) throw retryLater(error);
    log.error({ err: error }, 'review could not start; marking the check failed');
    await new CheckRun(gh, target, checkOptions)
      .completeOrCreate(gaveUp(error))
      .catch((e: unknown) => log.error({ err: e }, 'could not mark the check failed'));
    throw error;
  }
  if (attempt.heldBack !== undefined) {
    options.metrics?.reviewSeconds.observe({ outcome: 'retry' }, seconds());
    throw retryLater(attempt.heldBack);
  }
  options.metrics?.reviewSeconds.observe({ outcome: outcome.status }, seconds());
  if (outcome.status === 'failed') log.error({ err: outcome.error }, 'review failed; the check says so');
  else if (outcome.status === 'published') {
    log.info(
      {
        conclusion: outcome.output.conclusion,
        comments: outcome.comments.length,
        findings: outcome.plan.findings.length,
        resolved: outcome.plan.resolve.length,
      },
      'review published',
    );
  } else log.info({ status: outcome.status, conclusion: outcome.output.conclusion }, 'review completed without comments');
  if (attempt.completionFailed !== undefined) {
    if (!run.lastAttempt) throw retryLater(attempt.completionFailed);
    log.error({ err: attempt.completionFailed }, 'the check could not be completed; the next review of this commit takes it over');
  }
}

async function rescan(options: ReviewWorkerOptions, job: RescanJob, log: Logger): Promise<void> {
  const { owner, repo } = job;
  const gh = await installationOctokit(options, job.installationId, log);
  if (job.comment) {
    const { id, user } = job.comment;
    const answer = await takeRescanComment(gh, { owner, repo, commentId: id, user }, (error) =>
      log.warn({ err: error }, 'could not react to the rescan comment'),
    );
    if (answer === 'declined') {
      log.info({ user }, 'rescan asked by a user without write access; declined');
      await gh.rest.issues.createComment({
        owner,
        repo,
        issue_number: job.number!,
        body: `@${user} thanks for asking. Bulwark rescans on request only for people with write access to this repository; a maintainer can comment \`/bulwark rescan\` or press **Rescan** on the Bulwark check. Every push is reviewed anyway.`,
        request: { retries: 0 },
      });
      return;
    }
  }
  let number = job.number;
  if (number === undefined && job.headSha !== undefined) {
    // A fork's pull request is not listed in the event: our check run on the commit keeps its number.
    const { data } = await gh.rest.checks.listForRef({
      owner,
      repo,
      ref: job.headSha,
      check_name: CHECK_NAME,
      filter: 'latest',
      ...(options.appId === undefined ? {} : { app_id: options.appId }),
    });
    number = data.check_runs.map((r) => pullNumberFromExternalId(r.external_id)).find((n) => n !== undefined);
  }
  if (number === undefined) {
    log.warn({ sha: job.headSha }, 'no pull request for this commit; nothing to review');
    return;
  }
  const { data: pull } = await gh.rest.pulls.get({ owner, repo, pull_number: number });
  const target = targetOf(pull as PullLike, job.headSha ?? pull.head.sha);
  await options.queue.recordHead(pullKey(target), pull.head.sha);
  const submitted = await options.queue.submit({
    kind: 'review',
    installationId: job.installationId,
    delivery: job.delivery,
    reason: job.reason,
    repositoryUrl: job.repositoryUrl,
    target,
  });
  log.info({ sha: target.headSha, submitted }, 'rescan queued');
}

/** Probot's config loader (`context.config`) without a webhook context: the org's `.github` repository and `_extends` too. */
async function probotConfig(gh: GitHub, owner: string, repo: string): Promise<unknown> {
  const config = (gh as unknown as { config: { get(params: object): Promise<{ config: unknown; files: Array<{ config: unknown }> }> } })
    .config;
  const { config: value, files } = await config.get({ owner, repo, path: `.github/${CONFIG_FILE}` });
  return files.some((file) => file.config !== null) ? value : null;
}

function superseded(sha: string, head: string): CheckOutput {
  return {
    conclusion: 'neutral',
    title: 'Superseded by a newer commit',
    summary: `This review of ${sha.slice(0, 7)} was overtaken by ${head.slice(0, 7)}, which is reviewed on its own; nothing was posted.`,
    annotations: [],
  };
}

function gaveUp(error: unknown): CheckOutput {
  const message = String((error as Error | null)?.message ?? error).slice(0, 500);
  return {
    conclusion: 'failure',
    title: 'Bulwark could not finish the review',
    summary: `GitHub kept failing while Bulwark reviewed this commit (last error: \`${message}\`), so nothing was checked. Re-run the check, or comment \`/bulwark rescan\`.`,
    annotations: [],
  };
}
