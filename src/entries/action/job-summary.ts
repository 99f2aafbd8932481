import * as core from '@actions/core';
import type { CheckPublisher } from '../../adapters/github/octokit-port.js';
import type { CheckOutput } from '../../review/ports.js';
import type { PlannedFinding } from '../../review/plan.js';
import type { SummaryLimit } from '../../review/markdown.js';
import { markdownText } from '../../review/untrusted-text.js';
import { ANNOTATIONS_PER_LEVEL, emitAnnotations, leftOutText } from './annotations.js';
import { logInfo } from './log.js';

/** Why nothing could be posted on the pull request, once known (before posting, or from GitHub's 403). */
export class TokenAccess {
  constructor(public readOnlyReason: string | undefined = undefined) {}

  get readOnly(): boolean {
    return this.readOnlyReason !== undefined;
  }
}

/**
 * The check, as the Action publishes it: no check run (one created with the workflow token would land in an
 * arbitrary check suite; the job's own result is the status check), but the check's summary in the job
 * summary and its annotations as workflow annotations, the most severe first within GitHub's per-step limits.
 */
export class JobSummary implements CheckPublisher {
  constructor(
    private readonly subject: string,
    private readonly access: TokenAccess = new TokenAccess(),
  ) {}

  async start(): Promise<void> {
    logInfo(`Bulwark: ${this.subject}.`);
  }

  async complete(output: CheckOutput): Promise<void> {
    // A failing step ends with core.setFailed, itself an error annotation: keep it a slot.
    const reserved = output.conclusion === 'failure' ? 1 : 0;
    const { shown, leftOut } = emitAnnotations(output.annotations, reserved);
    const notes: string[] = [];
    if (this.access.readOnlyReason !== undefined) {
      notes.push(
        `> **No inline comments.** ${this.access.readOnlyReason} Every finding is listed below, and the most severe are annotations on the files.`,
      );
    }
    const missing = leftOutText(leftOut);
    const footer =
      missing === undefined
        ? []
        : [
            `_GitHub shows at most ${ANNOTATIONS_PER_LEVEL} error, ${ANNOTATIONS_PER_LEVEL} warning and ${ANNOTATIONS_PER_LEVEL} notice annotations per step${reserved > 0 ? ' (one error is kept for the failure message)' : ''}: ${shown.length} of ${output.annotations.length} findings are annotated, the most severe first; ${missing} are not annotated: the table above and the step’s log list every finding._`,
          ];
    if (missing !== undefined)
      logInfo(
        `Annotations: ${shown.length} of ${output.annotations.length} shown (GitHub's per-step limit); not annotated: ${missing}. The job summary lists every finding.`,
      );
    await writeJobSummary(
      [
        `## Bulwark: ${markdownText(output.title)}`,
        '',
        ...notes.flatMap((n) => [n, '']),
        output.summary,
        ...(footer.length > 0 ? ['', ...footer] : []),
      ].join('\n'),
    );
  }
}

/** Appends markdown to the job summary; outside a runner (no GITHUB_STEP_SUMMARY) it goes to the log. */
export async function writeJobSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(markdown, true).write();
  } catch (error) {
    core.summary.emptyBuffer();
    logInfo(`No job summary (${(error as Error).message}); here it is:\n${markdown}`);
  }
}

/**
 * A job summary may hold 1 MiB per step (against a check run's 65,535 bytes); the heading and notes around
 * the review's summary take the rest.
 */
export const JOB_SUMMARY_LIMIT: SummaryLimit = {
  bytes: 1_000_000,
  elsewhere: 'GitHub limits a job summary to 1 MiB. The step’s log lists every finding.',
};

/** Every finding, one line each, in a collapsed group of the job log: nothing is only in a cut summary. */
export function logFindings(findings: readonly PlannedFinding[]): void {
  if (findings.length === 0) return;
  core.startGroup(`Bulwark findings (${findings.length})`);
  for (const { finding, placement } of findings) {
    logInfo(
      `${finding.path}:${finding.range.start.line}:${finding.range.start.column}  ${finding.severity}  ${finding.ruleId}  ${finding.message}  [${placement}]`,
    );
  }
  core.endGroup();
}
