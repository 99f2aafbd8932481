import type { ApplicationFunction, Context, Probot } from 'probot';
import { CHECK_NAME, DEFAULT_PACE, RESCAN_ACTION, type GitHub, type Log, type Pace, type PullTarget } from '../github/client.js';
import { CONFIG_FILE } from '../github/config.js';
import { isRescanCommand, pullNumberFromExternalId, targetOf, type PullLike } from '../github/events.js';
import { InFlight } from '../github/in-flight.js';
import { OctokitPort } from '../github/octokit-port.js';
import { paceSecondaryLimits } from '../github/pacing.js';
import { mayRescan } from '../github/permissions.js';
import { detectSandbox } from '../render/sandbox.js';
import { RULE_DOCS_URL } from '../review/docs-url.js';
import { runReview, type ReviewOutcome } from '../review/review.js';

export interface BulwarkAppOptions {
  /** Where rule pages live; default BULWARK_DOCS_URL, else the project's docs. */
  docsUrl?: string;
  /** This App's id (default: APP_ID), so only its own check runs are taken over. */
  appId?: number;
  /** Waiting on rate limits and retries; tests make it instant. */
  pace?: Pace;
  clock?: () => Date;
}

const PULL_REQUEST_EVENTS = ['pull_request.opened', 'pull_request.synchronize', 'pull_request.reopened', 'pull_request.ready_for_review'] as const;

/**
 * The Probot App: reviews each pull request when it opens or changes, and again when someone with write
 * access comments `/bulwark rescan` or presses the check's Re-run or Rescan button. Stateless: everything a
 * review needs is on GitHub, so any number of instances can serve the same App.
 */
