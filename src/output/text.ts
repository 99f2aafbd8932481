import { LAYER_TITLES, SEVERITIES, type Layer, type Severity } from '../engine/model.js';
import type { RuleMeta } from '../engine/rules/rule.js';
import type { ReportWriter } from './report.js';

export interface TextOptions {
  color: boolean;
  catalog: ReadonlyMap<string, RuleMeta>;
}

const BLOCK_LINES = 256;

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '\x1b[1;31m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  info: '\x1b[2m',
};

/**
 * Human-readable report: findings grouped by layer, then by rule (its summary and remedy once), then one
 * line per finding with its place, severity and message. Grouping needs the whole scan, so findings are
 * rendered to lines as they come and only the lines are kept.
 */
export function textReport(write: (chunk: string) => void, options: TextOptions): ReportWriter {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}\x1b[0m` : text);
  const bold = (text: string) => paint('\x1b[1m', text);
  const dim = (text: string) => paint('\x1b[2m', text);
  // Lines are joined into flat blocks as they accumulate: a line built from parts is a tree of string
  // pieces that holds several times its length in memory, a joined block only its characters.
  const byRule = new Map<string, { layer: Layer; blocks: string[]; pending: string[]; count: number; fixable: number }>();

  return {
    file(result) {
      for (const finding of result.findings) {
        let group = byRule.get(finding.ruleId);
        if (!group) byRule.set(finding.ruleId, (group = { layer: finding.layer, blocks: [], pending: [], count: 0, fixable: 0 }));
        const place = `${finding.path}:${finding.range.start.line}:${finding.range.start.column}`;
        group.pending.push(`    ${place}  ${paint(SEVERITY_COLOR[finding.severity], finding.severity)}  ${finding.message}\n`);
        if (group.pending.length === BLOCK_LINES) group.blocks.push(group.pending.splice(0).join(''));
        group.count++;
        if (finding.fix) group.fixable++;
      }
    },
    end(summary) {
      const layers = [...new Set([...byRule.values()].map((group) => group.layer))].sort((a, b) => a - b);
      for (const layer of layers) {
        write(`${bold(`Layer ${layer}. ${LAYER_TITLES[layer]}`)}\n`);
        const ids = [...byRule.keys()].filter((id) => byRule.get(id)!.layer === layer).sort();
        for (const id of ids) {
          const group = byRule.get(id)!;
          const rule = options.catalog.get(id);
          write(`  ${bold(id)}${rule ? `  ${rule.summary}` : ''}\n`);
          if (rule) write(`${dim(`    fix: ${rule.remediation}`)}\n`);
          if (group.fixable > 0) write(`${dim(`    ${group.fixable === group.count ? 'all' : group.fixable} can be fixed with bulwark scan --fix`)}\n`);
          for (const block of group.blocks) write(block);
          write(group.pending.join(''));
        }
        write('\n');
      }
      for (const skipped of summary.skipped) write(`${dim(`skipped ${skipped.path}: ${skipped.reason}`)}\n`);
      if (summary.skipped.length > 0) write('\n');
      const total = SEVERITIES.reduce((sum, s) => sum + summary.counts[s], 0);
      const bySeverity = SEVERITIES.filter((s) => summary.counts[s] > 0).map((s) => `${summary.counts[s]} ${s}`);
      const parts = [
        total === 0 ? 'No findings' : `${total} finding${total === 1 ? '' : 's'} (${bySeverity.join(', ')})`,
        `${summary.suppressedCount} suppressed`,
        `${summary.scannedFiles} file${summary.scannedFiles === 1 ? '' : 's'} scanned`,
      ];
      if (summary.skipped.length > 0) parts.push(`${summary.skipped.length} skipped`);
      write(`${bold(parts.join(' · '))}\n`);
    },
  };
}
