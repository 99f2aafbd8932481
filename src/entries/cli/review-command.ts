import { GitError, git, gitMaybe } from '../../adapters/git/git.js';
import { LocalGitPort, type LocalRange } from '../../adapters/git/local-port.js';
import { toolRenderer } from '../../adapters/tools/render-port.js';
import { runReview, type ReviewOutcome } from '../../review/review.js';
import { RULE_DOCS_URL } from '../../review/docs-url.js';

export type ReviewFormat = 'text' | 'markdown' | 'json';

export interface ReviewCommand {
  cwd: string;
  base: string | undefined;
  head: string | undefined;
  format: ReviewFormat;
  configPath: string | undefined;
}

/** A problem with the request itself (not a git repository, no base branch): exit code 2. */
export class ReviewUsageError extends Error {}

/**
 * `bulwark review`: the pull-request review of the local branch, through the same collect → scan → plan →
 * write path as the App, with git standing in for GitHub.
 */
export async function runLocalReview(command: ReviewCommand): Promise<{ report: string; failed: boolean }> {
  const range = await resolveRange(command);
  const port = new LocalGitPort(range);
  const outcome = await runReview(port, { headSha: range.headSha, docsUrl: RULE_DOCS_URL, renderer: toolRenderer() });
  if (outcome.status === 'failed') throw outcome.error;
  const report =
    command.format === 'json'
      ? jsonReport(range, port, outcome)
      : command.format === 'markdown'
        ? `## Bulwark: ${outcome.output.title}\n\n${outcome.output.summary}\n`
        : textReport(range, port, outcome);
  return { report, failed: outcome.output.conclusion === 'failure' };
}

async function resolveRange(command: ReviewCommand): Promise<LocalRange> {
  const root = await gitMaybe(command.cwd, ['rev-parse', '--show-toplevel']);
  if (root === undefined)
    throw new ReviewUsageError(`${command.cwd} is not inside a git repository; bulwark review compares a branch with its base`);
  const base = command.base ?? (await defaultBase(root));
  if (base === undefined)
    throw new ReviewUsageError('no base to compare with: this branch has no upstream and there is no main or master; pass --base REF');
  const verify = async (ref: string) => {
    const sha = await gitMaybe(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    if (sha === undefined) throw new ReviewUsageError(`unknown revision "${ref}"`);
    return sha;
  };
  await verify(base);
  const headSha = await verify(command.head ?? 'HEAD');
  const mergeBase = (
    await git(root, ['merge-base', base, command.head ?? 'HEAD']).catch((error: unknown) => {
      if (error instanceof GitError) throw new ReviewUsageError(`${base} and ${command.head ?? 'HEAD'} have no common history`);
      throw error;
    })
  ).trim();
  const range: LocalRange = { root, base, mergeBase, head: command.head === undefined ? undefined : headSha, headSha };
  if (command.configPath !== undefined) range.configPath = command.configPath;
  return range;
}

/** The upstream of the current branch, else `main`, else `master`. */
async function defaultBase(root: string): Promise<string | undefined> {
  const upstream = await gitMaybe(root, ['rev-parse', '--abbrev-ref', '--symbolic-full-name', '@{upstream}']);
  if (upstream) return upstream;
  for (const candidate of ['main', 'master']) {
    if ((await gitMaybe(root, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`])) !== undefined) return candidate;
  }
  return undefined;
}

function describeRange(range: LocalRange): string {
  return `${range.head === undefined ? 'the working tree' : range.head.slice(0, 7)} against ${range.base} (merge base ${range.mergeBase.slice(0, 7)})`;
}

function textReport(range: LocalRange, port: LocalGitPort, outcome: ReviewOutcome): string {
  const out: string[] = [`Bulwark review of ${describeRange(range)}`, ''];
  if (outcome.status === 'published') {
    const { comments } = port.published;
    out.push(`Inline comments that would be posted (${comments.length}):`, '');
    for (const comment of comments) {
      const where =
        comment.line === undefined
          ? `${comment.path} (file)`
          : comment.startLine === undefined
            ? `${comment.path}:${comment.line}`
            : `${comment.path}:${comment.startLine}-${comment.line}`;
      out.push(`── ${where} ${'─'.repeat(Math.max(3, 76 - where.length))}`, comment.body, '');
    }
    const annotations = outcome.output.annotations;
    out.push(`Check annotations only (${annotations.length}):`, '');
    for (const a of annotations) out.push(`  ${a.path}:${a.startLine}  ${a.title}`, `    ${a.message.split('\n')[0]}`);
    if (annotations.length > 0) out.push('');
  }
  out.push(`Check run "Bulwark": ${outcome.output.conclusion} (${outcome.output.title})`, '', outcome.output.summary, '');
  return out.join('\n');
}

function jsonReport(range: LocalRange, port: LocalGitPort, outcome: ReviewOutcome): string {
  const plan =
    outcome.status === 'published'
      ? outcome.plan.findings.map((p) => ({
          ruleId: p.finding.ruleId,
          severity: p.finding.severity,
          path: p.finding.path,
          line: p.finding.range.start.line,
          message: p.finding.message,
          fingerprint: p.fingerprint,
          verdict: p.verdict,
          placement: p.placement,
          failing: p.failing,
          ...(p.suggestion ? { suggestion: p.suggestion } : {}),
        }))
      : [];
  return `${JSON.stringify(
    {
      base: range.base,
      mergeBase: range.mergeBase,
      head: range.head ?? 'working tree',
      status: outcome.status,
      conclusion: outcome.output.conclusion,
      title: outcome.output.title,
      comments: port.published.comments,
      annotations: outcome.output.annotations,
      findings: plan,
      fixed:
        outcome.status === 'published'
          ? outcome.plan.fixed.map((f) => ({
              ruleId: f.finding.ruleId,
              severity: f.finding.severity,
              path: f.finding.path,
              line: f.finding.range.start.line,
              fingerprint: f.fingerprint,
            }))
          : [],
      notScanned: outcome.status === 'published' ? outcome.plan.unscanned : [],
      // Charts and overlays rendered, at the head and at the merge base: only those the change touches, once each.
      renders: 'renders' in outcome ? outcome.renders : { head: 0, base: 0 },
      summary: outcome.output.summary,
    },
    null,
    2,
  )}\n`;
}
