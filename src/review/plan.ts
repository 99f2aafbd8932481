import type { Config } from '../engine/config.js';
import { fingerprint } from '../engine/fingerprint.js';
import { applyEdits } from '../engine/fix.js';
import { atLeast, severityRank, type Finding } from '../engine/model.js';
import { SourceFile } from '../engine/source.js';
import { inOneHunk, type CommentableLines } from './diff.js';
import type { PostedComment } from './github.js';

/** Where a finding ended up, so the summary can say it for every one of them. */
export type Placement = 'comment' | 'file-comment' | 'already-commented' | 'annotation' | 'over-limit';

/** A GitHub suggestion: replace lines `startLine`..`line` with `replacement`. */
export interface Suggestion {
  startLine: number;
  line: number;
  replacement: string;
}

export interface PlannedFinding {
  finding: Finding;
  fingerprint: string;
  placement: Placement;
  /** Whether the finding counts toward the check's conclusion (`failOn`, within `failScope`). */
  failing: boolean;
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
  findings: readonly Finding[];
  files: ReadonlyMap<string, PlanFile>;
  posted: readonly PostedComment[];
  config: Pick<Config, 'failOn' | 'comments' | 'failScope'>;
  /** Paths the review scanned this time: posted threads on them whose finding is gone are resolved. */
  scannedPaths: ReadonlySet<string>;
  maxComments?: number;
}

export interface ReviewPlan {
  findings: PlannedFinding[];
  /** Threads of earlier comments whose finding no longer reproduces. */
  resolve: PostedComment[];
  conclusion: 'success' | 'failure';
}

/** GitHub reviews stay readable (and within its limits) with a few dozen comments; the rest go to the summary. */
export const MAX_INLINE_COMMENTS = 30;

/**
 * Decides, without side effects, what the review says: which findings become inline comments (on lines of
 * the diff, most severe first, never twice), which become annotations, which threads to resolve, and the
 * check's conclusion.
 */
export function planReview(input: PlanInput): ReviewPlan {
  const { config } = input;
  const maxComments = input.maxComments ?? MAX_INLINE_COMMENTS;
  const postedFingerprints = new Set(input.posted.map((p) => p.fingerprint));
  const ordered = [...input.findings].sort(
    (a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.range.start.line - b.range.start.line,
  );

  let comments = 0;
  const planned = ordered.map((finding): PlannedFinding => {
    const file = input.files.get(finding.path);
    const print = fingerprint(finding);
    const line = finding.range.start.line;
    const failing = atLeast(finding.severity, config.failOn) && (config.failScope === 'changed-files' || !file?.hasPatch || !!file?.lines.added.has(line));
    const entry: PlannedFinding = { finding, fingerprint: print, placement: 'annotation', failing };
    if (postedFingerprints.has(print)) return { ...entry, placement: 'already-commented' };
    if (config.comments === 'off' || !file) return entry;
    const inDiff = file.lines.hunkOf.has(line);
    if (!inDiff && config.comments === 'changed-lines') return entry;
    if (comments >= maxComments) return { ...entry, placement: 'over-limit' };
    comments++;
    if (!inDiff) return { ...entry, placement: 'file-comment' };
    const suggestion = suggestionFor(finding, file);
    return suggestion ? { ...entry, placement: 'comment', suggestion } : { ...entry, placement: 'comment' };
  });

  const current = new Set(planned.map((p) => p.fingerprint));
  const resolve = input.posted.filter((p) => !p.resolved && p.threadId !== undefined && !current.has(p.fingerprint) && input.scannedPaths.has(p.path));
  return {
    findings: planned.sort((a, b) => comparePlaced(a.finding, b.finding)),
    resolve,
    conclusion: planned.some((p) => p.failing) ? 'failure' : 'success',
  };
}

function comparePlaced(a: Finding, b: Finding): number {
  return (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.range.start.line - b.range.start.line || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
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
