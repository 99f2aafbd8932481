import type { GitHub } from './client.js';
import { statusOf } from './errors.js';

/** Who may ask for a rescan: people who could push the fix themselves. */
const RESCAN_PERMISSIONS = new Set(['admin', 'write']);
const RESCAN_ROLES = new Set(['admin', 'maintain', 'write']);

/**
 * Whether `username` has write, maintain or admin access to the repository. `permission` folds maintain and
 * custom write-based roles into `write`; `role_name` is checked too, for maintain. Not a collaborator: no.
 */
export async function mayRescan(gh: GitHub, owner: string, repo: string, username: string): Promise<boolean> {
  try {
    const { data } = await gh.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username });
    return RESCAN_PERMISSIONS.has(data.permission) || RESCAN_ROLES.has(data.role_name);
  } catch (error) {
    if (statusOf(error) === 404) return false;
    throw error;
  }
}

export interface RescanComment {
  owner: string;
  repo: string;
  commentId: number;
  user: string;
}

/**
 * A `/bulwark rescan` comment, taken as the App and the Action both take it: only someone with write access may
 * ask; an accepted request is acknowledged with an 👀 reaction (a reaction that fails is only said, via
 * `onReactionError`: the rescan goes on).
 */
export async function takeRescanComment(
  gh: GitHub,
  comment: RescanComment,
  onReactionError: (error: unknown) => void,
): Promise<'accepted' | 'declined'> {
  const { owner, repo, commentId, user } = comment;
  if (!(await mayRescan(gh, owner, repo, user))) return 'declined';
  await gh.rest.reactions.createForIssueComment({ owner, repo, comment_id: commentId, content: 'eyes' }).catch(onReactionError);
  return 'accepted';
}
