import { fingerprint } from '../engine/fingerprint.js';
import type { Finding } from '../engine/model.js';
import { META_RULES } from '../engine/rules/meta.js';

/**
 * Base against head: each finding of the head is **new** (the merge base does not have it) or **existing**
 * (it does); each finding of the base that the head no longer has is **fixed**. Findings are matched by
 * fingerprint (rule, file, object and field; never the line), with base paths taken to their head names
 * first, so a renamed file keeps its findings.
 */
export type Verdict = 'new' | 'existing';

export interface Classified {
  finding: Finding;
  fingerprint: string;
  verdict: Verdict;
}

export interface Fixed {
  /** The finding as it was on the base, with its base path and line. */
  finding: Finding;
  fingerprint: string;
}

export interface BaseFindings {
  findings: readonly Finding[];
  /** A base path's name at the head (renamed files); the path itself otherwise. */
  headPath(path: string): string;
}

/** Findings that say an input was not scanned (too large, not rendered, does not parse, over the scan's budget). */
const UNSCANNED_RULES: ReadonlySet<string> = new Set([
  META_RULES.parseError.id,
  META_RULES.fileTooLarge.id,
  META_RULES.notRendered.id,
  META_RULES.notScanned.id,
]);

export function isUnscanned(finding: Pick<Finding, 'ruleId'>): boolean {
  return UNSCANNED_RULES.has(finding.ruleId);
}

/**
 * Classes the head's findings against the base's. `base` undefined means nothing was compared: every
 * finding is new. A head finding that says an input was not scanned is always new ("not scanned" is
 * never carried along as existing), and a base one is never counted as fixed.
 */
export function classify(head: readonly Finding[], base: BaseFindings | undefined): { findings: Classified[]; fixed: Fixed[] } {
  const printed = head.map((finding) => ({ finding, fingerprint: fingerprint(finding) }));
  if (!base) return { findings: printed.map((p) => ({ ...p, verdict: 'new' })), fixed: [] };

  // Several findings may share a fingerprint (the same rule on two identical objects): matched by count,
  // in line order, so one more of them at the head is one new finding.
  const available = new Map<string, Fixed[]>();
  for (const finding of [...base.findings].sort(byLine)) {
    if (isUnscanned(finding)) continue;
    const print = fingerprint({ ...finding, path: base.headPath(finding.path) });
    const list = available.get(print);
    if (list) list.push({ finding, fingerprint: print });
    else available.set(print, [{ finding, fingerprint: print }]);
  }
  const verdicts = new Map<Finding, Verdict>();
  for (const { finding, fingerprint: print } of [...printed].sort((a, b) => byLine(a.finding, b.finding))) {
    const match = isUnscanned(finding) ? undefined : available.get(print)?.shift();
    verdicts.set(finding, match ? 'existing' : 'new');
  }
  return {
    findings: printed.map((p) => ({ ...p, verdict: verdicts.get(p.finding)! })),
    fixed: [...available.values()].flat().sort((a, b) => byLine(a.finding, b.finding)),
  };
}

function byLine(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column
  );
}
