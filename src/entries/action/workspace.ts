import * as core from '@actions/core';
import { resolve } from 'node:path';
import { ConfigError, DEFAULT_CONFIG, parseConfig, withOverrides, type Config } from '../../engine/config.js';
import type { Finding } from '../../engine/model.js';
import { CATALOG, RULE_IDS } from '../../engine/rules/index.js';
import { scanEach } from '../../engine/scan.js';
import { readTree, renderTree } from '../../workspace/tree.js';
import { countBySeverity, emptyCounts } from '../../report/report.js';
import type { CheckOutput } from '../../review/ports.js';
import { planReview } from '../../review/plan.js';
import { checkOutput, failureReason, invalidConfigOutput, type MarkdownContext } from '../../review/markdown.js';
import { readWorkspaceConfig } from './config.js';
import type { ActionEnvironment } from './environment.js';
import { configOverrides, type ActionInputs } from './inputs.js';
import { JOB_SUMMARY_LIMIT, JobSummary, logFindings } from './job-summary.js';
import type { ActionResult } from './result.js';
import { openSarif, type SarifFile } from './sarif-file.js';

export interface WorkspaceScan {
  env: ActionEnvironment;
  inputs: ActionInputs;
  docsUrl: string;
}

/**
 * `push` and `workflow_dispatch`: no pull request to review, so the checked-out files are scanned as
 * `bulwark scan` would (the working directory is the repository's root; paths and globs are relative to
 * it), with the results in the job summary, as annotations (most severe first) and, when asked, as SARIF.
 */
export async function scanWorkspace({ env, inputs, docsUrl }: WorkspaceScan): Promise<ActionResult> {
  const root = resolve(env.workspace, inputs.workingDirectory);
  const summary = new JobSummary(`scanning ${root} at ${env.sha.slice(0, 7) || 'the checked-out commit'} (${env.eventName})`);
  await summary.start();

  let config: Config;
  let configPath = inputs.config;
  try {
    const source = await readWorkspaceConfig(root, inputs);
    configPath = source.path;
    config = withOverrides(source.text === undefined ? DEFAULT_CONFIG : parseConfig(source.text, RULE_IDS), configOverrides(inputs));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const output = invalidConfigOutput(configPath, error.problems, 'scan');
    await summary.complete(output);
    return { conclusion: 'failure', counts: emptyCounts(), failure: `${output.title}: ${error.problems.join('; ')}` };
  }

  const tree = await readTree(root, ['.'], config);
  // Charts and overlays are rendered with helm and kustomize, as `bulwark scan` renders them.
  const { renderings, sandboxNotice } = await renderTree(tree);
  if (sandboxNotice) core.warning(`Bulwark: ${sandboxNotice}`);

  let sarif: SarifFile | undefined;
  if (inputs.sarif !== undefined) sarif = openSarif(resolve(root, inputs.sarif));
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  let scanned;
  try {
    scanned = scanEach({ files: tree.files, context: tree.context, renderings, config }, (result) => {
      findings.push(...result.findings);
      suppressed.push(...result.suppressed);
      sarif?.file(result);
    });
  } finally {
    sarif?.close();
  }

  // The review's plan and summary, with no diff: every finding is an annotation and counts toward fail-on.
  const plan = planReview({ findings, files: new Map(), posted: [], config: { ...config, comments: 'off' }, scannedPaths: new Set() });
  const markdown: MarkdownContext = {
    catalog: new Map(CATALOG.map((rule) => [rule.id, rule])),
    docsUrl,
    headSha: env.sha,
    repositoryUrl: `${env.serverUrl}/${env.owner}/${env.repo}`,
  };
  const skipped = [...tree.skipped, ...scanned.skipped].sort((a, b) => (a.path < b.path ? -1 : 1));
  const output: CheckOutput =
    scanned.scannedFiles === 0 && findings.length === 0
      ? {
          conclusion: 'success',
          title: 'No Kubernetes or IaC files',
          summary: `Bulwark found no Kubernetes manifests, Helm charts, Kustomize overlays, Terraform, CloudFormation or Dockerfiles in \`${inputs.workingDirectory}\`${config.paths.include.length > 0 ? ` matching ${config.paths.include.map((g) => `\`${g}\``).join(', ')}` : ''}.`,
          annotations: [],
        }
      : checkOutput(
          { plan, suppressed, skipped, scannedFiles: scanned.scannedFiles, failOn: config.failOn, limit: JOB_SUMMARY_LIMIT },
          markdown,
        );
  logFindings(plan.findings);
  await summary.complete(output);

  const result: ActionResult = { conclusion: output.conclusion, counts: countBySeverity(findings) };
  if (sarif) result.sarif = sarif.path;
  if (output.conclusion === 'failure') result.failure = failureReason(plan, config.failOn);
  return result;
}
