import { describe, expect, test } from '@jest/globals';
import { DEFAULT_CONFIG } from '../engine/config.js';
import { fingerprint } from '../engine/fingerprint.js';
import type { Finding, Severity } from '../engine/model.js';
import { commentableLines } from './diff.js';
import { planReview, type PlanFile } from './plan.js';

function finding(line: number, severity: Severity = 'high', extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'k8s/host-network',
    severity,
    layer: 1,
    path: 'p.yaml',
    range: { start: { line, column: 3 }, end: { line, column: 20 } },
    message: `finding on ${line}`,
    locator: `Pod//p#spec.x${line}`,
    ...extra,
  };
}

const TEXT = Array.from({ length: 40 }, (_, i) => `line${i + 1}: true`).join('\n') + '\n';
// Lines 1-10 and 30-35 are in the diff; 3 and 31 were added.
const PATCH = '@@ -1,9 +1,10 @@\n l1\n l2\n+l3\n l4\n l5\n l6\n l7\n l8\n l9\n l10\n@@ -28,5 +30,6 @@\n l30\n+l31\n l32\n l33\n l34\n l35';
const file: PlanFile = { lines: commentableLines(PATCH), hasPatch: true, text: TEXT };
const files = new Map([['p.yaml', file]]);
const base = { files, posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set(['p.yaml']) };

