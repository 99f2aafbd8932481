import { LAYER_TITLES, type Layer } from '../engine/model.js';
import { CATALOG } from '../engine/rules/index.js';

const START = '<!-- rule-table:start -->';
const END = '<!-- rule-table:end -->';

/** The README's rule table: one section per layer, each rule linking to its doc page. */
export function ruleTableMarkdown(): string {
  const lines: string[] = [];
  const rules = CATALOG.filter((rule) => !rule.id.startsWith('bulwark/'));
  for (const layer of Object.keys(LAYER_TITLES).map(Number) as Layer[]) {
    const inLayer = rules.filter((rule) => rule.layer === layer);
    if (inLayer.length === 0) continue;
    lines.push(`**${layer}. ${LAYER_TITLES[layer]}**`, '', '| rule | severity | fix | what it finds |', '|---|---|---|---|');
    for (const rule of inLayer)
      lines.push(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.severity} | ${rule.fixable || ''} | ${rule.summary} |`);
    lines.push('');
  }
  const meta = CATALOG.filter((rule) => rule.id.startsWith('bulwark/'));
  lines.push('**Always on**', '', '| rule | severity | what it finds |', '|---|---|---|');
  for (const rule of meta) lines.push(`| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.severity} | ${rule.summary} |`);
  return lines.join('\n');
}

export function replaceRuleTable(readme: string, table: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1) throw new Error(`README has no ${START} ... ${END} markers`);
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}
