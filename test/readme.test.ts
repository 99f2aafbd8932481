import { readFileSync } from 'node:fs';
import { expect, test } from '@jest/globals';
import { replaceRuleTable, ruleTableMarkdown } from '../src/report/rule-table.js';

test("the README's rule table matches the catalog (npm run docs:rules rewrites it)", () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(replaceRuleTable(readme, ruleTableMarkdown())).toBe(readme);
});
