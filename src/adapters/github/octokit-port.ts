import type { ChangedFile, CheckOutput, ConfigSource, FileContent, InlineComment, PostedComment, ReviewPort } from '../../review/ports.js';
import { listChangedFiles } from './changed-files.js';
import { CheckRun } from './check-run.js';
import { DEFAULT_PACE, type GitHub, type Log, type Pace, type PullTarget } from './client.js';
import { readConfig, type ConfigLoader } from './config.js';
import { ContentReader } from './contents.js';
import { listBulwarkThreads, replyAndResolve } from './review-threads.js';
import { ReviewPoster } from './review-poster.js';
import { readHeadTree, readMergeBase, type HeadTree } from './tree.js';

export interface OctokitPortOptions {
  gh: GitHub;
  target: PullTarget;
  /** Probot's config loader; without it the file is fetched from the default branch. */
  loadConfig?: ConfigLoader;
  /** Reads the configuration instead of either (the Action, whose `config` input may name another file). */
  readConfig?: () => Promise<ConfigSource | undefined>;
  /** This App's id: the check runs looked for are its own. */
  appId?: number;
  clock?: () => Date;
  pace?: Pace;
  log?: Log;
  /**
   * Where the check's start and result go instead of a `Bulwark` check run: the Action writes them to the job
   * summary, because check runs made with a workflow token land in an arbitrary check suite.
   */
  check?: CheckPublisher;
  /** The review body's last sentence, saying where every finding is listed (default: the Bulwark check). */
  reviewNote?: string;
}

/** What becomes of the review's check: a check run (the App), or the job summary (the Action). */
export interface CheckPublisher {
  start(): Promise<void>;
  complete(output: CheckOutput): Promise<void>;
}

/**
 * The review port over GitHub's REST and GraphQL APIs for one pull request, addressed through its base
 * repository. Requests grow with pages and batches, not files: one listing per 100 changed files, one tree,
 * one comparison (for the merge base), one GraphQL query per 100 contents (head and base together), one per 100
 * review threads, one review.
 *
 * When the check starts, the reads that do not depend on each other (configuration, changed files, the head
 * tree, the merge base) are sent at once, so a review waits for them once instead of one after another.
 */
export class OctokitPort implements ReviewPort {
  private readonly gh: GitHub;
  private readonly target: PullTarget;
  private readonly check: CheckPublisher;
  private readonly poster: ReviewPoster;
  private readonly contents: ContentReader;
  private readonly pace: Pace;
  private readonly started = new Map<string, Promise<unknown>>();

  constructor(private readonly options: OctokitPortOptions) {
    this.gh = options.gh;
    this.target = options.target;
    this.pace = options.pace ?? DEFAULT_PACE;
    const log = options.log;
    this.check =
      options.check ??
      new CheckRun(this.gh, this.target, {
        clock: options.clock ?? (() => new Date()),
        pace: this.pace,
        ...(options.appId === undefined ? {} : { appId: options.appId }),
        ...(log === undefined ? {} : { log }),
      });
    this.poster = new ReviewPoster(this.gh, this.target, this.pace, options.reviewNote);
    this.contents = new ContentReader(
      this.gh,
      this.target,
      async () => (this.started.has('tree') ? (await this.tree()).sizes : undefined),
      () => this.mergeBase(),
    );
  }

  /** A read sent once, and kept: whoever asks first starts it. */
  private once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let promise = this.started.get(key) as Promise<T> | undefined;
    if (!promise) {
      promise = read();
      promise.catch(() => undefined); // read ahead: a failure is reported when the review asks for it
      this.started.set(key, promise);
    }
    return promise;
  }

  private tree(): Promise<HeadTree> {
    return this.once('tree', () => readHeadTree(this.gh, this.target, this.options.log));
  }

  private mergeBase(): Promise<string> {
    return this.once('merge-base', () => readMergeBase(this.gh, this.target));
  }

  readConfig(): Promise<ConfigSource | undefined> {
    return this.once('config', () => this.options.readConfig?.() ?? readConfig(this.gh, this.target, this.options.loadConfig));
  }

  listChangedFiles(): Promise<ChangedFile[]> {
    return this.once('files', () => listChangedFiles(this.gh, this.target, this.options.log));
  }

  readFiles(paths: readonly string[]): Promise<FileContent[]> {
    return this.contents.read(paths);
  }

  readBaseFiles(paths: readonly string[]): Promise<FileContent[]> {
    return this.contents.read(paths, 'base');
  }

  async listContextPaths(): Promise<string[]> {
    return (await this.tree()).paths;
  }

  listPostedComments(): Promise<PostedComment[]> {
    return listBulwarkThreads(this.gh, this.target);
  }

  async currentHeadSha(): Promise<string> {
    const { data } = await this.gh.rest.pulls.get({ owner: this.target.owner, repo: this.target.repo, pull_number: this.target.number });
    return data.head.sha;
  }

  async startCheck(): Promise<void> {
    void this.readConfig();
    void this.listChangedFiles();
    void this.tree();
    void this.mergeBase();
    await this.check.start();
  }

  completeCheck(output: CheckOutput): Promise<void> {
    return this.check.complete(output);
  }

  postReview(comments: readonly InlineComment[]): Promise<void> {
    return this.poster.post(comments);
  }

  resolveThread(threadId: string, reply: string): Promise<void> {
    return replyAndResolve(this.gh, threadId, reply, this.pace);
  }
}
