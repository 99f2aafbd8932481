import { createHash } from 'node:crypto';
import type { Finding } from './model.js';

/**
 * A finding's identity across commits: rule, file and logical place, never the line, so that a rescan
 * after unrelated edits recognises what it already reported.
 */
export function fingerprint(finding: Pick<Finding, 'ruleId' | 'path' | 'locator'>): string {
  return createHash('sha256').update(`${finding.ruleId}\0${finding.path}\0${finding.locator}`).digest('hex').slice(0, 32);
}