describe('planReview', () => {
  test('findings on diff lines become comments, others annotations; the conclusion follows failOn', () => {
    const plan = planReview({ ...base, findings: [finding(3), finding(20), finding(31, 'low')] });
    expect(plan.findings.map((p) => [p.finding.range.start.line, p.placement, p.failing])).toEqual([
      [3, 'comment', true],
      [20, 'annotation', true],
      [31, 'comment', false],
    ]);
    expect(plan.conclusion).toBe('failure');
  });

  test('a finding already posted is not posted again; a posted one that is gone has its thread resolved', () => {
    const kept = finding(3);
    const posted = [
      { fingerprint: fingerprint(kept), path: 'p.yaml', threadId: 'T1', resolved: false },
      { fingerprint: 'f'.repeat(32), path: 'p.yaml', threadId: 'T2', resolved: false },
      { fingerprint: 'e'.repeat(32), path: 'p.yaml', threadId: 'T3', resolved: true },
      { fingerprint: 'd'.repeat(32), path: 'other.yaml', threadId: 'T4', resolved: false },
    ];
    const plan = planReview({ ...base, findings: [kept], posted });
    expect(plan.findings.map((p) => p.placement)).toEqual(['already-commented']);
    expect(plan.resolve.map((p) => p.threadId)).toEqual(['T2']);
  });

  test('at most maxComments new comments, the most severe first; the rest are over the limit', () => {
    const plan = planReview({ ...base, findings: [finding(1, 'low'), finding(2, 'critical'), finding(4, 'medium')], maxComments: 2 });
    expect(plan.findings.map((p) => [p.finding.range.start.line, p.placement])).toEqual([
      [1, 'over-limit'],
      [2, 'comment'],
      [4, 'comment'],
    ]);
  });

  test('comments: changed-files puts findings outside the diff in file comments; off puts everything in annotations', () => {
    const changedFiles = planReview({ ...base, findings: [finding(20)], config: { ...DEFAULT_CONFIG, comments: 'changed-files' } });
    expect(changedFiles.findings.map((p) => p.placement)).toEqual(['file-comment']);
    const off = planReview({ ...base, findings: [finding(3)], config: { ...DEFAULT_CONFIG, comments: 'off' } });
    expect(off.findings.map((p) => p.placement)).toEqual(['annotation']);
  });

  test('failScope changed-lines counts only findings on added lines', () => {
    const config = { ...DEFAULT_CONFIG, failScope: 'changed-lines' as const };
    expect(planReview({ ...base, findings: [finding(4), finding(20)], config }).conclusion).toBe('success');
    expect(planReview({ ...base, findings: [finding(31)], config }).conclusion).toBe('failure');
    const noPatch = new Map([['p.yaml', { ...file, hasPatch: false }]]);
    expect(planReview({ ...base, files: noPatch, findings: [finding(20)], config }).conclusion).toBe('failure');
  });

  test('a fix becomes a suggestion only when its lines lie in one hunk', () => {
    const fix = (start: number, end: number, text: string) => ({ description: 'fix', edits: [{ start, end, text }], safe: true as const });
    const offsetOf = (line: number) =>
      TEXT.split('\n')
        .slice(0, line - 1)
        .join('\n').length + 1;
    const inHunk = finding(5, 'high', { fix: fix(offsetOf(5) + 7, offsetOf(5) + 11, 'false') });
    const acrossHunks = finding(10, 'high', { fix: fix(offsetOf(10), offsetOf(31), 'x'), locator: 'b' });
    const plan = planReview({ ...base, findings: [inHunk, acrossHunks] });
    expect(plan.findings[0]!.suggestion).toEqual({ startLine: 5, line: 5, replacement: 'line5: false' });
    expect(plan.findings[1]!.suggestion).toBeUndefined();
    expect(plan.findings[1]!.placement).toBe('comment');
  });

  test('findings on one line become one comment, whose suggestion applies all their fixes together', () => {
    const offsetOf = (line: number) =>
      TEXT.split('\n')
        .slice(0, line - 1)
        .join('\n').length + 1;
    const fix = (start: number, end: number, text: string) => ({ description: 'fix', edits: [{ start, end, text }], safe: true as const });
    // line5: true → one fix rewrites the key, another (a risky one) the value.
    const key = finding(5, 'medium', { ruleId: 'k8s/a', locator: 'a', fix: fix(offsetOf(5), offsetOf(5) + 5, 'fixed') });
    const risky = { ...fix(offsetOf(5) + 7, offsetOf(5) + 11, 'false'), safe: false as const, risk: 'It may break.' };
    const value = finding(5, 'critical', { ruleId: 'k8s/b', locator: 'b', fix: risky });
    const plain = finding(5, 'low', { ruleId: 'k8s/c', locator: 'c' });
    const plan = planReview({ ...base, findings: [key, value, plain] });
    expect(plan.comments).toHaveLength(1);
    const [comment] = plan.comments;
    // Most severe first; one suggestion with both edits.
    expect(comment!.findings.map((p) => p.finding.ruleId)).toEqual(['k8s/b', 'k8s/a', 'k8s/c']);
    // The suggestion carries what its risky fix may break, for the comment to say under it.
    expect(comment!.suggestion).toEqual({ startLine: 5, line: 5, replacement: 'fixed: false', risks: ['It may break.'] });
    expect(plan.findings.map((p) => p.placement)).toEqual(['comment', 'comment', 'comment']);
  });

  test('the comment budget goes to the most severe new findings first; the rest are over the limit', () => {
    const lines = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const severities: Severity[] = ['low', 'low', 'critical', 'info', 'high', 'low', 'medium', 'low', 'high', 'low'];
    const plan = planReview({ ...base, findings: lines.map((l, i) => finding(l, severities[i])), maxComments: 4 });
    expect(plan.comments.map((c) => c.line)).toEqual([3, 5, 7, 9]);
    expect(plan.findings.filter((p) => p.placement === 'over-limit').map((p) => p.finding.range.start.line)).toEqual([1, 2, 4, 6, 8, 10]);
  });

  test('existing findings are never commented and, by default, never fail the check', () => {
    const old = finding(3);
    const plan = planReview({
      ...base,
      findings: [old, finding(4, 'high', { locator: 'fresh' })],
      base: { findings: [old], headPath: (p) => p },
    });
    expect(plan.findings.map((p) => [p.finding.range.start.line, p.verdict, p.placement, p.failing])).toEqual([
      [3, 'existing', 'existing', false],
      [4, 'new', 'comment', true],
    ]);
    expect(plan.comments.map((c) => c.line)).toEqual([4]);
    const changedFiles = planReview({
      ...base,
      findings: [old],
      base: { findings: [old], headPath: (p) => p },
      config: { ...DEFAULT_CONFIG, failScope: 'changed-files' },
    });
    expect([changedFiles.findings[0]!.failing, changedFiles.comments.length]).toEqual([true, 0]);
  });
});
