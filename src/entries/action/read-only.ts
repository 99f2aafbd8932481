import { isSecondaryRateLimit, messageOf, statusOf } from '../../adapters/github/errors.js';
import type { Log } from '../../adapters/github/client.js';
import {
  ReviewRejectedError,
  type ChangedFile,
  type CheckOutput,
  type ConfigSource,
  type FileContent,
  type InlineComment,
  type PostedComment,
  type ReviewPort,
} from '../../review/ports.js';
import type { ActionEnvironment } from './environment.js';
import type { TokenAccess } from './job-summary.js';

export const FORK_PATTERN_HINT =
  'For inline comments on such pull requests, use the two-workflow pattern in Bulwark’s README ("Use as a GitHub Action").';

/** The pull request fields that say whose token a `pull_request` workflow gets. */
export interface PullOrigin {
  head: { repo: { id?: number; full_name: string; fork?: boolean } | null };
  base: { repo: { id?: number; full_name: string } };
}

/**
 * Why this run's token cannot write to the pull request, known before posting anything, or undefined. Only
 * `pull_request` runs get a read-only token: for a pull request from a fork (its head repository is another
 * repository; `head.repo.fork` alone would also flag branches of a repository that is itself a fork), and for
 * runs Dependabot started.
 */
export function readOnlyReason(env: Pick<ActionEnvironment, 'eventName' | 'actor'>, pull: PullOrigin): string | undefined {
  if (env.eventName !== 'pull_request') return undefined;
  const head = pull.head.repo;
  if (head === null || head.full_name.toLowerCase() !== pull.base.repo.full_name.toLowerCase()) {
    return `This pull request comes from ${head === null ? 'a fork that no longer exists' : `the fork ${head.full_name}`}, and GitHub gives \`pull_request\` workflows of fork pull requests a read-only token. ${FORK_PATTERN_HINT}`;
  }
  if (env.actor === 'dependabot[bot]') {
    return 'Dependabot started this run, and GitHub gives workflows that Dependabot triggers a read-only token.';
  }
  return undefined;
}

/**
 * GitHub refusing a write because the token may not write: REST's 403 "Resource not accessible by
 * integration" (not a rate limit), or a GraphQL FORBIDDEN error.
 */
export function isReadOnlyRefusal(error: unknown): boolean {
  const message = messageOf(error);
  if (statusOf(error) === 403) return !isSecondaryRateLimit(error) && /not accessible by|must have (push|write) access/i.test(message);
  const errors = (error as { errors?: Array<{ type?: string }> } | null)?.errors;
  return (Array.isArray(errors) && errors.some((e) => e?.type === 'FORBIDDEN')) || /Resource not accessible by/i.test(message);
}

/**
 * The review port with the Action's read-only handling around it: when the token is known to be read-only,
 * nothing is posted (the comments come back as refused, so the review turns them into annotations and the
 * summary says so); a 403 on the first write makes the token known read-only, and is not an error.
 */
export class ActionPort implements ReviewPort {
  constructor(
    private readonly inner: ReviewPort,
    private readonly access: TokenAccess,
    private readonly log: Log,
  ) {}

  readConfig(): Promise<ConfigSource | undefined> {
    return this.inner.readConfig();
  }
  listChangedFiles(): Promise<ChangedFile[]> {
    return this.inner.listChangedFiles();
  }
  readFiles(paths: readonly string[]): Promise<FileContent[]> {
    return this.inner.readFiles(paths);
  }
  readBaseFiles(paths: readonly string[]): Promise<FileContent[]> {
    return this.inner.readBaseFiles(paths);
  }
  listContextPaths(): Promise<string[]> {
    return this.inner.listContextPaths();
  }
  listPostedComments(): Promise<PostedComment[]> {
    return this.inner.listPostedComments();
  }
  currentHeadSha(): Promise<string> {
    return this.inner.currentHeadSha();
  }
  startCheck(): Promise<void> {
    return this.inner.startCheck();
  }
  completeCheck(output: CheckOutput): Promise<void> {
    return this.inner.completeCheck(output);
  }

  async postReview(comments: readonly InlineComment[]): Promise<void> {
    if (this.access.readOnly) throw new ReviewRejectedError('the token is read-only');
    try {
      await this.inner.postReview(comments);
    } catch (error) {
      if (!isReadOnlyRefusal(error)) throw error;
      this.refused(error);
      throw new ReviewRejectedError(messageOf(error));
    }
  }

  async resolveThread(threadId: string, reply: string): Promise<void> {
    if (this.access.readOnly) return;
    try {
      await this.inner.resolveThread(threadId, reply);
    } catch (error) {
      if (!isReadOnlyRefusal(error)) throw error;
      this.refused(error);
    }
  }

  private refused(error: unknown): void {
    this.access.readOnlyReason = `GitHub refused to let this workflow's token write to the pull request (403: ${messageOf(error)}). Give the job \`permissions: pull-requests: write\`; pull requests from forks and Dependabot always get a read-only token. ${FORK_PATTERN_HINT}`;
    this.log.info('the token is read-only: publishing through annotations and the job summary instead of review comments');
  }
}
