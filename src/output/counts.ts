import { SEVERITIES, atLeast, type Finding, type Severity } from '../engine/model.js';

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Whether any finding reaches the failing threshold: the CLI's exit code and the check's conclusion. */
export function failsAt(findings: readonly Finding[], threshold: Severity): boolean {
  return findings.some((finding) => atLeast(finding.severity, threshold));
}
