import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { applyEdits } from '../src/engine/fix.js';
import { initTerraformParser } from '../src/engine/parse/terraform.js';
import { LAYER_TITLES } from '../src/engine/model.js';
import { validateConfig } from '../src/engine/config.js';
import { ALL_RULES, CATALOG, META_RULES, RULE_IDS } from '../src/engine/rules/index.js';
import type { SourceInput } from '../src/engine/model.js';
import type { Rule } from '../src/engine/rules/rule.js';
import { scan } from '../src/engine/scan.js';
import { EXAMPLE_PATH, optionsInDoc } from '../src/engine/testing/rule-docs.js';

const root = new URL('..', import.meta.url).pathname;
const folderAndName = (id: string) => id.split('/') as [string, string];

/**
 * The first fenced code block after a `## <heading>` line, and the files beside it: further blocks of the
 * section whose first line is a comment naming a file (`# Chart.lock`) are written at that path.
 */
function example(doc: string, heading: string): { text: string; files: SourceInput[] } | undefined {
  const section = doc.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  const blocks = [...(section ?? '').matchAll(/```(?:ya?ml|json|dockerfile|hcl|terraform)\n([\s\S]*?)```/g)].map((m) => m[1]!);
  if (blocks.length === 0) return undefined;
  const files = blocks.slice(1).flatMap((block) => {
    const named = /^# (\S+)\n/.exec(block);
    return named ? [{ path: named[1]!, text: block }] : [];
  });
  return { text: blocks[0]!, files };
}

/** The same rule, called for every object or resource of its platform whatever it declares reading. */
function readingEverything(rule: Rule): Rule {
  if (rule.platform === 'k8s') return { ...rule, kinds: ['*'] };
  if (rule.platform === 'terraform' || rule.platform === 'cloudformation') return { ...rule, types: ['*'] };
  return rule;
}

function findingsOf(rule: Rule, doc: string, text: string, files: readonly SourceInput[] = []) {
  // A rule that is off until configured (untrusted-registry) has its page's configuration, which the examples assume.
  const options = optionsInDoc(doc, rule.id);
  const settings = options ? { rules: { [rule.id]: options } } : {};
  const path = EXAMPLE_PATH[rule.platform] ?? 'example.yaml';
  const result = scan({ files: [{ path, text }, ...files], rules: [rule], config: validateConfig(settings, RULE_IDS) });
  return result.findings.filter((f) => f.ruleId === rule.id && f.path === path);
}

describe('rule catalog', () => {
  beforeAll(() => initTerraformParser());

  test('the registry is the one list of rules: each registered rule has a doc page, each doc page a registered rule', () => {
    const pages = readdirSync(`${root}docs/rules`, { withFileTypes: true })
      .filter((folder) => folder.isDirectory())
      .flatMap((folder) => readdirSync(`${root}docs/rules/${folder.name}`).map((file) => `${folder.name}/${file.replace(/\.md$/, '')}`));
    expect(CATALOG.map((r) => r.id).sort()).toEqual(pages.sort());
  });

  test('every rule declares what it reads', () => {
    for (const rule of ALL_RULES) {
      if (rule.platform === 'k8s') expect({ id: rule.id, kinds: rule.kinds.length > 0 }).toEqual({ id: rule.id, kinds: true });
      if (rule.platform === 'terraform' || rule.platform === 'cloudformation') {
        expect({ id: rule.id, types: rule.types.length > 0 && !rule.types.includes('*') }).toEqual({ id: rule.id, types: true });
      }
    }
  });

  test('platform folders hold rules and their tests only; helpers live in shared/', () => {
    const rulesDir = `${root}src/engine/rules/`;
    const ids = new Set(CATALOG.map((r) => r.id));
    const strays: string[] = [];
    for (const folder of readdirSync(rulesDir, { withFileTypes: true })) {
      if (!folder.isDirectory() || folder.name === 'shared') continue;
      for (const file of readdirSync(`${rulesDir}${folder.name}`)) {
        const name = file.replace(/(\.test)?\.ts$/, '');
        if (!ids.has(`${folder.name}/${name}`)) strays.push(`${folder.name}/${file}`);
      }
    }
    expect(strays).toEqual([]);
  });

  test('ids are unique across the catalog', () => {
    const ids = CATALOG.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const meta of Object.values(META_RULES)) {
    test(`${meta.id} has a doc page`, () => {
      expect(existsSync(`${root}docs/rules/${meta.id}.md`)).toBe(true);
    });
  }

  for (const rule of ALL_RULES) {
    describe(rule.id, () => {
      const docPath = `${root}docs/rules/${rule.id}.md`;

      test('metadata is complete', () => {
        expect(rule.summary.length).toBeGreaterThan(10);
        expect(rule.rationale.length).toBeGreaterThan(30);
        expect(rule.remediation.length).toBeGreaterThan(20);
        expect(LAYER_TITLES[rule.layer]).toBeDefined();
      });

      test('has a test table beside it', () => {
        const [folder, name] = folderAndName(rule.id);
        expect(existsSync(`${root}src/engine/rules/${folder}/${name}.test.ts`)).toBe(true);
      });

      test('has a doc page whose incorrect example fires and whose correct example does not', () => {
        expect(existsSync(docPath)).toBe(true);
        const doc = readFileSync(docPath, 'utf8');
        expect(doc.startsWith(`# ${rule.id}\n`)).toBe(true);
        expect(doc).toContain(`**Severity:** ${rule.severity}`);
        expect(doc).toContain(`**Layer:** ${rule.layer}.`);
        expect(doc).toContain(`**Fix:** ${rule.fixable ? `yes (${rule.fixable})` : 'no'}\n`);
        const incorrect = example(doc, 'Incorrect');
        const correct = example(doc, 'Correct');
        expect(incorrect).toBeDefined();
        expect(correct).toBeDefined();
        const found = findingsOf(rule, doc, incorrect!.text, incorrect!.files);
        expect(found.length).toBeGreaterThan(0);
        expect(findingsOf(rule, doc, correct!.text, correct!.files)).toEqual([]);
        // The kinds (or resource types) the rule declares are all it finds anything in.
        expect(findingsOf(readingEverything(rule), doc, incorrect!.text, incorrect!.files)).toEqual(found);
        expect(findingsOf(readingEverything(rule), doc, correct!.text, correct!.files)).toEqual([]);
        if (rule.fixable && found.some((f) => f.fix)) {
          // The example's fix, once applied, must leave the fixed findings quiet.
          const fixed = applyEdits(
            incorrect!.text,
            found.flatMap((f) => f.fix?.edits ?? []),
          ).text;
          const remaining = findingsOf(rule, doc, fixed, incorrect!.files).map((f) => f.locator);
          for (const f of found.filter((x) => x.fix)) expect(remaining).not.toContain(f.locator);
        }
      });
    });
  }
});
