import type { Logger } from 'probot';
import { CHECK_NAME, RESCAN_ACTION } from '../../adapters/github/client.js';
import { isRescanCommand, pullNumberFromExternalId, targetOf, type PullLike } from '../../adapters/github/events.js';
import { jobIdOf, type Job } from '../../adapters/queue/job.js';
import type { Metrics } from '../../adapters/queue/metrics.js';
import { QueueUnavailable, type ReviewQueue } from '../../adapters/queue/queue.js';

/** A webhook delivery as intake reads it: GitHub's delivery id, event name, and the parsed payload (not yet trusted in shape). */
export interface Delivery {
  id: string;
  name: string;
  payload: unknown;
}

/** The events (with their action) that can ask for a review; intake ignores every other. */
export const INTAKE_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
  'issue_comment.created',
  'check_run.rerequested',
  'check_run.requested_action',
  'check_suite.rerequested',
] as const;

const HANDLED = new Set<string>(INTAKE_EVENTS);

/** The fields of the payloads intake reads; anything else in them is left alone. */
interface Payload {
  action?: string;
  installation?: { id?: number };
  repository?: { id?: number; name?: string; full_name?: string; html_url?: string; owner?: { login?: string } };
  sender?: { login?: string; type?: string };
  pull_request?: PullLike & { state?: string };
  issue?: { number: number; pull_request?: unknown };
  comment?: { id: number; body?: string | null };
  requested_action?: { identifier?: string } | null;
  check_run?: {
    name: string;
    head_sha: string;
    external_id?: string | null;
    pull_requests: Array<{ number: number; base: { repo: { id: number } } }>;
  };
  check_suite?: { head_sha?: string | null; pull_requests: Array<{ number: number; base: { repo: { id: number } } }> };
}

/**
 * Intake: decides whether a delivery asks for a review and queues its job. No GitHub request, no client: the
 * same decision whether the delivery came through Bulwark's webhook route or Probot's.
 */
export class Intake {
  constructor(
    private readonly queue: ReviewQueue,
    private readonly metrics: Metrics,
  ) {}

  /** The event with its action (`pull_request.opened`), when intake acts on it; undefined for any other. */
  static handled(delivery: Delivery): string | undefined {
    const action = (delivery.payload as Payload | null)?.action;
    const event = typeof action === 'string' ? `${delivery.name}.${action}` : delivery.name;
    return HANDLED.has(event) ? event : undefined;
  }

  /**
   * Queues the delivery's job, if it asks for one (logged with `log` and counted either way). Throws
   * `QueueUnavailable` when the queue cannot take it, so that GitHub is answered 503 and shows the failure.
   */
  async receive(delivery: Delivery, log: Logger): Promise<void> {
    const event = Intake.handled(delivery);
    if (event === undefined) return;
    const job = jobOf(event, delivery, log);
    if (!job) {
      this.metrics.webhooks.inc({ event, result: 'ignored' });
      return;
    }
    const jobId = jobIdOf(job);
    try {
      const result = await this.queue.submit(job, { delivery: delivery.id, newHead: job.kind === 'review' });
      this.metrics.webhooks.inc({ event, result });
      log.info({ jobId, delivery: delivery.id, result }, result === 'queued' ? 'review queued' : `not queued again: ${result}`);
    } catch (error) {
      this.metrics.webhooks.inc({ event, result: 'unavailable' });
      log.error({ jobId, delivery: delivery.id, err: error }, 'could not queue the review; GitHub is told the delivery failed');
      throw error instanceof QueueUnavailable ? error : new QueueUnavailable((error as Error).message);
    }
  }
}

/** The job `event` asks for, or undefined when it asks for none. */
function jobOf(event: string, delivery: Delivery, log: Logger): Job | undefined {
  const payload = delivery.payload as Payload;
  const base = common(delivery, log);
  if (!base) return undefined;
  if (event.startsWith('pull_request.')) {
    const pull = payload.pull_request;
    if (!pull || pull.state !== 'open') return undefined;
    return { kind: 'review', ...base, reason: event, target: targetOf(pull) };
  }
  const repository = payload.repository;
  const owner = repository?.owner?.login;
  const repo = repository?.name;
  if (owner === undefined || repo === undefined) return undefined;
  if (event === 'issue_comment.created') {
    const { comment, issue, sender } = payload;
    if (!comment || !issue?.pull_request || !isRescanCommand(comment.body) || sender?.type === 'Bot' || !sender?.login) return undefined;
    return {
      kind: 'rescan',
      ...base,
      reason: 'comment',
      owner,
      repo,
      number: issue.number,
      comment: { id: comment.id, user: sender.login },
    };
  }
  if (event.startsWith('check_run.')) {
    const run = payload.check_run;
    const asked = payload.action !== 'requested_action' || payload.requested_action?.identifier === RESCAN_ACTION.identifier;
    if (!run || run.name !== CHECK_NAME || !asked) return undefined;
    const listed = run.pull_requests.find((p) => p.base.repo.id === repository?.id)?.number;
    const number = listed ?? pullNumberFromExternalId(run.external_id);
    return { kind: 'rescan', ...base, reason: event, owner, repo, headSha: run.head_sha, ...(number === undefined ? {} : { number }) };
  }
  const suite = payload.check_suite;
  if (!suite?.head_sha) return undefined;
  const number = suite.pull_requests.find((p) => p.base.repo.id === repository?.id)?.number;
  return {
    kind: 'rescan',
    ...base,
    reason: 'check_suite.rerequested',
    owner,
    repo,
    headSha: suite.head_sha,
    ...(number === undefined ? {} : { number }),
  };
}

/** The fields every job carries, or undefined for an event without an installation (nothing to act as). */
function common(delivery: Delivery, log: Logger): { installationId: number; delivery: string; repositoryUrl: string } | undefined {
  const payload = delivery.payload as Payload;
  const installationId = payload.installation?.id;
  if (typeof installationId !== 'number') {
    log.warn({ delivery: delivery.id }, 'event without an installation; ignored');
    return undefined;
  }
  const repositoryUrl = payload.repository?.html_url ?? `https://github.com/${payload.repository?.full_name ?? ''}`;
  return { installationId, delivery: delivery.id, repositoryUrl };
}
