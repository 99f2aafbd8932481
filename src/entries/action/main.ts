import * as core from '@actions/core';
import { DEFAULT_PACE, type GitHub, type Pace } from '../../adapters/github/client.js';
import { messageOf } from '../../adapters/github/errors.js';
import { isRescanCommand, type PullLike } from '../../adapters/github/events.js';
import { takeRescanComment } from '../../adapters/github/permissions.js';
import { SEVERITIES } from '../../engine/model.js';
import { RULE_DOCS_URL } from '../../review/docs-url.js';
import { EnvironmentError, readEnvironment, type ActionEnvironment } from './environment.js';
import { InputError, readInputs, type ActionInputs } from './inputs.js';
import { TokenAccess } from './job-summary.js';
import { actionLog, logInfo } from './log.js';
import { createOctokit, type OctokitTuning } from './octokit.js';
import { reviewPullRequest } from './pull-request.js';
import { readOnlyReason, type PullOrigin } from './read-only.js';
import { skipped, type ActionResult } from './result.js';
import { scanWorkspace } from './workspace.js';

export interface ActionOptions {
  /** The run's environment (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Waiting on rate limits and retries; tests make it instant. */
  pace?: Pace;
  octokit?: OctokitTuning;
  clock?: () => Date;
}

type Pull = PullLike & PullOrigin & { state: string };

/** Events that scan the checked-out files instead of reviewing a pull request. */
const WORKSPACE_EVENTS = new Set(['push', 'workflow_dispatch', 'schedule']);

/**
 * The Action: reviews the pull request of a `pull_request` run (or of `/bulwark rescan`, or of a
 * `workflow_run` in the fork pattern), or scans the workspace on `push` and `workflow_dispatch`; sets the
 * outputs, and fails the step when a finding at or above `fail-on` is present (the job is the status check).
 */
export async function run(options: ActionOptions = {}): Promise<ActionResult> {
  let result: ActionResult;
  try {
    const env = readEnvironment(options.env ?? process.env);
    const inputs = readInputs((name) => core.getInput(name));
    result = await dispatch(env, inputs, options);
  } catch (error) {
    const known = error instanceof InputError || error instanceof EnvironmentError;
    if (!known) core.debug((error as Error)?.stack ?? String(error));
    result = { ...skipped(), conclusion: 'failure', failure: known ? (error as Error).message : `Bulwark failed: ${messageOf(error)}` };
  }
  const total = SEVERITIES.reduce((sum, severity) => sum + result.counts[severity], 0);
  core.setOutput('findings', total);
  for (const severity of SEVERITIES) core.setOutput(severity, result.counts[severity]);
  core.setOutput('conclusion', result.conclusion);
  core.setOutput('sarif', result.sarif ?? '');
  if (result.failure !== undefined) core.setFailed(result.failure);
  return result;
}

async function dispatch(env: ActionEnvironment, inputs: ActionInputs, options: ActionOptions): Promise<ActionResult> {
  const docsUrl = (options.env ?? process.env).BULWARK_DOCS_URL || RULE_DOCS_URL;
  const pace = options.pace ?? DEFAULT_PACE;
  const clock = options.clock ?? (() => new Date());
  const github = (): GitHub => {
    if (inputs.token === '')
      throw new InputError(['github-token is empty: a pull request review needs the workflow token (the default) or another token']);
    core.setSecret(inputs.token);
    return createOctokit({
      token: inputs.token,
      apiUrl: env.apiUrl,
      graphqlUrl: env.graphqlUrl,
      log: actionLog,
      pace,
      ...(options.octokit ? { tuning: options.octokit } : {}),
    });
  };
  const review = (gh: GitHub, pull: Pull, access: TokenAccess) =>
    reviewPullRequest({ env, inputs, gh, pull, access, docsUrl, pace, clock });
  const { payload } = env;

  switch (env.eventName) {
    case 'pull_request':
    case 'pull_request_target': {
      const pull = payload.pull_request as Pull | undefined;
      if (!pull) throw new EnvironmentError(`the ${env.eventName} event payload has no pull_request`);
      if (payload.action === 'closed' || pull.state !== 'open') return quiet(`pull request #${pull.number} is closed; nothing to review`);
      if (env.eventName === 'pull_request_target') {
        logInfo(
          'Running on pull_request_target: Bulwark reads the pull request only through the API, but this trigger gives the job a write token and secrets next to untrusted code; prefer pull_request (see the README).',
        );
      }
      return review(github(), pull, new TokenAccess(readOnlyReason(env, pull)));
    }

    case 'issue_comment': {
      const { comment, issue, sender } = payload as {
        comment?: { id: number; body?: string };
        issue?: { number: number; pull_request?: unknown };
        sender?: { login: string; type?: string };
      };
      if (payload.action !== 'created' || !issue?.pull_request || !comment || !isRescanCommand(comment.body))
        return quiet('not a /bulwark rescan comment on a pull request');
      if (!sender || sender.type === 'Bot') return quiet('comments from bots are ignored');
      const gh = github();
      const answer = await takeRescanComment(gh, { owner: env.owner, repo: env.repo, commentId: comment.id, user: sender.login }, (error) =>
        logInfo(`Could not react to the comment: ${messageOf(error)}`),
      );
      if (answer === 'declined') {
        return quiet(
          `${sender.login} asked for a rescan without write access to ${env.owner}/${env.repo}; declined (every push is reviewed anyway)`,
        );
      }
      const { data } = await gh.rest.pulls.get({ owner: env.owner, repo: env.repo, pull_number: issue.number });
      const pull = data as unknown as Pull;
      if (pull.state !== 'open') return quiet(`pull request #${pull.number} is closed; nothing to review`);
      return review(gh, pull, new TokenAccess());
    }

    case 'workflow_run': {
      // The fork pattern's second half: a trusted run (write token, default branch's workflow) reviews the
      // pull request a `pull_request` run scanned, through the API only; nothing from the pull request runs.
      const triggering = payload.workflow_run as
        { head_sha: string; pull_requests?: Array<{ number: number; base: { repo: { id: number } } }> } | undefined;
      if (!triggering) throw new EnvironmentError('the workflow_run event payload has no workflow_run');
      const repositoryId = (payload.repository as { id?: number } | undefined)?.id;
      const number = inputs.pullRequest ?? triggering.pull_requests?.find((p) => p.base.repo.id === repositoryId)?.number;
      if (number === undefined)
        return quiet('the triggering run names no pull request of this repository (for forks, pass its number as the pull-request input)');
      const gh = github();
      const { data } = await gh.rest.pulls.get({ owner: env.owner, repo: env.repo, pull_number: number });
      const pull = data as unknown as Pull;
      if (pull.state !== 'open') return quiet(`pull request #${number} is closed; nothing to review`);
      if (pull.head.sha !== triggering.head_sha) {
        return quiet(
          `pull request #${number} is at ${pull.head.sha.slice(0, 7)}, not at ${triggering.head_sha.slice(0, 7)} which the triggering run scanned; the run of the newer commit reviews it`,
        );
      }
      return review(gh, pull, new TokenAccess());
    }

    default:
      if (WORKSPACE_EVENTS.has(env.eventName)) return scanWorkspace({ env, inputs, docsUrl });
      core.warning(
        `Bulwark does nothing on ${env.eventName} events: run it on pull_request (reviews), push or workflow_dispatch (scans the workspace), or issue_comment (/bulwark rescan).`,
      );
      return skipped();
  }
}

function quiet(reason: string): ActionResult {
  logInfo(`Skipped: ${reason}.`);
  return skipped();
}
