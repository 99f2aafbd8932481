import { LAYER_TITLES, SEVERITIES, type Finding, type Layer, type Severity, type SkippedFile } from '../engine/model.js';
import type { RuleMeta } from '../engine/rules/rule.js';
import type { Annotation, CheckOutput, InlineComment } from './github.js';
import type { PlannedFinding, ReviewPlan, Suggestion } from './plan.js';
import { codeSpan, markdownText, plainText, urlPath } from './untrusted-text.js';

/** Markdown for everything the review says: comment bodies, suggestions, fingerprints, the check summary. */

export interface RenderContext {
  catalog: ReadonlyMap<string, RuleMeta>;
  /** Base URL of the rule docs; a rule's page is `<base>/<rule-id>.md`. */
  docsUrl: string;
  headSha: string;
  /** `https://github.com/<owner>/<repo>`, to link findings to their lines; plain text without it. */
  repositoryUrl?: string;
}

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: '🟥 Critical',
  high: '🟧 High',
  medium: '🟨 Medium',
  low: '🟦 Low',
  info: '⬜ Info',
};

const ANNOTATION_LEVEL: Record<Severity, Annotation['level']> = {
  critical: 'failure',
  high: 'failure',
  medium: 'warning',
  low: 'notice',
  info: 'notice',
};

/** GitHub's limit for a check run's summary and text. */
export const CHECK_TEXT_LIMIT = 65_535;

const FINGERPRINT_MARKER = /^<!-- bulwark:fingerprint=([0-9a-f]{8,64}) -->$/;

export function fingerprintMarker(fingerprint: string): string {
  return `<!-- bulwark:fingerprint=${fingerprint} -->`;
}

/**
 * The fingerprint hidden in a comment Bulwark posted, or undefined for anyone else's comment. Only the
 * body's last line counts: Bulwark writes the marker there, after every piece of pull-request text, so a
 * marker spelled out in a container name or a path (escaped anyway) is never taken for the comment's own.
 */
export function readFingerprint(body: string): string | undefined {
  const trimmed = body.trimEnd();
  const lastLine = trimmed.slice(Math.max(trimmed.lastIndexOf('\n'), trimmed.lastIndexOf('\r')) + 1);
  return FINGERPRINT_MARKER.exec(lastLine)?.[1];
}

