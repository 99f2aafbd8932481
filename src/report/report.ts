import { SEVERITIES, atLeast, type Finding, type ScanResult, type Severity } from '../engine/model.js';
import type { FileResult, ScanSummary } from '../engine/scan.js';

export type SeverityCounts = Record<Severity, number>;

export function emptyCounts(): SeverityCounts {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = emptyCounts();
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Whether any finding reaches the failing threshold: the CLI's exit code and the check's conclusion. */
export function failsAt(counts: SeverityCounts, threshold: Severity): boolean {
  return SEVERITIES.some((severity) => atLeast(severity, threshold) && counts[severity] > 0);
}

/** What a report knows once the scan is over. */
export interface ReportEnd extends ScanSummary {
  counts: SeverityCounts;
  suppressedCount: number;
  failOn: Severity;
  failed: boolean;
}

/**
 * A report written as the scan goes: it gets each file's findings in path order and the totals at the
 * end, and writes through `write`, so a scan of a huge repository never holds every finding at once.
 */
export interface ReportWriter {
  file(result: FileResult): void;
  end(summary: ReportEnd): void;
}

/** Runs a whole in-memory result through a writer and returns the text, for tests and small callers. */
export function writeReport(result: ScanResult, failOn: Severity, make: (write: (chunk: string) => void) => ReportWriter): string {
  const chunks: string[] = [];
  const writer = make((chunk) => chunks.push(chunk));
  const byPath = new Map<string, FileResult>();
  const entry = (path: string) => {
    let file = byPath.get(path);
    if (!file) byPath.set(path, (file = { path, findings: [], suppressed: [] }));
    return file;
  };
  for (const finding of result.findings) entry(finding.path).findings.push(finding);
  for (const finding of result.suppressed) entry(finding.path).suppressed.push(finding);
  for (const path of [...byPath.keys()].sort()) writer.file(byPath.get(path)!);
  const counts = countBySeverity(result.findings);
  writer.end({
    skipped: result.skipped,
    scannedFiles: result.scannedFiles,
    counts,
    suppressedCount: result.suppressed.length,
    failOn,
    failed: failsAt(counts, failOn),
  });
  return chunks.join('');
}
