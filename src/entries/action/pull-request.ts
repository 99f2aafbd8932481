import { resolve } from 'node:path';
import type { GitHub, Pace } from '../../adapters/github/client.js';
import { messageOf } from '../../adapters/github/errors.js';
import { targetOf, type PullLike } from '../../adapters/github/events.js';
import { OctokitPort } from '../../adapters/github/octokit-port.js';
import { toolRenderer } from '../../adapters/tools/render-port.js';
import { countBySeverity, emptyCounts } from '../../report/report.js';
import { failureReason } from '../../review/markdown.js';
import { runReview } from '../../review/review.js';
import { readDefaultBranchConfig } from './config.js';
import type { ActionEnvironment } from './environment.js';
import { configOverrides, type ActionInputs } from './inputs.js';
import { JOB_SUMMARY_LIMIT, JobSummary, logFindings, type TokenAccess } from './job-summary.js';
import { actionLog, logInfo } from './log.js';
import { ActionPort, type PullOrigin } from './read-only.js';
import type { ActionResult } from './result.js';
import { writeSarif } from './sarif-file.js';

export interface PullRequestReview {
  env: ActionEnvironment;
  inputs: ActionInputs;
  gh: GitHub;
  pull: PullLike & PullOrigin;
  /** Whether the token can write, as far as is known before posting. */
  access: TokenAccess;
  docsUrl: string;
  pace: Pace;
  clock: () => Date;
}

/**
 * The App's review of a pull request, run by the Action: the same port over the REST and GraphQL APIs and
 * the same review core (collect, scan, plan, publish), with the check published to the job summary and
 * workflow annotations instead of a check run, and comments held back when the token cannot write.
 */
export async function reviewPullRequest(review: PullRequestReview): Promise<ActionResult> {
  const { env, inputs, gh, pull, access } = review;
  const target = targetOf(pull);
  const summary = new JobSummary(
    `reviewing pull request ${target.owner}/${target.repo}#${target.number} at ${target.headSha.slice(0, 7)}`,
    access,
  );
  if (access.readOnly) logInfo(`No inline comments will be posted: ${access.readOnlyReason}`);
  const port = new OctokitPort({
    gh,
    target,
    readConfig: async () => {
      const source = await readDefaultBranchConfig(gh, target, inputs);
      return source.text === undefined ? undefined : { text: source.text, path: source.path };
    },
    check: summary,
    reviewNote: env.runUrl
      ? `The job summary of [this workflow run](${env.runUrl}) lists every finding.`
      : 'The job summary of this workflow run lists every finding.',
    clock: review.clock,
    pace: review.pace,
    log: actionLog,
  });
  const repositoryUrl =
    (env.payload.repository as { html_url?: string } | undefined)?.html_url ?? `${env.serverUrl}/${target.owner}/${target.repo}`;
  const outcome = await runReview(new ActionPort(port, access, actionLog), {
    headSha: target.headSha,
    docsUrl: review.docsUrl,
    repositoryUrl,
    summaryLimit: JOB_SUMMARY_LIMIT,
    renderer: toolRenderer(),
    overrides: configOverrides(inputs, access.readOnly),
  });

  switch (outcome.status) {
    case 'published': {
      const findings = outcome.plan.findings.map((p) => p.finding);
      const inline = outcome.comments.length;
      logFindings(outcome.plan.findings);
      if (access.readOnly) logInfo(`No inline comments were posted: ${access.readOnlyReason}`);
      else
        logInfo(
          `Posted ${inline} new inline comment${inline === 1 ? '' : 's'}; ${outcome.output.annotations.length} finding${outcome.output.annotations.length === 1 ? ' is an annotation' : 's are annotations'}.`,
        );
      const result: ActionResult = { conclusion: outcome.output.conclusion, counts: countBySeverity(findings) };
      if (inputs.sarif !== undefined) result.sarif = writeSarif(resolve(env.workspace, inputs.workingDirectory, inputs.sarif), findings);
      if (outcome.output.conclusion === 'failure') {
        result.failure = failureReason(outcome.plan, outcome.config.failOn);
      }
      return result;
    }
    case 'superseded':
      logInfo(
        `Pull request #${target.number} moved on to ${outcome.newHeadSha.slice(0, 7)} during the review; the run for that commit reviews it. Nothing was posted.`,
      );
      return { conclusion: 'neutral', counts: emptyCounts() };
    case 'invalid-config':
      return { conclusion: 'failure', counts: emptyCounts(), failure: `${outcome.output.title}: ${outcome.problems.join('; ')}` };
    case 'failed':
      return { conclusion: 'failure', counts: emptyCounts(), failure: `Bulwark could not finish the review: ${messageOf(outcome.error)}` };
  }
}
