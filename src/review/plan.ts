import type { Config } from '../engine/config.js';
import { applyEdits } from '../engine/fix.js';
import { atLeast, severityRank, type Finding, type SkippedFile, type TextEdit } from '../engine/model.js';
import { SourceFile } from '../engine/source.js';
import { inOneHunk, type CommentableLines } from './diff.js';
import type { PostedComment } from './ports.js';
import { classify, isUnscanned, type BaseFindings, type Fixed, type Verdict } from './verdict.js';

/**
 * Where a finding ended up, so the summary can say it for every one of them. `existing`: the merge base has
 * it too; it is never commented, and is an annotation (notice) only in a file the change touches.
 */
export type Placement = 'comment' | 'file-comment' | 'already-commented' | 'annotation' | 'over-limit' | 'existing';

/** A GitHub suggestion: replace lines `startLine`..`line` with `replacement`. */
export interface Suggestion {
  startLine: number;
  line: number;
  replacement: string;
  /** What its risky fixes may break (`Fix.risk`), when it holds any: the comment says so under it. */
  risks?: string[];
}

export interface PlannedFinding {
  finding: Finding;
  fingerprint: string;
  verdict: Verdict;
  placement: Placement;
  /** Whether the finding counts toward the check's conclusion (`failOn`, within `failScope`). */
  failing: boolean;
  /** Whether its file is one the change touches (existing findings are annotations only there). */
  changedFile: boolean;
  /** The suggestion of the comment this finding is part of (shared by the findings on one line). */
  suggestion?: Suggestion;
}

/** One review comment: every new finding on one line of one file, with one suggestion applying their fixes. */
export interface PlannedComment {
  path: string;
  /** Absent for a file-level comment. */
  line?: number;
  findings: PlannedFinding[];
  suggestion?: Suggestion;
}

/** A changed file as the plan needs it: which lines can carry comments, and its text for suggestions. */
export interface PlanFile {
  lines: CommentableLines;
  /** False when GitHub gave no patch (binary or huge diff): no line is known to be commentable or unchanged. */
  hasPatch: boolean;
  text: string | undefined;
}

export interface PlanInput {
  /** The head's findings in the units the change touches. */
  findings: readonly Finding[];
  /** The merge base's findings in the same units; absent when no base was compared (every finding is new). */
  base?: BaseFindings;
  files: ReadonlyMap<string, PlanFile>;
  posted: readonly PostedComment[];
  config: Pick<Config, 'failOn' | 'comments' | 'failScope'> & Partial<Pick<Config, 'unscanned'>>;
  /** Paths the review scanned this time: posted threads on them whose finding is gone are resolved. */
  scannedPaths: ReadonlySet<string>;
  /** Inputs of the change that could not be scanned at the head, besides those findings already say. */
  unscanned?: readonly SkippedFile[];
  maxComments?: number;
}

export interface ReviewPlan {
  findings: PlannedFinding[];
  comments: PlannedComment[];
  /** Findings of the base that the head no longer has. */
  fixed: Fixed[];
  /** Threads of earlier comments whose finding no longer reproduces. */
  resolve: PostedComment[];
  /** What the change holds that could not be scanned at the head, and why. */
  unscanned: SkippedFile[];
  /** Whether what was not scanned fails the check (`unscanned: fail`). */
  unscannedFails: boolean;
  /** Whether the head was compared with a base (else every finding is new, as in a scan of a whole tree). */
  compared: boolean;
  conclusion: 'success' | 'failure';
}

/** GitHub reviews stay readable (and within its limits) with a few dozen comments; the rest go to the summary. */
export const MAX_INLINE_COMMENTS = 30;

/**
 * Decides, without side effects, what the review says: which new findings become inline comments (one per
 * line, most severe first, never twice), which become annotations, which threads to resolve, and the check's
 * conclusion. Existing findings are only counted; what could not be scanned fails the check by default.
 */
