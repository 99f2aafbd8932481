import type { Logger, ProbotOctokit } from 'probot';

/**
 * The Octokit the port needs: REST methods, GraphQL and request hooks, with throttling and retries plugged
 * in. The App gets it from Probot; the Action builds one from `@octokit/rest` (see src/entries/action/octokit.ts).
 */
export type GitHub = Pick<InstanceType<typeof ProbotOctokit>, 'rest' | 'graphql' | 'hook' | 'request'>;

/** What the GitHub side logs through: Probot's `context.log` (pino); messages never carry tokens. */
export type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

/** The check run Bulwark owns on each head commit; its name is the required status check users configure. */
export const CHECK_NAME = 'Bulwark';

/** The check run's action button, and the identifier `check_run.requested_action` comes back with. */
export const RESCAN_ACTION = { label: 'Rescan', description: 'Scan this commit again', identifier: 'rescan' } as const;

/** One pull request under review, always addressed through its base repository (so forks work). */
export interface PullTarget {
  /** Base repository owner and name. */
  owner: string;
  repo: string;
  number: number;
  /** The head commit this review is for. */
  headSha: string;
  /** The base branch's commit the pull request was last compared with; the merge base is found from it. */
  baseSha?: string;
  /** The base repository's default branch, where `.github/bulwark.yml` is read. */
  defaultBranch: string;
  /** `changed_files` from the pull request, when known: the pages of files are then fetched at once. */
  changedFiles?: number;
}

/** How long to wait, and how: tests replace `sleep` and shrink `secondMs` so backoff is instant and recorded. */
export interface Pace {
  sleep(ms: number): Promise<void>;
  /** Milliseconds in one second of GitHub's `retry-after`. */
  secondMs: number;
}

export const DEFAULT_PACE: Pace = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  secondMs: 1000,
};
