import type { Config } from '../engine/config.js';
import { LAYER_TITLES, SEVERITIES, severityRank, type Finding, type Layer, type Severity, type SkippedFile } from '../engine/model.js';
import type { RuleMeta } from '../engine/rules/rule.js';
import type { Annotation, CheckOutput, InlineComment } from './ports.js';
import { fingerprintsOf, type PlannedComment, type PlannedFinding, type ReviewPlan } from './plan.js';
import { codeSpan, markdownText, oneLine, plainText, urlPath } from './untrusted-text.js';
import { isUnscanned } from './verdict.js';

/** Markdown for everything the review says: comment bodies, suggestions, fingerprints, the check summary. */

export interface MarkdownContext {
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

// One fingerprint per finding of the comment (findings on one line share a comment), comma-separated.
const FINGERPRINT_MARKER = /^<!-- bulwark:fingerprint=([0-9a-f]{8,64}(?:,[0-9a-f]{8,64})*) -->$/;

export function fingerprintMarker(fingerprint: string): string {
  return `<!-- bulwark:fingerprint=${fingerprint} -->`;
}

/**
 * The fingerprints hidden in a comment Bulwark posted (comma-separated), or undefined for anyone else's comment.
 * Only the body's last line counts: Bulwark writes the marker there, after every piece of pull-request text, so
 * a marker spelled out in a container name or a path (escaped anyway) is never taken for the comment's own.
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

/**
 * A review comment: each finding on the line (most severe first) with what is wrong, why and how to fix it,
 * one suggestion applying their fixes together, and the fingerprints of all of them in one hidden marker.
 */
export function commentBody(comment: Pick<PlannedComment, 'findings' | 'suggestion'>, context: MarkdownContext): string {
  const blocks = comment.findings.map(({ finding }) => {
    const rule = context.catalog.get(finding.ruleId);
    const parts = [
      `**${SEVERITY_LABEL[finding.severity]} · \`${finding.ruleId}\`**${rule ? ` · ${rule.summary}` : ''}`,
      '',
      markdownText(finding.message),
    ];
    if (rule) parts.push('', `**Why it matters:** ${rule.rationale}`, '', `**How to fix:** ${rule.remediation}`);
    return { parts, docs: `<sub>${ruleLink(finding, context)} · deliberate? add \`# bulwark:ignore ${finding.ruleId} -- <reason>\`</sub>` };
  });
  const marker = fingerprintMarker(comment.findings.map((p) => p.fingerprint).join(','));
  const suggestion = comment.suggestion
    ? ['', suggestionBlock(comment.suggestion.replacement), ...riskNotes(comment.suggestion.risks ?? [])]
    : [];
  if (blocks.length === 1) return [...blocks[0]!.parts, ...suggestion, '', blocks[0]!.docs, marker].join('\n');
  const lead = `**${blocks.length} findings on this line**${comment.suggestion ? '; the suggestion fixes them together.' : ''}`;
  return [lead, '', blocks.map((b) => [...b.parts, '', b.docs].join('\n')).join('\n\n---\n\n'), ...suggestion, marker].join('\n');
}

/**
 * What a suggestion's risky fixes may break, said under it before someone commits it with one click (a safe
 * suggestion says nothing more).
 */
function riskNotes(risks: readonly string[]): string[] {
  if (risks.length === 0) return [];
  if (risks.length === 1) return ['', `⚠️ **This suggestion may break the workload:** ${risks[0]}`];
  return ['', '⚠️ **This suggestion may break the workload:**', ...risks.map((risk) => `- ${risk}`)];
}

export function inlineComments(plan: ReviewPlan, context: MarkdownContext): InlineComment[] {
  return plan.comments.map((planned) => {
    const comment: InlineComment = { path: planned.path, body: commentBody(planned, context) };
    if (planned.line === undefined) return comment;
    const range = planned.suggestion ?? { startLine: planned.line, line: planned.line };
    comment.line = range.line;
    if (range.startLine < range.line) comment.startLine = range.startLine;
    return comment;
  });
}

export function annotationOf(finding: Finding, context: MarkdownContext): Annotation {
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
  existing: 'existing',
};

export interface SummaryInput {
  plan: ReviewPlan;
  suppressed: readonly Finding[];
  skipped: readonly SkippedFile[];
  scannedFiles: number;
  failOn: Severity;
  /** Which findings count toward failOn (default `new`), said next to the verdict. */
  failScope?: Config['failScope'];
  /** What could not be read at the merge base: its findings there are unknown, so the head's count as new. */
  baseProblems?: readonly SkippedFile[];
  /** Rows the publisher moved from comments to annotations because GitHub refused them (by fingerprint). */
  rejected?: ReadonlySet<string>;
  /** Where the summary goes, when not a check run: its size limit, and where rows cut from it can be found. */
  limit?: SummaryLimit;
  /** How the head's charts were rendered (`Rendering.notes`: a dependency taken from the repository). */
  renderNotes?: readonly string[];
}

export interface SummaryLimit {
  bytes: number;
  /** Said after the cut: where every finding still is. */
  elsewhere: string;
}

/** Rows of new findings, suppressions and skipped files the summary lists before saying "and N more". */
const MAX_ROWS = 100;
/** Example locations per rule among existing findings, and fixed findings listed. */
const EXAMPLES_PER_RULE = 3;
const MAX_FIXED_ROWS = 50;

/**
 * The check run: the conclusion; a title with the new findings and what was not scanned; a summary with the
 * new findings grouped by the nine layers, the existing ones counted by rule in a collapsed section, and the
 * fixed ones listed.
 */
export function checkOutput(input: SummaryInput, context: MarkdownContext): CheckOutput {
  const { plan } = input;
  const fresh = plan.findings.filter((p) => p.verdict === 'new');
  const existing = plan.findings.filter((p) => p.verdict === 'existing');
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const p of fresh) counts[p.finding.severity]++;
  const failing = plan.findings.filter((p) => p.failing).length;
  const nothing = input.scannedFiles === 0 && plan.findings.length === 0 && plan.fixed.length === 0 && plan.unscanned.length === 0;
  // What was not scanned leads the title on its own; its findings are not counted again there.
  const titled = fresh.filter((p) => !isUnscanned(p.finding));
  const titleCounts = Object.fromEntries(SEVERITIES.map((s) => [s, titled.filter((p) => p.finding.severity === s).length])) as Record<
    Severity,
    number
  >;
  const title = nothing ? 'No Kubernetes or IaC changes' : titleOf(plan, titled.length, existing.length, titleCounts);

