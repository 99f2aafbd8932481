import { emptyCounts, type SeverityCounts } from '../../report/report.js';

/** What a run of the Action comes to: the step's outputs, and why it fails when it does. */
export interface ActionResult {
  conclusion: 'success' | 'failure' | 'neutral' | 'skipped';
  counts: SeverityCounts;
  /** The message of `core.setFailed`, when the step fails. */
  failure?: string;
  /** The SARIF file written, as an absolute path. */
  sarif?: string;
}

export function skipped(): ActionResult {
  return { conclusion: 'skipped', counts: emptyCounts() };
}