export function createBulwarkApp(options: BulwarkAppOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    const docsUrl = options.docsUrl ?? process.env.BULWARK_DOCS_URL ?? RULE_DOCS_URL;
    const appId = options.appId ?? (Number(process.env.APP_ID) || undefined);
    const pace = options.pace ?? DEFAULT_PACE;
    const reviews = new InFlight<ReviewOutcome>();
    // Said once at start-up: without a sandbox, every chart and overlay is reported as not rendered (or rendered bare, if configured).
    void detectSandbox().then((sandbox) => {
      if (sandbox.available) app.log.info(`rendering sandbox: ${sandbox.mechanism}`);
      else app.log.warn(`no sandbox for helm and kustomize (${sandbox.reason}): charts and overlays are not rendered unless a repository sets render.sandbox: allow-unsandboxed`);
    });

    /** Reviews one commit of one pull request; a second request for a commit under review joins the first. */
    const review = async (context: Context, target: PullTarget, reason: string): Promise<ReviewOutcome> => {
      const log = context.log.child({ pull: `${target.owner}/${target.repo}#${target.number}`, sha: target.headSha, reason });
      const key = `${target.owner}/${target.repo}@${target.headSha}`.toLowerCase();
      const { promise, joined } = reviews.run(key, async () => {
        const gh = octokitOf(context, log, pace);
        const port = new OctokitPort({
          gh,
          target,
          loadConfig: () => context.config(CONFIG_FILE),
          clock: options.clock ?? (() => new Date()),
          pace,
          log,
          ...(appId === undefined ? {} : { appId }),
        });
        log.info('reviewing');
        const outcome = await runReview(port, { headSha: target.headSha, docsUrl, repositoryUrl: repositoryUrl(context, target) });
        if (outcome.status === 'failed') log.error({ err: outcome.error }, 'review failed; the check says so');
        else if (outcome.status === 'published') {
          log.info({ conclusion: outcome.output.conclusion, comments: outcome.comments.length, findings: outcome.plan.findings.length, resolved: outcome.plan.resolve.length }, 'review published');
        } else log.info({ status: outcome.status, conclusion: outcome.output.conclusion }, 'review completed without comments');
        return outcome;
      });
      if (joined) log.info('a review of this commit is already running; not starting another');
      return promise;
    };

    app.on([...PULL_REQUEST_EVENTS], async (context) => {
      const pull = context.payload.pull_request;
      if (pull.state !== 'open') return;
      await review(context, targetOf(pull as PullLike), `pull_request.${context.payload.action}`);
    });

    app.on('issue_comment.created', async (context) => {
      const { comment, issue, sender, repository } = context.payload;
      if (!issue.pull_request || !isRescanCommand(comment.body)) return;
      if (sender.type === 'Bot') return;
      const owner = repository.owner.login;
      const repo = repository.name;
      const log = context.log.child({ pull: `${owner}/${repo}#${issue.number}`, reason: 'comment' });
      const gh = octokitOf(context, log, pace);
      if (!(await mayRescan(gh, owner, repo, sender.login))) {
        log.info({ user: sender.login }, 'rescan asked by a user without write access; declined');
        await gh.rest.issues.createComment({
          owner,
          repo,
          issue_number: issue.number,
          body: `@${sender.login} thanks for asking. Bulwark rescans on request only for people with write access to this repository; a maintainer can comment \`/bulwark rescan\` or press **Rescan** on the Bulwark check. Every push is reviewed anyway.`,
          request: { retries: 0 },
        });
        return;
      }
      await gh.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content: 'eyes' });
      const { data: pull } = await gh.rest.pulls.get({ owner, repo, pull_number: issue.number });
      await review(context, targetOf(pull as PullLike), 'comment');
    });

    app.on(['check_run.rerequested', 'check_run.requested_action'], async (context) => {
      const run = context.payload.check_run;
      if (run.name !== CHECK_NAME) return;
      if (context.payload.action === 'requested_action' && context.payload.requested_action?.identifier !== RESCAN_ACTION.identifier) return;
      const repositoryId = context.payload.repository.id;
      const listed = run.pull_requests.find((p) => p.base.repo.id === repositoryId)?.number;
      await rescanCommit(context, run.head_sha, listed ?? pullNumberFromExternalId(run.external_id), `check_run.${context.payload.action}`);
    });

    app.on('check_suite.rerequested', async (context) => {
      const suite = context.payload.check_suite;
      const { owner, repo } = context.repo();
      const repositoryId = context.payload.repository.id;
      let number = suite.pull_requests.find((p) => p.base.repo.id === repositoryId)?.number;
      if (number === undefined) {
        // A fork's pull request is not listed: our check run on the commit keeps its number.
        const gh = octokitOf(context, context.log, pace);
        const { data } = await gh.rest.checks.listForRef({ owner, repo, ref: suite.head_sha!, check_name: CHECK_NAME, filter: 'latest', ...(appId === undefined ? {} : { app_id: appId }) });
        number = data.check_runs.map((r) => pullNumberFromExternalId(r.external_id)).find((n) => n !== undefined);
      }
      await rescanCommit(context, suite.head_sha!, number, 'check_suite.rerequested');
    });

    async function rescanCommit(context: Context, headSha: string, number: number | undefined, reason: string): Promise<void> {
      if (number === undefined) {
        context.log.warn({ sha: headSha, reason }, 'no pull request for this commit; nothing to review');
        return;
      }
      const { owner, repo } = context.repo();
      const gh = octokitOf(context, context.log, pace);
      const { data: pull } = await gh.rest.pulls.get({ owner, repo, pull_number: number });
      await review(context, targetOf(pull as PullLike, headSha), reason);
    }
  };
}

function octokitOf(context: Context, log: Log, pace: Pace): GitHub {
  const gh = context.octokit as GitHub;
  paceSecondaryLimits(gh, log, pace);
  return gh;
}

function repositoryUrl(context: Context, target: PullTarget): string {
  const repository = (context.payload as { repository?: { html_url?: string } }).repository;
  return repository?.html_url ?? `https://github.com/${target.owner}/${target.repo}`;
}

/** `probot run ./dist/app.js` loads this. */
export default createBulwarkApp();
