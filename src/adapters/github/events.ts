import type { PullTarget } from './client.js';

/** The comment command, alone on its first line (case and surrounding spaces do not matter). */
export function isRescanCommand(body: string | null | undefined): boolean {
  const firstLine = (body ?? '').split(/\r?\n/, 1)[0]!;
  return firstLine.trim().replace(/\s+/g, ' ').toLowerCase() === '/bulwark rescan';
}

/** A pull request's number kept in a check run's `external_id`, or undefined when it holds none. */
export function pullNumberFromExternalId(externalId: string | null | undefined): number | undefined {
  if (!externalId || !/^[1-9]\d{0,9}$/.test(externalId)) return undefined;
  return Number(externalId);
}

/** The fields of a pull request (webhook payload or `pulls.get`) that a review needs. */
export interface PullLike {
  number: number;
  changed_files?: number;
  head: { sha: string };
  base: { sha?: string; repo: { name: string; owner: { login: string }; default_branch: string } };
}

/** The review target of a pull request, through its base repository; `headSha` when a re-run names a commit. */
export function targetOf(pull: PullLike, headSha: string = pull.head.sha): PullTarget {
  const target: PullTarget = {
    owner: pull.base.repo.owner.login,
    repo: pull.base.repo.name,
    number: pull.number,
    headSha,
    defaultBranch: pull.base.repo.default_branch,
  };
  if (typeof pull.changed_files === 'number') target.changedFiles = pull.changed_files;
  if (typeof pull.base.sha === 'string') target.baseSha = pull.base.sha;
  return target;
}