/** A suggestion block whose fence is longer than any run of backticks in the replacement. */
export function suggestionBlock(replacement: string): string {
  const longestRun = Math.max(0, ...[...replacement.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const body = replacement.endsWith('\n') ? replacement : `${replacement}\n`;
  return `${fence}suggestion\n${body}${fence}`;
}

export function commentBody(planned: PlannedFinding, context: RenderContext): string {
  const { finding } = planned;
  const rule = context.catalog.get(finding.ruleId);
  const parts = [`**${SEVERITY_LABEL[finding.severity]} · \`${finding.ruleId}\`**${rule ? ` · ${rule.summary}` : ''}`, '', markdownText(finding.message)];
  if (rule) parts.push('', `**Why it matters:** ${rule.rationale}`, '', `**How to fix:** ${rule.remediation}`);
  if (planned.suggestion) parts.push('', suggestionBlock(planned.suggestion.replacement));
  parts.push(
    '',
    `<sub>[Rule documentation](${context.docsUrl}/${finding.ruleId}.md) · deliberate? add \`# bulwark:ignore ${finding.ruleId} -- <reason>\`</sub>`,
    fingerprintMarker(planned.fingerprint),
  );
  return parts.join('\n');
}

export function inlineComments(plan: ReviewPlan, context: RenderContext): InlineComment[] {
  return plan.findings
    .filter((p) => p.placement === 'comment' || p.placement === 'file-comment')
    .map((p) => {
      const comment: InlineComment = { path: p.finding.path, body: commentBody(p, context) };
      if (p.placement === 'file-comment') return comment;
      const range = p.suggestion ?? { startLine: p.finding.range.start.line, line: p.finding.range.start.line };
      comment.line = range.line;
      if (range.startLine < range.line) comment.startLine = range.startLine;
      return comment;
    });
}

export function annotationOf(finding: Finding, context: RenderContext): Annotation {
  const rule = context.catalog.get(finding.ruleId);
  return {
    path: finding.path,
    startLine: finding.range.start.line,
    endLine: finding.range.start.line,
    level: ANNOTATION_LEVEL[finding.severity],
    title: `${finding.ruleId} (${finding.severity})`,
    message: rule ? `${plainText(finding.message)}\n\nHow to fix: ${rule.remediation}` : plainText(finding.message),
  };
}

const PLACEMENT_LABEL: Record<PlannedFinding['placement'], string> = {
  comment: 'comment',
  'file-comment': 'file comment',
  'already-commented': 'commented earlier',
  annotation: 'annotation',
  'over-limit': 'annotation (comment limit reached)',
};

export interface SummaryInput {
  plan: ReviewPlan;
  suppressed: readonly Finding[];
  skipped: readonly SkippedFile[];
  scannedFiles: number;
  failOn: Severity;
  /** Rows the publisher moved from comments to annotations because GitHub refused them. */
  rejected?: ReadonlySet<string>;
  /** Where the summary goes, when not a check run: its size limit, and where rows cut from it can be found. */
  limit?: SummaryLimit;
}

export interface SummaryLimit {
  bytes: number;
  /** Said after the cut: where every finding still is. */
  elsewhere: string;
}

/** The check run: conclusion, a title with the counts, and a summary grouped by the nine layers. */
export function checkOutput(input: SummaryInput, context: RenderContext): CheckOutput {
  const { plan } = input;
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const p of plan.findings) counts[p.finding.severity]++;
  const total = plan.findings.length;
  const failing = plan.findings.filter((p) => p.failing).length;
  const title =
    input.scannedFiles === 0 && total === 0
      ? 'No Kubernetes or IaC changes'
      : total === 0
        ? 'No findings'
        : `${total} finding${total === 1 ? '' : 's'}: ${SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`).join(', ')}`;

  const head: string[] = [];
  if (input.scannedFiles === 0 && total === 0) {
    head.push('This pull request changes no Kubernetes manifests, Helm charts, Kustomize overlays, Terraform, CloudFormation or Dockerfiles.');
  } else {
    head.push(
      plan.conclusion === 'failure'
        ? `**${failing} finding${failing === 1 ? '' : 's'} at or above \`${input.failOn}\`** in ${input.scannedFiles} scanned file${input.scannedFiles === 1 ? '' : 's'}.`
        : `Nothing at or above \`${input.failOn}\` in ${input.scannedFiles} scanned file${input.scannedFiles === 1 ? '' : 's'}.`,
      '',
      '| critical | high | medium | low | info | suppressed |',
      '|---:|---:|---:|---:|---:|---:|',
      `| ${SEVERITIES.map((s) => counts[s]).join(' | ')} | ${input.suppressed.length} |`,
    );
  }

  const sections: string[] = [];
  const layers = [...new Set(plan.findings.map((p) => p.finding.layer))].sort((a, b) => a - b);
  for (const layer of layers) {
    sections.push('', `### ${layer}. ${LAYER_TITLES[layer as Layer]}`, '', '| severity | rule | where | finding | posted as |', '|---|---|---|---|---|');
    for (const p of plan.findings.filter((x) => x.finding.layer === layer)) {
      const place = `${p.finding.path}:${p.finding.range.start.line}`;
      const where = context.repositoryUrl ? `[${markdownText(place)}](${blobUrl(p.finding, context.repositoryUrl, context.headSha)})` : codeSpan(place, { inTable: true });
      const placed = input.rejected?.has(p.fingerprint) ? 'annotation (GitHub refused the comment)' : PLACEMENT_LABEL[p.placement];
      sections.push(`| ${p.finding.severity} | [\`${p.finding.ruleId}\`](${context.docsUrl}/${p.finding.ruleId}.md) | ${where} | ${markdownText(p.finding.message)} | ${placed} |`);
    }
  }
  if (input.suppressed.length > 0) {
    sections.push('', `### Suppressed (${input.suppressed.length})`, '', '| rule | where | reason |', '|---|---|---|');
    for (const f of input.suppressed) sections.push(`| \`${f.ruleId}\` | ${markdownText(`${f.path}:${f.range.start.line}`)} | ${markdownText(f.suppressed?.reason ?? '')} |`);
  }
  if (input.skipped.length > 0) {
    sections.push('', `### Files not scanned (${input.skipped.length})`, '');
    for (const s of input.skipped) sections.push(`- ${codeSpan(s.path)}: ${markdownText(s.reason)}`);
  }
  const annotations = plan.findings
    .filter((p) => p.placement === 'annotation' || p.placement === 'over-limit' || input.rejected?.has(p.fingerprint))
    .map((p) => annotationOf(p.finding, context));
  return {
    conclusion: plan.conclusion,
    title,
    summary: fitToLimit(head, sections, input.limit),
    annotations,
  };
}

function blobUrl(finding: Finding, repositoryUrl: string, sha: string): string {
  return `${repositoryUrl}/blob/${sha}/${urlPath(finding.path)}#L${finding.range.start.line}`;
}

/** Keeps the summary under GitHub's limit, cutting rows from the end and saying how many were left out. */
function fitToLimit(
  head: string[],
  rows: string[],
  limit: SummaryLimit = { bytes: CHECK_TEXT_LIMIT, elsewhere: 'GitHub limits a check summary to 65,535 bytes. Every finding is still in the annotations or the inline comments.' },
): string {
  const encoder = new TextEncoder();
  const size = (lines: string[]) => encoder.encode(lines.join('\n')).length;
  const all = [...head, ...rows];
  if (size(all) <= limit.bytes) return all.join('\n');
  const kept = [...head];
  let used = size(kept) + Math.max(200, encoder.encode(limit.elsewhere).length + 60); // room for the note below
  let cut = 0;
  for (const row of rows) {
    const next = encoder.encode(row).length + 1;
    if (used + next > limit.bytes) {
      cut = rows.length - (kept.length - head.length);
      break;
    }
    kept.push(row);
    used += next;
  }
  kept.push('', `_…and ${cut} more lines not shown: ${limit.elsewhere}_`);
  return kept.join('\n');
}