export function planReview(input: PlanInput): ReviewPlan {
  const { config } = input;
  const maxComments = input.maxComments ?? MAX_INLINE_COMMENTS;
  const postedFingerprints = new Set(input.posted.flatMap((p) => fingerprintsOf(p.fingerprint)));
  const { findings: classified, fixed } = classify(input.findings, input.base);

  const planned = classified.map(({ finding, fingerprint: print, verdict }): PlannedFinding => {
    const file = input.files.get(finding.path);
    const failing = atLeast(finding.severity, config.failOn) && inScope(config.failScope, verdict, finding, file);
    const entry: PlannedFinding = {
      finding,
      fingerprint: print,
      verdict,
      placement: 'annotation',
      failing,
      changedFile: file !== undefined,
    };
    if (verdict === 'existing') return { ...entry, placement: 'existing' };
    if (postedFingerprints.has(print)) return { ...entry, placement: 'already-commented' };
    return entry;
  });

  // New findings not yet posted, one comment per line; the budget goes to the most severe lines first.
  const comments: PlannedComment[] = [];
  if (config.comments !== 'off') {
    const byLine = new Map<string, PlannedFinding[]>();
    for (const p of planned) {
      if (p.placement !== 'annotation') continue;
      const file = input.files.get(p.finding.path);
      if (!file) continue;
      const inDiff = file.lines.hunkOf.has(p.finding.range.start.line);
      if (!inDiff && config.comments === 'changed-lines') continue;
      const key = inDiff ? `${p.finding.path}\0${p.finding.range.start.line}` : `${p.finding.path}\0file:${p.fingerprint}`;
      const group = byLine.get(key);
      if (group) group.push(p);
      else byLine.set(key, [p]);
    }
    const groups = [...byLine.values()].map((group) =>
      group.sort((a, b) => severityRank(a.finding.severity) - severityRank(b.finding.severity)),
    );
    groups.sort(
      (a, b) => severityRank(a[0]!.finding.severity) - severityRank(b[0]!.finding.severity) || comparePlaced(a[0]!.finding, b[0]!.finding),
    );
    for (const group of groups) {
      const head = group[0]!.finding;
      const file = input.files.get(head.path)!;
      if (comments.length >= maxComments) {
        for (const p of group) p.placement = 'over-limit';
        continue;
      }
      if (!file.lines.hunkOf.has(head.range.start.line)) {
        for (const p of group) p.placement = 'file-comment';
        comments.push({ path: head.path, findings: group });
        continue;
      }
      const suggestion = suggestionForLine(
        group.map((p) => p.finding),
        file,
      );
      for (const p of group) {
        p.placement = 'comment';
        if (suggestion) p.suggestion = suggestion;
      }
      comments.push(
        suggestion
          ? { path: head.path, line: head.range.start.line, findings: group, suggestion }
          : { path: head.path, line: head.range.start.line, findings: group },
      );
    }
  }
  comments.sort((a, b) => comparePlaced(a.findings[0]!.finding, b.findings[0]!.finding));

  const current = new Set(planned.map((p) => p.fingerprint));
  const resolve = input.posted.filter(
    (p) =>
      !p.resolved &&
      p.threadId !== undefined &&
      input.scannedPaths.has(p.path) &&
      !fingerprintsOf(p.fingerprint).some((print) => current.has(print)),
  );
  const unscanned = [
    ...(input.unscanned ?? []),
    ...planned.filter((p) => isUnscanned(p.finding)).map((p) => ({ path: p.finding.path, reason: p.finding.message })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const unscannedFails = unscanned.length > 0 && (config.unscanned ?? 'fail') === 'fail';
  return {
    findings: planned.sort((a, b) => comparePlaced(a.finding, b.finding)),
    comments,
    fixed,
    resolve,
    unscanned,
    unscannedFails,
    compared: input.base !== undefined,
    conclusion: unscannedFails || planned.some((p) => p.failing) ? 'failure' : 'success',
  };
}

/** Whether a finding is inside `failScope`: new in the change, in a changed file, on a changed line, or any. */
function inScope(scope: Config['failScope'], verdict: Verdict, finding: Finding, file: PlanFile | undefined): boolean {
  switch (scope) {
    case 'new':
      return verdict === 'new';
    case 'changed-files':
      return file !== undefined;
    case 'changed-lines':
      return !file?.hasPatch || file.lines.added.has(finding.range.start.line);
    case 'all':
      return true;
  }
}

/** A comment's fingerprints: one per finding it holds (findings on one line share a comment). */
export function fingerprintsOf(marker: string): string[] {
  return marker.split(',');
}

function comparePlaced(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * One suggestion for the findings on one line: the fixes of all of them applied together (in severity
 * order; a fix whose edits overlap one already taken is left out), when the lines they touch lie in one hunk.
 */
export function suggestionForLine(findings: readonly Finding[], file: PlanFile): Suggestion | undefined {
  const edits: TextEdit[] = [];
  const risks: string[] = [];
  for (const finding of findings) {
    if (!finding.fix || finding.fix.edits.length === 0 || !suggestionFor(finding, file)) continue;
    const overlaps = finding.fix.edits.some((e) =>
      edits.some((taken) => (e.start < taken.end && taken.start < e.end) || e.start === taken.start),
    );
    if (overlaps) continue;
    edits.push(...finding.fix.edits);
    if (!finding.fix.safe && !risks.includes(finding.fix.risk)) risks.push(finding.fix.risk);
  }
  if (edits.length === 0) return undefined;
  const first = findings[0]!;
  const suggestion = suggestionFor({ ...first, fix: { description: 'fixes', edits, safe: true } }, file);
  return suggestion && risks.length > 0 ? { ...suggestion, risks } : suggestion;
}

/**
 * The finding's fix as a suggestion: the lines from the finding to the last line the fix touches, as they
 * read once fixed. Only when all of them lie in one hunk, since GitHub anchors a suggestion to diff lines.
 */
export function suggestionFor(finding: Finding, file: PlanFile): Suggestion | undefined {
  if (!finding.fix || finding.fix.edits.length === 0 || file.text === undefined) return undefined;
  const source = new SourceFile(finding.path, file.text);
  const edits = finding.fix.edits;
  const firstEdit = Math.min(...edits.map((e) => e.start));
  const lastEdit = Math.max(...edits.map((e) => e.end));
  const startLine = Math.min(finding.range.start.line, source.position(firstEdit).line);
  const line = Math.max(finding.range.start.line, source.position(lastEdit).line);
  if (!inOneHunk(file.lines, startLine, line)) return undefined;
  const start = source.lineStart(startLine);
  const lineEnd = file.text.indexOf('\n', source.lineStart(line));
  const end = lineEnd === -1 ? file.text.length : file.text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
  const fixed = applyEdits(file.text, edits).text;
  const replacement = fixed.slice(start, fixed.length - (file.text.length - end)).replace(/\r\n/g, '\n');
  return { startLine, line, replacement };
}
