import { LAYER_TITLES, SEVERITIES, type Layer, type ScanResult, type Severity } from '../engine/model.js';
import type { RuleMeta } from '../engine/rules/rule.js';
import { countBySeverity } from './counts.js';

export interface TextOptions {
  color: boolean;
  catalog: ReadonlyMap<string, RuleMeta>;
}

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '\x1b[1;31m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  info: '\x1b[2m',
};

/** Human-readable report: findings grouped by layer, each with place, rule, message and remedy. */
export function formatText(result: ScanResult, options: TextOptions): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}\x1b[0m` : text);
  const bold = (text: string) => paint('\x1b[1m', text);
  const dim = (text: string) => paint('\x1b[2m', text);
  const lines: string[] = [];

  const layers = [...new Set(result.findings.map((f) => f.layer))].sort((a, b) => a - b);
  for (const layer of layers) {
    lines.push(bold(`Layer ${layer}. ${LAYER_TITLES[layer as Layer]}`));
    for (const finding of result.findings.filter((f) => f.layer === layer)) {
      const place = `${finding.path}:${finding.range.start.line}:${finding.range.start.column}`;
      lines.push(`  ${place}  ${paint(SEVERITY_COLOR[finding.severity], finding.severity)}  ${finding.ruleId}`);
      lines.push(`    ${finding.message}`);
      const rule = options.catalog.get(finding.ruleId);
      if (finding.fix) lines.push(dim(`    fix: ${finding.fix.description} (bulwark scan --fix applies it)`));
      else if (rule) lines.push(dim(`    fix: ${rule.remediation}`));
    }
    lines.push('');
  }
  for (const skipped of result.skipped) lines.push(dim(`skipped ${skipped.path}: ${skipped.reason}`));
  if (result.skipped.length > 0) lines.push('');

  const counts = countBySeverity(result.findings);
  const total = result.findings.length;
  const bySeverity = SEVERITIES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  const parts = [
    total === 0 ? 'No findings' : `${total} finding${total === 1 ? '' : 's'}${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}`,
    `${result.suppressed.length} suppressed`,
    `${result.scannedFiles} file${result.scannedFiles === 1 ? '' : 's'} scanned`,
  ];
  if (result.skipped.length > 0) parts.push(`${result.skipped.length} skipped`);
  lines.push(bold(parts.join(' · ')));
  return `${lines.join('\n')}\n`;
}
