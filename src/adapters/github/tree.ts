import type { GitHub, Log, PullTarget } from './client.js';

/** The files of the head commit, with their sizes: one request for the whole repository. */
export interface HeadTree {
  paths: string[];
  /** Bytes per path: files too large to scan are then never downloaded. */
  sizes: Map<string, number>;
}

export async function readHeadTree(gh: GitHub, target: PullTarget, log?: Log): Promise<HeadTree> {
  const { data } = await gh.rest.git.getTree({ owner: target.owner, repo: target.repo, tree_sha: target.headSha, recursive: 'true' });
  if (data.truncated)
    log?.warn({ entries: data.tree.length }, 'the repository tree is too large for one listing; cross-file rules see only part of it');
  const paths: string[] = [];
  const sizes = new Map<string, number>();
  for (const entry of data.tree) {
    if (entry.type !== 'blob' || entry.path === undefined) continue;
    paths.push(entry.path);
    if (entry.size !== undefined) sizes.set(entry.path, entry.size);
  }
  return { paths, sizes };
}

/**
 * The commit the pull request's diff is against (GitHub lists changed files against it): the merge base of the
 * base branch's commit and the head, from one comparison (one commit per page; only its merge base is read).
 */
export async function readMergeBase(gh: GitHub, target: PullTarget): Promise<string> {
  if (target.baseSha === undefined) throw new Error('the pull request names no base commit');
  const { data } = await gh.rest.repos.compareCommitsWithBasehead({
    owner: target.owner,
    repo: target.repo,
    basehead: `${target.baseSha}...${target.headSha}`,
    per_page: 1,
  });
  return data.merge_base_commit.sha;
}