  const head: string[] = [];
  if (nothing) {
    head.push(
      'This pull request changes no Kubernetes manifests, Helm charts, Kustomize overlays, Terraform, CloudFormation or Dockerfiles.',
    );
  } else {
    const files = `${input.scannedFiles} scanned file${input.scannedFiles === 1 ? '' : 's'}`;
    const scope = plan.compared ? SCOPE_NOTE[input.failScope ?? 'new'] : '';
    head.push(
      failing > 0
        ? `**${failing} finding${failing === 1 ? '' : 's'} at or above \`${input.failOn}\`**${scope} in ${files}.`
        : `Nothing at or above \`${input.failOn}\`${scope} in ${files}.`,
    );
    if (plan.unscanned.length > 0) {
      head.push(
        '',
        plan.unscannedFails
          ? `**${plan.unscanned.length} input${plan.unscanned.length === 1 ? '' : 's'} of this pull request could not be scanned, which fails the check** (\`unscanned: fail\`): a reviewer that cannot read something does not pass it.`
          : `${plan.unscanned.length} input${plan.unscanned.length === 1 ? '' : 's'} of this pull request could not be scanned (\`unscanned: warn\`).`,
      );
    }
    head.push(
      '',
      ...(plan.compared
        ? [
            '| new: critical | high | medium | low | info | existing | fixed | suppressed |',
            '|---:|---:|---:|---:|---:|---:|---:|---:|',
            `| ${SEVERITIES.map((s) => counts[s]).join(' | ')} | ${existing.length} | ${plan.fixed.length} | ${input.suppressed.length} |`,
          ]
        : [
            '| critical | high | medium | low | info | suppressed |',
            '|---:|---:|---:|---:|---:|---:|',
            `| ${SEVERITIES.map((s) => counts[s]).join(' | ')} | ${input.suppressed.length} |`,
          ]),
    );
    if (plan.fixed.length > 0) head.push('', `This pull request fixes ${plan.fixed.length} finding${plan.fixed.length === 1 ? '' : 's'}.`);
  }

