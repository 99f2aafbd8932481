import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { validateConfig } from '../src/engine/config.js';
import type { SourceInput } from '../src/engine/model.js';
import { initTerraformParser } from '../src/engine/parse/terraform.js';
import { ALL_RULES, RULE_IDS } from '../src/engine/rules/index.js';
import type { Rule } from '../src/engine/rules/rule.js';
import { isScannable, scan } from '../src/engine/scan.js';
import { optionsInDoc } from '../src/engine/testing/rule-docs.js';

/**
 * The scanner calls a rule only for the kinds (or IaC resource types) it declares. Proof that no rule
 * finds anything elsewhere: on the examples and the test fixtures, calling every rule for every object
 * gives exactly the findings of the dispatched scan. (Each rule's doc examples are compared the same
 * way in rules-catalog.test.ts, and every rule's test table runs through the dispatching scan.)
 */

const root = new URL('..', import.meta.url).pathname;

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function readingEverything(rule: Rule): Rule {
  if (rule.platform === 'k8s') return { ...rule, kinds: ['*'] };
  if (rule.platform === 'terraform' || rule.platform === 'cloudformation') return { ...rule, types: ['*'] };
  return rule;
}

const CONFIG = validateConfig(
  {
    rules: Object.fromEntries(
      ALL_RULES.flatMap((rule) => {
        const options = optionsInDoc(readFileSync(`${root}docs/rules/${rule.id}.md`, 'utf8'), rule.id);
        return options ? [[rule.id, options]] : [];
      }),
    ),
  },
  RULE_IDS,
);

describe('dispatch by kind', () => {
  beforeAll(() => initTerraformParser());

  for (const folder of ['examples', 'test/fixtures']) {
    test(`${folder}: the same findings as calling every rule for every object`, () => {
      const files: SourceInput[] = filesUnder(join(root, folder))
        .map((path) => relative(root, path))
        .filter(isScannable)
        .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
      const dispatched = scan({ files, config: CONFIG });
      const everywhere = scan({ files, rules: ALL_RULES.map(readingEverything), config: CONFIG });
      expect(dispatched.findings.length).toBeGreaterThan(folder === 'examples' ? 100 : 5);
      expect(everywhere.findings).toEqual(dispatched.findings);
      expect(everywhere.suppressed).toEqual(dispatched.suppressed);
    });
  }

  test('a rule is not called for an object it does not declare', () => {
    const seen: string[] = [];
    const [first] = ALL_RULES.filter((rule) => rule.id === 'k8s/exposed-service');
    const spy = { ...first!, check: (resource: { kind: string }) => void seen.push(resource.kind) } as Rule;
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n';
    scan({ files: [{ path: 'a.yaml', text }], rules: [spy] });
    expect(seen).toEqual(['Service']);
  });
});
