import { fingerprint } from '../engine/fingerprint.js';
import { LAYER_TITLES, type Finding, type ScanResult, type Severity } from '../engine/model.js';
import type { RuleMeta } from '../engine/rules/rule.js';

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

/** SARIF 2.1.0 as GitHub code scanning accepts it; suppressed findings are included as suppressed results. */
export function formatSarif(result: ScanResult, options: SarifOptions): string {
  const rules = [...options.catalog].sort((a, b) => (a.id < b.id ? -1 : 1));
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const toResult = (finding: Finding) => {
    const entry: Record<string, unknown> = {
      ruleId: finding.ruleId,
      ruleIndex: index.get(finding.ruleId),
      level: SARIF_LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(finding.path), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: finding.range.start.line,
              startColumn: finding.range.start.column,
              endLine: finding.range.end.line,
              endColumn: Math.max(finding.range.end.column, finding.range.start.line === finding.range.end.line ? finding.range.start.column + 1 : 1),
            },
          },
        },
      ],
      partialFingerprints: { 'bulwarkFindingHash/v1': fingerprint(finding) },
      properties: { severity: finding.severity, layer: finding.layer },
    };
    if (finding.suppressed) entry.suppressions = [{ kind: 'inSource', justification: finding.suppressed.reason }];
    return entry;
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Bulwark',
            version: options.version,
            semanticVersion: options.version,
            rules: rules.map((rule) => ({
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
            })),
          },
        },
        results: [...result.findings, ...result.suppressed].map(toResult),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