  const sections: string[] = [];
  if (plan.unscanned.length > 0) {
    sections.push('', `### Not scanned (${plan.unscanned.length})`, '');
    for (const s of plan.unscanned.slice(0, MAX_ROWS)) sections.push(`- ${codeSpan(s.path)}: ${markdownText(s.reason)}`);
    more(sections, plan.unscanned.length, MAX_ROWS, 'inputs');
  }
  if (input.baseProblems && input.baseProblems.length > 0) {
    sections.push(
      '',
      '### The base could not be read',
      '',
      'These could not be read at the merge base, so every finding the head has there counts as new:',
      '',
    );
    for (const s of input.baseProblems.slice(0, MAX_ROWS)) sections.push(`- ${codeSpan(s.path)} (base): ${markdownText(s.reason)}`);
    more(sections, input.baseProblems.length, MAX_ROWS, 'inputs');
  }
  const layers = [...new Set(fresh.map((p) => p.finding.layer))].sort((a, b) => a - b);
  let rows = 0;
  for (const layer of layers) {
    if (rows >= MAX_ROWS) break;
    sections.push(
      '',
      `### ${layer}. ${LAYER_TITLES[layer as Layer]}`,
      '',
      '| severity | rule | where | finding | posted as |',
      '|---|---|---|---|---|',
    );
    for (const p of fresh.filter((x) => x.finding.layer === layer)) {
      if (rows++ >= MAX_ROWS) break;
      const placed = isRejected(input.rejected, p) ? 'annotation (GitHub refused the comment)' : PLACEMENT_LABEL[p.placement];
      sections.push(
        `| ${p.finding.severity} | [\`${p.finding.ruleId}\`](${ruleUrl(p.finding, context)}) | ${where(p.finding, context)} | ${markdownText(p.finding.message)} | ${placed} |`,
      );
    }
  }
  more(sections, fresh.length, MAX_ROWS, `${plan.compared ? 'new ' : ''}findings (each is an annotation or a comment)`);
  if (existing.length > 0) sections.push(...existingSection(existing, input.failScope ?? 'new', context));
  if (plan.fixed.length > 0) {
    sections.push(
      '',
      `### Fixed (${plan.fixed.length})`,
      '',
      `<details><summary>This pull request fixes ${plan.fixed.length} finding${plan.fixed.length === 1 ? '' : 's'} the base had</summary>`,
      '',
    );
    for (const f of plan.fixed.slice(0, MAX_FIXED_ROWS))
      sections.push(
        `- \`${f.finding.ruleId}\` at ${codeSpan(`${f.finding.path}:${f.finding.range.start.line}`)} (base): ${markdownText(f.finding.message)}`,
      );
    more(sections, plan.fixed.length, MAX_FIXED_ROWS, 'fixed findings');
    sections.push('', '</details>');
  }
  if (input.suppressed.length > 0) {
    sections.push('', `### Suppressed (${input.suppressed.length})`, '', '| rule | where | reason |', '|---|---|---|');
    for (const f of input.suppressed.slice(0, MAX_ROWS))
      sections.push(
        `| \`${f.ruleId}\` | ${markdownText(`${f.path}:${f.range.start.line}`)} | ${markdownText(f.suppressed?.reason ?? '')} |`,
      );
    more(sections, input.suppressed.length, MAX_ROWS, 'suppressed findings');
  }
  const skipped = input.skipped.filter((s) => !plan.unscanned.some((u) => u.path === s.path && u.reason === s.reason));
  if (skipped.length > 0) {
    sections.push('', `### Files not scanned (${skipped.length})`, '');
    for (const s of skipped.slice(0, MAX_ROWS)) sections.push(`- ${codeSpan(s.path)}: ${markdownText(s.reason)}`);
    more(sections, skipped.length, MAX_ROWS, 'files');
  }
  // How charts were rendered: a dependency taken from the repository (a library chart) is said, never assumed.
  const renderNotes = [...new Set(input.renderNotes ?? [])];
  if (renderNotes.length > 0) {
    sections.push('', '### How charts were rendered', '');
    for (const note of renderNotes.slice(0, MAX_ROWS)) sections.push(`- ${markdownText(note)}`);
    more(sections, renderNotes.length, MAX_ROWS, 'notes');
  }
  // Existing findings are annotations (notices) only in the files the change touches; new ones that are not
  // comments are annotations at their severity's level.
  const annotations = [
    ...fresh
      .filter((p) => p.placement === 'annotation' || p.placement === 'over-limit' || isRejected(input.rejected, p))
      .map((p) => annotationOf(p.finding, context)),
    ...existing
      .filter((p) => p.changedFile)
      .map((p) => ({
        ...annotationOf(p.finding, context),
        level: 'notice' as const,
        title: `${p.finding.ruleId} (${p.finding.severity}, existing)`,
      })),
  ];
  return {
    conclusion: plan.conclusion,
    title,
    summary: fitToLimit(head, sections, input.limit),
    annotations,
  };
}

