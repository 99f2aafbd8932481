import { ReviewRejectedError, type InlineComment } from '../../review/ports.js';
import { readFingerprint } from '../../review/markdown.js';
import type { GitHub, Pace, PullTarget } from './client.js';
import { isUnprocessable, messageOf } from './errors.js';
import { listBulwarkThreads } from './review-threads.js';
import { NO_RETRY, writeOnce } from './write-once.js';

/**
 * Posts Bulwark's comments: those on a line as one review (event COMMENT, on the head commit, `side: RIGHT`,
 * `start_line` for a range), file-level ones as single review comments (`subject_type: file`), which a
 * review cannot carry. A 422 (a line GitHub will not accept) becomes ReviewRejectedError; a comment already
 * posted by this poster is never sent again, so the core's one-by-one fallback after a refusal cannot
 * duplicate what went through.
 */
export class ReviewPoster {
  private readonly posted = new Set<string>();

  constructor(
    private readonly gh: GitHub,
    private readonly target: PullTarget,
    private readonly pace: Pace,
    /** Where the review body says every finding is listed; default: the Bulwark check. */
    private readonly note?: string,
  ) {}

  async post(comments: readonly InlineComment[]): Promise<void> {
    const fresh = comments.filter((c) => !this.posted.has(keyOf(c)));
    const onLines = fresh.filter((c) => c.line !== undefined);
    const onFiles = fresh.filter((c) => c.line === undefined);
    if (onLines.length > 0) {
      await this.send(onLines, () =>
        this.gh.rest.pulls.createReview({
          ...this.pull(),
          commit_id: this.target.headSha,
          event: 'COMMENT',
          // A comment holds every finding on its line: the body counts findings, not comments.
          body: reviewBody(
            this.target.headSha,
            onLines.reduce((n, c) => n + (readFingerprint(c.body)?.split(',').length ?? 1), 0),
            this.note,
          ),
          comments: onLines.map(toReviewComment),
          ...NO_RETRY,
        }),
      );
    }
    for (const comment of onFiles) {
      await this.send([comment], () =>
        this.gh.rest.pulls.createReviewComment({
          ...this.pull(),
          commit_id: this.target.headSha,
          path: comment.path,
          body: comment.body,
          subject_type: 'file',
          ...NO_RETRY,
        }),
      );
    }
  }

  private async send(comments: readonly InlineComment[], write: () => Promise<unknown>): Promise<void> {
    try {
      await writeOnce(
        async () => (await write(), true),
        async () => ((await this.alreadyOnPullRequest(comments)) ? true : undefined),
        this.pace,
      );
    } catch (error) {
      if (isUnprocessable(error)) throw new ReviewRejectedError(messageOf(error));
      throw error;
    }
    for (const comment of comments) this.posted.add(keyOf(comment));
  }

  /** After a server error: did the comments land anyway? Their fingerprints say. */
  private async alreadyOnPullRequest(comments: readonly InlineComment[]): Promise<boolean> {
    const there = new Set((await listBulwarkThreads(this.gh, this.target)).flatMap((p) => p.fingerprint.split(',')));
    return comments.every((c) => (readFingerprint(c.body) ?? '\0').split(',').every((print) => there.has(print)));
  }

  private pull() {
    return { owner: this.target.owner, repo: this.target.repo, pull_number: this.target.number };
  }
}

function keyOf(comment: InlineComment): string {
  return readFingerprint(comment.body) ?? `${comment.path}\0${comment.startLine ?? ''}\0${comment.line ?? ''}\0${comment.body}`;
}

function toReviewComment(comment: InlineComment) {
  return {
    path: comment.path,
    body: comment.body,
    line: comment.line!,
    side: 'RIGHT',
    ...(comment.startLine === undefined ? {} : { start_line: comment.startLine, start_side: 'RIGHT' }),
  };
}

export function reviewBody(headSha: string, count: number, note = 'The **Bulwark** check lists every finding.'): string {
  return `Bulwark reviewed ${headSha.slice(0, 7)}: ${count} new finding${count === 1 ? '' : 's'} in the diff. ${note}`;
}
