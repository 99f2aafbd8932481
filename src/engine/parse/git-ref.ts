/** Branch names that every reader recognises as moving targets. */
const BRANCHES = new Set([
  'main',
  'master',
  'head',
  'develop',
  'development',
  'dev',
  'trunk',
  'default',
  'staging',
  'stable',
  'next',
  'latest',
  'release',
  'prod',
  'production',
]);

export type RefKind = 'commit' | 'tag' | 'branch' | 'branch-like';

/**
 * What a Git ref names. Git cannot tell a tag from a branch by its name, so this reads names as people
 * write them: a full (or abbreviated) commit hash, `refs/tags/...`, or a version-like name (`v1.2.0`,
 * `1.4`, `vpc-v2.3.1`) is pinned; `refs/heads/...`, the usual branch names and names without a version in
 * them (`feature/login`, `hotfix`) are branches.
 */
export function refKind(ref: string): RefKind {
  if (/^refs\/tags\//.test(ref)) return 'tag';
  if (/^refs\/heads\//.test(ref)) return 'branch';
  if (/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i.test(ref)) return 'commit';
  if (BRANCHES.has(ref.toLowerCase())) return 'branch';
  if (/^[0-9a-f]{7,39}$/i.test(ref) && /\d/.test(ref)) return 'commit';
  if (/^v?\d+(?:\.\d+)*(?:[-+._][0-9a-z.+-]*)?$/i.test(ref) || /\d+\.\d+/.test(ref)) return 'tag';
  return 'branch-like';
}
