import { LAYER_TITLES, SEVERITIES, type Finding, type Layer, type Severity } from '../engine/model.js';
import type { RuleMeta } from '../engine/rules/rule.js';
import type { ReportEnd, ReportWriter } from './report.js';
import { terminalText } from './terminal-text.js';

export interface TextOptions {
  color: boolean;
  catalog: ReadonlyMap<string, RuleMeta>;
  /** By file (the default: what an author fixes file by file) or by layer, then rule, with each rule's remedy. */
  groupBy?: 'file' | 'layer';
  /** The findings' lines only: no headings, skipped files or totals. */
  quiet?: boolean;
}

/** Rules whose findings in one file say the same thing object after object: one line per file is enough. */
const ONE_LINE_PER_FILE = new Set(['k8s/namespace-missing']);

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
  if (options.groupBy !== 'layer' || options.quiet) return byFileReport(write, options);
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
        const place = `${terminalText(finding.path)}:${finding.range.start.line}:${finding.range.start.column}`;
        group.pending.push(
          `    ${place}  ${paint(SEVERITY_COLOR[finding.severity], finding.severity)}  ${terminalText(finding.message)}\n`,
        );
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
          write(`  ${bold(terminalText(id))}${rule ? `  ${terminalText(rule.summary)}` : ''}\n`);
          if (rule) write(`${dim(`    fix: ${terminalText(rule.remediation)}`)}\n`);
          if (group.fixable > 0)
            write(
              `${dim(`    ${group.fixable === group.count ? 'all' : group.fixable} can be fixed with bulwark scan --fix (or --fix=all for risky fixes)`)}\n`,
            );
          for (const block of group.blocks) write(block);
          write(group.pending.join(''));
        }
        write('\n');
      }
      for (const skipped of summary.skipped) write(`${dim(`skipped ${terminalText(skipped.path)}: ${terminalText(skipped.reason)}`)}\n`);
      if (summary.skipped.length > 0) write('\n');
      write(`${bold(totals(summary))}\n`);
    },
  };
}

/** A finding's fix as the text report names it: nothing, `fix`, or `fix (risky)`. */
function fixMark(finding: Finding): string {
  if (!finding.fix) return '';
  return finding.fix.safe ? '  [fix]' : '  [fix: risky]';
}

/**
 * The report grouped by file, in the order files are scanned: a file's findings are written as soon as it
 * is done, so nothing is held back. Findings of ONE_LINE_PER_FILE rules are folded into one line per file.
 */
function byFileReport(write: (chunk: string) => void, options: TextOptions): ReportWriter {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}\x1b[0m` : text);
  const bold = (text: string) => paint('\x1b[1m', text);
  const dim = (text: string) => paint('\x1b[2m', text);
  const quiet = options.quiet === true;
  let safeFixes = 0;
  let riskyFixes = 0;
  const line = (finding: Finding, message: string) => {
    const place = `${terminalText(finding.path)}:${finding.range.start.line}:${finding.range.start.column}`;
    const severity = paint(SEVERITY_COLOR[finding.severity], finding.severity);
    const text = terminalText(message);
    return quiet
      ? `${place}  ${severity}  ${finding.ruleId}  ${text}${fixMark(finding)}\n`
      : `  ${finding.range.start.line}:${finding.range.start.column}  ${severity}  ${finding.ruleId}  ${text}${dim(fixMark(finding))}\n`;
  };
  return {
    file(result) {
      if (result.findings.length === 0) return;
      if (!quiet) write(`${bold(terminalText(result.path))}\n`);
      const folded = new Map<string, Finding[]>();
      for (const finding of result.findings) {
        if (finding.fix?.safe) safeFixes++;
        else if (finding.fix) riskyFixes++;
        if (ONE_LINE_PER_FILE.has(finding.ruleId)) {
          const group = folded.get(finding.ruleId);
          if (group) {
            group.push(finding);
            continue;
          }
          folded.set(finding.ruleId, [finding]);
        }
      }
      for (const finding of result.findings) {
        const group = folded.get(finding.ruleId);
        if (!group) write(line(finding, finding.message));
        else if (group[0] === finding) write(line(finding, group.length === 1 ? finding.message : foldedMessage(group, options.catalog)));
      }
      if (!quiet) write('\n');
    },
    end(summary) {
      if (quiet) return;
      for (const skipped of summary.skipped) write(`${dim(`skipped ${terminalText(skipped.path)}: ${terminalText(skipped.reason)}`)}\n`);
      if (summary.skipped.length > 0) write('\n');
      if (safeFixes + riskyFixes > 0) {
        const risky =
          riskyFixes > 0 ? `${safeFixes > 0 ? ', ' : ''}${riskyFixes} with --fix=all (risky: they may change what a workload can do)` : '';
        write(`${dim(`Fixable: ${safeFixes > 0 ? `${safeFixes} with bulwark scan --fix` : ''}${risky}`)}\n`);
      }
      write(`${bold(totals(summary))}\n`);
    },
  };
}

/** `5 objects: Rule summary (lines 3, 9, 14, 20, 31)`: a folded group's one line. */
function foldedMessage(group: readonly Finding[], catalog: ReadonlyMap<string, RuleMeta>): string {
  const summary = catalog.get(group[0]!.ruleId)?.summary ?? group[0]!.message;
  return `${group.length} objects: ${summary} (lines ${group.map((f) => f.range.start.line).join(', ')})`;
}

/** The closing line: findings by severity, suppressed, scanned and skipped files. */
function totals(summary: ReportEnd): string {
  const total = SEVERITIES.reduce((sum, s) => sum + summary.counts[s], 0);
  const bySeverity = SEVERITIES.filter((s) => summary.counts[s] > 0).map((s) => `${summary.counts[s]} ${s}`);
  const parts = [
    total === 0 ? 'No findings' : `${total} finding${total === 1 ? '' : 's'} (${bySeverity.join(', ')})`,
    `${summary.suppressedCount} suppressed`,
    `${summary.scannedFiles} file${summary.scannedFiles === 1 ? '' : 's'} scanned`,
  ];
  if (summary.skipped.length > 0) parts.push(`${summary.skipped.length} skipped`);
  return parts.join(' · ');
}