/** Why the check fails, in one line: the findings that count toward failOn, and what could not be scanned. */
export function failureReason(plan: ReviewPlan, failOn: Severity, where = 'the job summary lists them'): string {
  const failing = plan.findings.filter((p) => p.failing).length;
  const parts: string[] = [];
  if (failing > 0) parts.push(`${failing} finding${failing === 1 ? '' : 's'} at or above ${failOn} (fail-on)`);
  if (plan.unscannedFails)
    parts.push(`${plan.unscanned.length} input${plan.unscanned.length === 1 ? '' : 's'} not scanned (unscanned: fail)`);
  return `${parts.join('; ')}; ${where}.`;
}

const SCOPE_NOTE: Record<Config['failScope'], string> = {
  new: ' that this pull request introduces,',
  'changed-files': ' in the changed files',
  'changed-lines': ' on the changed lines',
  all: '',
};

function titleOf(plan: ReviewPlan, fresh: number, existing: number, counts: Record<Severity, number>): string {
  const parts: string[] = [];
  if (plan.unscanned.length > 0) {
    const first = plan.unscanned[0]!;
    const reason = first.reason.length > 80 ? `${first.reason.slice(0, 79)}…` : first.reason;
    const others = plan.unscanned.length > 1 ? ` and ${plan.unscanned.length - 1} more` : '';
    parts.push(`Not scanned: ${oneLine(first.path.length > 80 ? `…${first.path.slice(-79)}` : first.path)} (${oneLine(reason)})${others}`);
  }
  if (fresh > 0)
    parts.push(
      `${fresh}${plan.compared ? ' new' : ''} finding${fresh === 1 ? '' : 's'}: ${SEVERITIES.filter((s) => counts[s] > 0)
        .map((s) => `${counts[s]} ${s}`)
        .join(', ')}`,
    );
  else if (plan.unscanned.length === 0) parts.push(existing > 0 ? 'No new findings' : 'No findings');
  if (existing > 0) parts.push(`${existing} existing`);
  if (plan.fixed.length > 0) parts.push(`${plan.fixed.length} fixed`);
  return parts.join('; ');
}

