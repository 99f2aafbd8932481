import { fingerprint } from '../engine/fingerprint.js';
import { LAYER_TITLES, type Finding, type Severity } from '../engine/model.js';
import type { RuleMeta } from '../engine/rules/rule.js';
import type { ReportWriter } from './report.js';

export const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub code scanning ranks alerts by this number (0-10) on rules tagged `security`. */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '1.0',
};

export interface SarifOptions {
  catalog: readonly RuleMeta[];
  version: string;
}

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it, written as it goes; suppressed findings are included as
 * results with an in-source suppression.
 */
export function sarifReport(write: (chunk: string) => void, options: SarifOptions): ReportWriter {
  const rules = [...options.catalog].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const driver = {
    name: 'Bulwark',
    version: options.version,
    semanticVersion: options.version,
    rules: rules.map(ruleDescriptor),
  };
  const header = JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver }, results: [] }],
  });
  // Everything up to the empty results array, which the findings fill in.
  write(header.slice(0, header.length - '[]}]}'.length) + '[');
  let first = true;
  const result = (finding: Finding) => {
    write(`${first ? '\n' : ',\n'}${JSON.stringify(toResult(finding, index.get(finding.ruleId)))}`);
    first = false;
  };
  return {
    file(file) {
      file.findings.forEach(result);
      file.suppressed.forEach(result);
    },
    end() {
      write('\n]}]}\n');
    },
  };
}

function ruleDescriptor(rule: RuleMeta) {
  return {
    id: rule.id,
    name: rule.id.replace(/[^a-zA-Z0-9]+(.)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.rationale },
    help: {
      text: `${rule.summary}\n\nWhy: ${rule.rationale}\n\nFix: ${rule.remediation}`,
      markdown: `**${rule.summary}**\n\n**Why it matters:** ${rule.rationale}\n\n**How to fix:** ${rule.remediation}\n\nLayer ${rule.layer}: ${LAYER_TITLES[rule.layer]}. Suppress with \`# bulwark:ignore ${rule.id} -- <reason>\`.`,
    },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags: ['security', 'kubernetes', `layer-${rule.layer}`],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

function toResult(finding: Finding, ruleIndex: number | undefined) {
  const { start, end } = finding.range;
  const entry: Record<string, unknown> = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: SARIF_LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodeURI(finding.path), uriBaseId: '%SRCROOT%' },
          region: {
            startLine: start.line,
            startColumn: start.column,
            endLine: end.line,
            // A region must not be empty: a zero-width finding covers at least one character.
            endColumn: Math.max(end.column, start.line === end.line ? start.column + 1 : 1),
          },
        },
      },
    ],
    partialFingerprints: { 'bulwarkFindingHash/v1': fingerprint(finding) },
    properties: { severity: finding.severity, layer: finding.layer },
  };
  if (finding.suppressed) entry.suppressions = [{ kind: 'inSource', justification: finding.suppressed.reason }];
  return entry;
}
