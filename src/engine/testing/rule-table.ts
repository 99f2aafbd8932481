import { load, loadAll } from 'js-yaml';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { validateConfig } from '../config.js';
import { applyEdits } from '../fix.js';
import type { Severity, SourceInput } from '../model.js';
import { initTerraformParser } from '../parse/terraform.js';
import type { Rule, RuleOptions } from '../rules/rule.js';
import { scan } from '../scan.js';
import { dedent } from './dedent.js';

export interface RuleCase {
  name: string;
  /**
   * The file under test (dedented: its first line is line 1): a manifest, a CloudFormation template or
   * Terraform, written as the platform's default path unless `path` says otherwise.
   */
  yaml: string;
  /**
   * Where to write the file: by default `manifest.yaml`, `main.tf` (terraform), `template.yaml`
   * (cloudformation), `Chart.yaml` (helm) or `kustomization.yaml` (kustomize).
   */
  path?: string;
  /** Other files of the scan set (path → text), e.g. a NetworkPolicy elsewhere or a kustomization. */
  files?: Record<string, string>;
  options?: RuleOptions;
}

export interface InvalidCase extends RuleCase {
  /** Exact one-based lines of the rule's findings in the manifest, in order. */
  lines: number[];
  /** Expected severity of every finding, when it differs from the rule's default. */
  severity?: Severity;
  /**
   * Whether every finding offers a fix that, applied, makes the rule quiet (the default for fixable rules);
   * `false` asserts that no finding offers one.
   */
  fixes?: boolean;
  /** A substring each finding's message must contain. */
  message?: string;
}

const DEFAULT_PATH: Record<string, string> = {
  k8s: 'manifest.yaml',
  terraform: 'main.tf',
  cloudformation: 'template.yaml',
  helm: 'Chart.yaml',
  kustomize: 'kustomization.yaml',
};

function run(rule: Rule, c: RuleCase, yaml: string) {
  const path = c.path ?? DEFAULT_PATH[rule.platform] ?? 'manifest.yaml';
  const files: SourceInput[] = [{ path, text: yaml }];
  for (const [p, text] of Object.entries(c.files ?? {})) files.push({ path: p, text: dedent(text) });
  const config = validateConfig(c.options ? { rules: { [rule.id]: c.options } } : {}, new Set([rule.id]));
  const result = scan({ files, rules: [rule], config });
  const parseErrors = result.findings.filter((f) => f.ruleId === 'bulwark/parse-error' && f.path === path);
  if (parseErrors.length > 0)
    throw new Error(`the case's file does not parse: ${parseErrors.map((f) => `${f.range.start.line}: ${f.message}`).join('; ')}`);
  return result.findings.filter((f) => f.ruleId === rule.id && f.path === path);
}

/** Fixed text must still parse: YAML or JSON by the parser Kubernetes uses, Terraform by a rescan. */
function expectParses(path: string, text: string): void {
  // run() rejects a file with parse errors when it rescans; js-yaml alone knows neither HCL nor CloudFormation's local tags.
  if (path.endsWith('.tf') || /(?:^|[\s[{,])![A-Za-z]/m.test(text)) return;
  expect(() => (path.endsWith('.json') ? load(text) : loadAll(text))).not.toThrow();
}

/**
 * The table every rule is tested with: valid cases must be quiet, invalid ones must fire on exactly the
 * given lines, and where the rule offers fixes, applying them must produce YAML that parses and is quiet.
 */
export function ruleTable(rule: Rule, table: { valid: RuleCase[]; invalid: InvalidCase[] }): void {
  describe(rule.id, () => {
    if (rule.platform === 'terraform') beforeAll(() => initTerraformParser());
    test('has cases both ways', () => {
      expect(table.valid.length).toBeGreaterThan(0);
      expect(table.invalid.length).toBeGreaterThan(0);
    });
    for (const c of table.valid) {
      test(`valid: ${c.name}`, () => {
        expect(run(rule, c, dedent(c.yaml)).map((f) => `${f.range.start.line}: ${f.message}`)).toEqual([]);
      });
    }
    for (const c of table.invalid) {
      test(`invalid: ${c.name}`, () => {
        const yaml = dedent(c.yaml);
        const findings = run(rule, c, yaml);
        expect(findings.map((f) => f.range.start.line)).toEqual(c.lines);
        for (const f of findings) {
          expect(f.range.start.line).toBeGreaterThanOrEqual(1);
          expect(f.severity).toBe(c.severity ?? rule.severity);
          if (c.message) expect(f.message).toContain(c.message);
        }
        // `fixes: false` says the rule offers no fix in this case: a fix that appears there is a change to review.
        if (c.fixes === false) expect(findings.filter((f) => f.fix).map((f) => f.fix!.description)).toEqual([]);
        if (!(c.fixes ?? rule.fixable)) return;
        expect(findings.every((f) => f.fix !== undefined)).toBe(true);
        let text = yaml;
        // Fixes that touch the same place apply over successive passes, as `bulwark scan --fix` does.
        for (let pass = 0; pass < 5; pass++) {
          const pending = run(rule, c, text);
          if (pending.length === 0) break;
          text = applyEdits(
            text,
            pending.flatMap((f) => f.fix?.edits ?? []),
          ).text;
        }
        expectParses(c.path ?? DEFAULT_PATH[rule.platform] ?? 'manifest.yaml', text);
        expect(run(rule, c, text).map((f) => `${f.range.start.line}: ${f.message}`)).toEqual([]);
      });
    }
  });
}