/** Existing findings by rule: how many, and a few places, in a collapsed section. */
function existingSection(existing: readonly PlannedFinding[], scope: Config['failScope'], context: MarkdownContext): string[] {
  const byRule = new Map<string, PlannedFinding[]>();
  for (const p of existing) {
    const list = byRule.get(p.finding.ruleId);
    if (list) list.push(p);
    else byRule.set(p.finding.ruleId, [p]);
  }
  const rules = [...byRule.values()].sort(
    (a, b) =>
      severityRank(a[0]!.finding.severity) - severityRank(b[0]!.finding.severity) ||
      b.length - a.length ||
      (a[0]!.finding.ruleId < b[0]!.finding.ruleId ? -1 : 1),
  );
  const counted = scope === 'new' ? 'they do not count toward the check' : `they count toward the check (\`failScope: ${scope}\`)`;
  const out = [
    '',
    `### Existing (${existing.length})`,
    '',
    `<details><summary>${existing.length} finding${existing.length === 1 ? ' was' : 's were'} already on the base branch: ${counted}</summary>`,
    '',
    '| rule | severity | count | for example |',
    '|---|---|---:|---|',
  ];
  for (const list of rules) {
    const { ruleId, severity } = list[0]!.finding;
    const examples = list
      .slice(0, EXAMPLES_PER_RULE)
      .map((p) => where(p.finding, context))
      .join(', ');
    out.push(
      `| [\`${ruleId}\`](${ruleUrl(list[0]!.finding, context)}) | ${severity} | ${list.length} | ${examples}${list.length > EXAMPLES_PER_RULE ? ', …' : ''} |`,
    );
  }
  out.push('', '</details>');
  return out;
}

function where(finding: Finding, context: MarkdownContext): string {
  const place = `${finding.path}:${finding.range.start.line}`;
  return context.repositoryUrl
    ? `[${markdownText(place)}](${blobUrl(finding, context.repositoryUrl, context.headSha)})`
    : codeSpan(place, { inTable: true });
}

function more(lines: string[], total: number, shown: number, what: string): void {
  if (total > shown) lines.push('', `_…and ${total - shown} more ${what}._`);
}

function isRejected(rejected: ReadonlySet<string> | undefined, planned: PlannedFinding): boolean {
  return rejected !== undefined && fingerprintsOf(planned.fingerprint).some((print) => rejected.has(print));
}

/** The rule's documentation page; for the repository's own policies, the line of the file that defines it. */
function ruleUrl(finding: Finding, context: MarkdownContext): string {
  const origin = finding.origin;
  if (origin && context.repositoryUrl) return `${context.repositoryUrl}/blob/${context.headSha}/${urlPath(origin.path)}#L${origin.line}`;
  return `${context.docsUrl}/${finding.ruleId}.md`;
}

function ruleLink(finding: Finding, context: MarkdownContext): string {
  const origin = finding.origin;
  if (!origin) return `[Rule documentation](${ruleUrl(finding, context)})`;
  if (!context.repositoryUrl) return `Policy defined in ${codeSpan(`${origin.path}:${origin.line}`)}`;
  return `[Policy definition](${ruleUrl(finding, context)})`;
}

function blobUrl(finding: Finding, repositoryUrl: string, sha: string): string {
  return `${repositoryUrl}/blob/${sha}/${urlPath(finding.path)}#L${finding.range.start.line}`;
}

/** Keeps the summary under GitHub's limit, cutting rows from the end and saying how many were left out. */
function fitToLimit(
  head: string[],
  rows: string[],
  limit: SummaryLimit = {
    bytes: CHECK_TEXT_LIMIT,
    elsewhere: 'GitHub limits a check summary to 65,535 bytes. Every finding is still in the annotations or the inline comments.',
  },
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

/**
 * The check when the configuration is invalid: nothing was scanned, and it says what to fix. `review`: a pull
 * request's review, configured from the default branch; `scan`: a scan of the checked-out tree (the Action on push).
 */
export function invalidConfigOutput(path: string, problems: readonly string[], kind: 'review' | 'scan'): CheckOutput {
  const file = codeSpan(path);
  const lines =
    kind === 'review'
      ? [
          'Bulwark did not review this pull request because its configuration on the default branch is invalid:',
          '',
          ...problems.map((problem) => `- ${problem}`),
          '',
          `Fix ${file} on the default branch (see the configuration reference in the README), then re-run this check.`,
        ]
      : [`Bulwark did not scan because its configuration ${file} is invalid:`, '', ...problems.map((problem) => `- ${problem}`)];
  return { conclusion: 'failure', title: `Invalid ${path}`, summary: lines.join('\n'), annotations: [] };
}
