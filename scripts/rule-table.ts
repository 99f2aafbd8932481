// Writes the README's rule table from the catalog, so the two cannot drift (a test checks they match).
import { readFileSync, writeFileSync } from 'node:fs';
import { ruleTableMarkdown, replaceRuleTable } from '../src/report/rule-table.js';

const path = new URL('../README.md', import.meta.url);
writeFileSync(path, replaceRuleTable(readFileSync(path, 'utf8'), ruleTableMarkdown()));
