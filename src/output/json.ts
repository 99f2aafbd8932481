import type { ScanResult } from '../engine/model.js';
import { fingerprint } from '../engine/fingerprint.js';
import { countBySeverity } from './counts.js';

/** Machine-readable report. Field names are part of the CLI's contract. */
export function formatJson(result: ScanResult, failOn: string, failed: boolean): string {
  const withFingerprint = <T extends { ruleId: string; path: string; locator: string }>(f: T) => ({ ...f, fingerprint: fingerprint(f) });
  return `${JSON.stringify(
    {
      version: 1,
      failOn,
      failed,
      counts: countBySeverity(result.findings),
      scannedFiles: result.scannedFiles,
      findings: result.findings.map(withFingerprint),
      suppressed: result.suppressed.map(withFingerprint),
      skipped: result.skipped,
    },
    null,
    2,
  )}\n`;
}
