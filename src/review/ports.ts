import type { Config } from '../engine/config.js';
import type { Rendering } from '../engine/rendered/rendering.js';
/**
 * The port: the few operations a review needs from GitHub, and nothing of Octokit. The App and the Action
 * implement it over the REST and GraphQL APIs; `bulwark review` implements it over a local git repository.
 */

export type FileStatus = 'added' | 'modified' | 'removed' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface ChangedFile {
  path: string;
  previousPath?: string;
  status: FileStatus;
  /** The unified diff of the file; absent when GitHub omits it (binary or very large diffs). */
  patch?: string;
}

/** A file's content at the head commit, or why it could not be had. */
export type FileContent = { path: string; text: string; byteLength?: number } | { path: string; skipped: string };

/** A review comment Bulwark posted earlier on the pull request, recognised by its hidden fingerprint. */
export interface PostedComment {
  fingerprint: string;
  path: string;
  /** The review thread, for resolving it once the finding is fixed. */
  threadId: string | undefined;
  resolved: boolean;
}

export interface InlineComment {
  path: string;
  body: string;
  /** Last line of the commented range (RIGHT side); absent for a file-level comment. */
  line?: number;
  /** First line when the comment (and its suggestion) spans several lines. */
  startLine?: number;
}

export interface Annotation {
  path: string;
  startLine: number;
  endLine: number;
  level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

export type Conclusion = 'success' | 'failure' | 'neutral';

export interface CheckOutput {
  conclusion: Conclusion;
  title: string;
  summary: string;
  text?: string;
  annotations: Annotation[];
}

/** A review whose comments GitHub refused (422: a line it will not accept); it does not say which. */
export class ReviewRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewRejectedError';
  }
}

/** One revision's charts and overlays to render, for the review's render port. */
export interface RenderRequest {
  /** The repository's paths at this revision that the configuration includes: charts and overlays are found among them. */
  paths: readonly string[];
  /** Every path of the revision, included or not (a chart may read a file the configuration leaves out). */
  readable: readonly string[];
  read(paths: readonly string[]): Promise<FileContent[]>;
  /** The paths the pull request changes: only charts and overlays holding or reading one are rendered. */
  changed: ReadonlySet<string>;
}

/**
 * Renders charts and overlays (helm, kustomize): an adapter's job, since the review core never starts a process.
 * One review's renders share one time budget, started by `forReview`: the head renders first, the merge base
 * gets what is left.
 */
export interface RenderPort {
  forReview(config: Config): (request: RenderRequest) => Promise<Rendering[]>;
}

/** The configuration as the platform reads it: the file's text, or a value a config loader already parsed. */
export type ConfigSource = ({ text: string } | { value: unknown }) & {
  /** The file it came from, when not `.github/bulwark.yml` (the Action's `config` input). */
  path?: string;
};

export interface ReviewPort {
  /** `.github/bulwark.yml` from the default branch (never the pull request's), or undefined when absent. */
  readConfig(): Promise<ConfigSource | undefined>;
  listChangedFiles(): Promise<ChangedFile[]>;
  /** Contents at the head commit, as few requests as the platform allows. */
  readFiles(paths: readonly string[]): Promise<FileContent[]>;
  /**
   * Contents at the merge base (the commit the pull request's diff is against), batched with the head's
   * reads where the platform allows. Rejects when the merge base itself cannot be had.
   */
  readBaseFiles(paths: readonly string[]): Promise<FileContent[]>;
  /**
   * Other files of the repository that cross-object rules read (NetworkPolicies, ServiceAccounts,
   * kustomizations, Terraform modules): paths at the head commit.
   */
  listContextPaths(): Promise<string[]>;
  listPostedComments(): Promise<PostedComment[]>;
  /** The pull request's head commit now: a push during the scan makes its results stale. */
  currentHeadSha(): Promise<string>;
  startCheck(): Promise<void>;
  completeCheck(output: CheckOutput): Promise<void>;
  /** Posts one review (event COMMENT, on the head commit) with these comments; throws ReviewRejectedError on a 422. */
  postReview(comments: readonly InlineComment[]): Promise<void>;
  resolveThread(threadId: string, reply: string): Promise<void>;
}
