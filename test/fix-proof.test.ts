import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { loadAll } from 'js-yaml';
import { validateConfig } from '../src/engine/config.js';
import { applyEdits } from '../src/engine/fix.js';
import type { Finding, SourceInput } from '../src/engine/model.js';
import { initTerraformParser } from '../src/engine/parse/terraform.js';
import { ALL_RULES, RULE_IDS } from '../src/engine/rules/index.js';
import { scan } from '../src/engine/scan.js';
import { schemaProblems } from '../src/engine/testing/kubernetes-schema.js';
import { EXAMPLE_PATH, optionsInDoc } from '../src/engine/testing/rule-docs.js';

/**
 * Proof that fixes do what they say, on every rule's documented incorrect example and on the examples
 * folder: applied (safe and risky alike), the result still parses, the fixed findings are gone, no finding
 * appears that was not there before, and Kubernetes objects still validate against the API schema.
 */

const root = new URL('..', import.meta.url).pathname;
/** The options rules' doc pages configure for their examples (untrusted-registry's allow-list). */
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

/**
 * Findings a fix may rightly bring to light, because another rule stays quiet while the fixed setting
 * holds: NetworkPolicies do not apply to pods on the node's network, so k8s/missing-network-policy only
 * speaks of them once they leave it.
 */
const REVEALED: Record<string, string[]> = { 'k8s/host-network': ['k8s/missing-network-policy'] };

/** What a finding is about, without where the field sits: the rule, the file, the object and the container. */
function subject(finding: Finding): string {
  const [object = '', path = ''] = finding.locator.split('#');
  const container = /(?:ephemeralContainers|initContainers|containers)\[[^\]]*\]/.exec(path)?.[0] ?? '';
  return `${finding.ruleId} ${finding.path} ${object} ${container}`;
}

function scanFiles(files: readonly SourceInput[]) {
  return scan({ files, config: CONFIG });
}

/** Applies every fix, pass after pass as `bulwark scan --fix=all` does, and returns the files and what was fixed. */
function fixAll(files: readonly SourceInput[]): { files: SourceInput[]; fixed: Finding[] } {
  let current = [...files];
  const fixed: Finding[] = [];
  for (let pass = 0; pass < 5; pass++) {
    const withFix = scanFiles(current).findings.filter((f) => f.fix);
    if (withFix.length === 0) break;
    fixed.push(...withFix);
    current = current.map((file) => {
      const edits = withFix.filter((f) => f.path === file.path).flatMap((f) => f.fix!.edits);
      return edits.length === 0 ? file : { path: file.path, text: applyEdits(file.text, edits).text };
    });
  }
  return { files: current, fixed };
}

function expectProven(before: readonly SourceInput[]): number {
  const { files: after, fixed } = fixAll(before);
  const found = scanFiles(after).findings;
  expect(found.filter((f) => f.ruleId === 'bulwark/parse-error').map((f) => `${f.path}:${f.range.start.line} ${f.message}`)).toEqual([]);
  const remaining = new Set(found.map((f) => `${f.ruleId} ${f.path} ${f.locator}`));
  expect(fixed.map((f) => `${f.ruleId} ${f.path} ${f.locator}`).filter((key) => remaining.has(key))).toEqual([]);
  const earlier = new Set(scanFiles(before).findings.map(subject));
  const revealed = new Set(fixed.flatMap((f) => REVEALED[f.ruleId] ?? []));
  expect(
    found
      .filter((f) => !revealed.has(f.ruleId))
      .map(subject)
      .filter((s) => !earlier.has(s)),
  ).toEqual([]);
  for (const file of after) {
    // CloudFormation's tags are not js-yaml's; its templates are checked by the rescan above.
    if (!/\.(ya?ml|json)$/.test(file.path) || !/^\s*"?kind"?\s*:/m.test(file.text)) continue;
    const problems = (loadAll(file.text) as unknown[]).map(schemaProblems).filter((p): p is string => typeof p === 'string');
    expect(problems).toEqual([]);
  }
  return fixed.length;
}

function example(doc: string, heading: string): string | undefined {
  const section = doc.split(/^## /m).find((part) => part.startsWith(`${heading}\n`));
  return /```(?:ya?ml|json|dockerfile|hcl|terraform)\n([\s\S]*?)```/.exec(section ?? '')?.[1];
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('fixes, proven', () => {
  beforeAll(() => initTerraformParser());

  for (const rule of ALL_RULES) {
    test(`${rule.id}: its incorrect example, fixed, ${rule.fixable ? `(${rule.fixable}) is clean and valid` : 'offers no fix'}`, () => {
      const doc = readFileSync(`${root}docs/rules/${rule.id}.md`, 'utf8');
      const path = EXAMPLE_PATH[rule.platform] ?? 'example.yaml';
      const text = example(doc, 'Incorrect')!;
      const own = scanFiles([{ path, text }]).findings.filter((f) => f.ruleId === rule.id);
      // What the rule table in the README says ("fix: safe/risky") is what the rule really does here.
      expect(own.some((f) => f.fix)).toBe(rule.fixable !== false);
      // Each fix is as safe as the rule declares (what `bulwark rules` and the README say).
      for (const f of own) if (f.fix) expect(f.fix.safe ? 'safe' : 'risky').toBe(rule.fixable);
      if (rule.fixable) expect(expectProven([{ path, text }])).toBeGreaterThan(0);
    });
  }

  // Charts and overlays are rendered by real tools in their own tests; these are the plain files.
  const groups = [
    'insecure',
    'hardened',
    'cloudformation',
    'terraform/insecure',
    'terraform/hardened',
    'docker/insecure',
    'kustomize/base',
  ];
  for (const group of groups) {
    test(`examples/${group}: every fix applied leaves it parsing, valid and with no new finding`, () => {
      const folder = join(root, 'examples', group);
      const files = filesUnder(folder)
        .filter((path) => /\.(ya?ml|json|tf)$|Dockerfile$/.test(path) && !path.endsWith('kustomization.yaml'))
        .map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
      const count = expectProven(files);
      if (group === 'insecure' || group === 'terraform/insecure' || group === 'cloudformation') expect(count).toBeGreaterThan(0);
    });
  }
});
