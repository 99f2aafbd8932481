import { LAYER_TITLES } from '../../engine/model.js';
import type { RuleMeta } from '../../engine/rules/rule.js';

export type RulesFormat = 'text' | 'json';

/**
 * `bulwark rules`: the catalog, one rule a line (id, severity, layer, its fix: `safe`, `risky` or none, and
 * summary), or as JSON for tools. What a risky fix risks is said on the finding and in the rule's doc page.
 */
export function rulesReport(catalog: readonly RuleMeta[], format: RulesFormat): string {
  if (format === 'json') {
    const rules = catalog.map(({ id, severity, layer, fixable, summary }) => ({
      id,
      severity,
      layer,
      layerTitle: LAYER_TITLES[layer],
      fixable,
      summary,
    }));
    return `${JSON.stringify(rules, null, 2)}\n`;
  }
  const width = Math.max(...catalog.map((rule) => rule.id.length));
  const header = `${'RULE'.padEnd(width)}  SEVERITY  LAYER  FIX    SUMMARY\n`;
  const lines = catalog.map(
    (rule) =>
      `${rule.id.padEnd(width)}  ${rule.severity.padEnd(8)}  ${String(rule.layer).padEnd(5)}  ${(rule.fixable || '-').padEnd(5)}  ${rule.summary}\n`,
  );
  return header + lines.join('');
}
