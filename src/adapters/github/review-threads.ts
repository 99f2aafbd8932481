import type { PostedComment } from '../../review/ports.js';
import { readFingerprint } from '../../review/markdown.js';
import type { GitHub, Pace, PullTarget } from './client.js';
import { NO_RETRY, writeOnce } from './write-once.js';

export const THREADS_QUERY = `query BulwarkReviewThreads($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  viewer { login }
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          isResolved
          path
          comments(first: 1) { nodes { body author { __typename login } } }
        }
      }
    }
  }
}`;

interface ThreadNode {
  id: string;
  isResolved: boolean;
  path: string;
  comments: { nodes: Array<{ body: string; author: { __typename: string; login: string } | null } | null> };
}

interface ThreadsPage {
  viewer: { login: string };
  repository: {
    pullRequest: {
      reviewThreads: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<ThreadNode | null> };
    } | null;
  } | null;
}

/**
 * The review threads Bulwark started on the pull request (every page): a thread counts when its first
 * comment carries a Bulwark fingerprint and was written by this App's bot (the token's own `viewer`), so a
 * user who pastes a fingerprint into a comment cannot silence a finding.
 */
export async function listBulwarkThreads(gh: GitHub, target: PullTarget): Promise<PostedComment[]> {
  const posted: PostedComment[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: ThreadsPage = await gh.graphql<ThreadsPage>(THREADS_QUERY, {
      owner: target.owner,
      name: target.repo,
      number: target.number,
      cursor,
    });
    const threads = page.repository?.pullRequest?.reviewThreads;
    if (!threads) throw new Error(`pull request ${target.owner}/${target.repo}#${target.number} not found`);
    const bot = page.viewer.login.replace(/\[bot\]$/, '');
    for (const thread of threads.nodes) {
      const first = thread?.comments.nodes[0];
      if (!thread || !first?.author || first.author.__typename !== 'Bot') continue;
      if (first.author.login.replace(/\[bot\]$/, '') !== bot) continue;
      const fingerprint = readFingerprint(first.body);
      if (fingerprint) posted.push({ fingerprint, path: thread.path, threadId: thread.id, resolved: thread.isResolved });
    }
    if (!threads.pageInfo.hasNextPage || !threads.pageInfo.endCursor) return posted;
    cursor = threads.pageInfo.endCursor;
  }
}

export const RESOLVE_MUTATION = `mutation BulwarkResolveThread($thread: ID!, $body: String!) {
  addPullRequestReviewThreadReply(input: { pullRequestReviewThreadId: $thread, body: $body }) { comment { id } }
  resolveReviewThread(input: { threadId: $thread }) { thread { id isResolved } }
}`;

export const RESOLVE_ONLY_MUTATION = `mutation BulwarkResolveOnly($thread: ID!) {
  resolveReviewThread(input: { threadId: $thread }) { thread { id isResolved } }
}`;

export const THREAD_STATE_QUERY = `query BulwarkThreadState($thread: ID!) {
  node(id: $thread) {
    ... on PullRequestReviewThread { isResolved comments(last: 1) { nodes { body } } }
  }
}`;

interface ThreadState {
  node: { isResolved: boolean; comments: { nodes: Array<{ body: string } | null> } } | null;
}

/**
 * Replies to a thread whose finding is fixed and resolves it, in one request (the two mutations run in
 * order). After a server error, the thread is read back: a reply already there is not posted again.
 */
export async function replyAndResolve(gh: GitHub, threadId: string, body: string, pace: Pace): Promise<void> {
  await writeOnce(
    async () => {
      await gh.graphql(RESOLVE_MUTATION, { thread: threadId, body, ...NO_RETRY });
      return true;
    },
    async () => {
      const { node } = await gh.graphql<ThreadState>(THREAD_STATE_QUERY, { thread: threadId });
      if (node?.comments.nodes[0]?.body !== body) return undefined;
      if (!node.isResolved) await gh.graphql(RESOLVE_ONLY_MUTATION, { thread: threadId });
      return true;
    },
    pace,
  );
}
