import { z } from 'zod';
import type { PullTarget } from '../github/client.js';

/**
 * What a webhook handler hands to the queue: everything a worker needs to review without the webhook, so any
 * process can take it. A `review` names the commit; a `rescan` (a comment, a Re-run without a listed pull
 * request) still needs GitHub to say who asked and which commit, which the worker finds out.
 */
const SHA = /^[0-9a-f]{40}$/i;

/** A `PullTarget` (every field of it: see `TARGET_COMPLETE`). */
const target = z.object({
  owner: z.string().min(1).max(100),
  repo: z.string().min(1).max(100),
  number: z.number().int().positive(),
  headSha: z.string().regex(SHA),
  baseSha: z.string().regex(SHA).optional(),
  defaultBranch: z.string().min(1),
  changedFiles: z.number().int().nonnegative().optional(),
});

/** Fails to compile when `PullTarget` grows a field the job would drop on its way to a worker. */
const TARGET_COMPLETE: Exclude<keyof PullTarget, keyof z.infer<typeof target>> extends never ? true : never = true;
void TARGET_COMPLETE;

const common = {
  installationId: z.number().int().positive(),
  /** The webhook delivery this job came from (logs, and duplicate deliveries). */
  delivery: z.string().min(1).max(200),
  /** The event that asked for it, for logs: `pull_request.synchronize`, `comment`. */
  reason: z.string().min(1).max(100),
  repositoryUrl: z.string().url(),
};

export const ReviewJobSchema = z.object({ kind: z.literal('review'), ...common, target });

export const RescanJobSchema = z.object({
  kind: z.literal('rescan'),
  ...common,
  owner: z.string().min(1).max(100),
  repo: z.string().min(1).max(100),
  /** Unknown for a Re-run all on a fork's pull request: our check run on the commit keeps it. */
  number: z.number().int().positive().optional(),
  /** The commit a Re-run names; a comment rescans the pull request's current head. */
  headSha: z.string().regex(SHA).optional(),
  /** A `/bulwark rescan` comment: its author's permission is checked and the comment gets an 👀. */
  comment: z.object({ id: z.number().int().positive(), user: z.string().min(1) }).optional(),
});

export const JobSchema = z.discriminatedUnion('kind', [ReviewJobSchema, RescanJobSchema]);

export type ReviewJob = z.infer<typeof ReviewJobSchema>;
export type RescanJob = z.infer<typeof RescanJobSchema>;
export type Job = z.infer<typeof JobSchema>;

/** One pull request of one repository (case-insensitive, as GitHub's names are). */
export function pullKey(target: Pick<PullTarget, 'owner' | 'repo' | 'number'>): string {
  return `${target.owner}/${target.repo}#${target.number}`.toLowerCase();
}

/**
 * The queue's id of a job. Reviews are keyed by repository, pull request and head sha, so a second request for
 * a commit whose review is waiting or running joins it; a rescan is keyed by its delivery.
 */
export function jobIdOf(job: Job): string {
  if (job.kind === 'review') return `review|${pullKey(job.target)}@${job.target.headSha.toLowerCase()}`;
  return `rescan|${job.delivery}`;
}

/** The job's fields every log line of its work carries. */
export function logFieldsOf(job: Job): Record<string, unknown> {
  if (job.kind === 'review') {
    return {
      pull: `${job.target.owner}/${job.target.repo}#${job.target.number}`,
      sha: job.target.headSha,
      reason: job.reason,
      delivery: job.delivery,
    };
  }
  return { pull: `${job.owner}/${job.repo}#${job.number ?? '?'}`, reason: job.reason, delivery: job.delivery };
}
