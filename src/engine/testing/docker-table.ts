import { describe, expect, test } from '@jest/globals';
import { validateConfig } from '../config.js';
import type { Severity } from '../model.js';
import type { Dockerfile } from '../parse/dockerfile.js';
import type { DockerRule } from '../rules/rule.js';
import { scan } from '../scan.js';
import { dedent } from './dedent.js';

export interface DockerCase {
  name: string;
  /** The Dockerfile under test (dedented: its first line is line 1). */
  dockerfile: string;
  /** Where to write it; `Dockerfile` by default. */
  path?: string;
}

export interface InvalidDockerCase extends DockerCase {
  /** Exact one-based lines of the rule's findings, in order. */
  lines: number[];
  /** The findings' logical places (`stage[build].FROM`), in order, when the case is about them. */
  places?: string[];
  /** A substring each finding's message must contain. */
  message?: string;
  severity?: Severity;
}

interface Seen {
  line: number;
  message: string;
  severity: Severity;
  locator: string;
}

function run(rule: DockerRule<Dockerfile>, c: DockerCase, text: string): Seen[] {
  const path = c.path ?? 'Dockerfile';
  const config = validateConfig({}, new Set([rule.id]));
  const result = scan({ files: [{ path, text }], rules: [rule], config });
  return result.findings
    .filter((f) => f.ruleId === rule.id && f.path === path)
    .map((f) => ({ line: f.range.start.line, message: f.message, severity: f.severity, locator: f.locator }));
}

/**
 * The table every Dockerfile rule is tested with: valid cases must be quiet, invalid ones must fire on
 * exactly the given lines (and places, where given).
 */
export function dockerTable(rule: DockerRule<Dockerfile>, table: { valid: DockerCase[]; invalid: InvalidDockerCase[] }): void {
  describe(rule.id, () => {
    test('has cases both ways', () => {
      expect(table.valid.length).toBeGreaterThan(0);
      expect(table.invalid.length).toBeGreaterThan(0);
    });
    for (const c of table.valid) {
      test(`valid: ${c.name}`, () => {
        expect(run(rule, c, dedent(c.dockerfile)).map((f) => `${f.line}: ${f.message}`)).toEqual([]);
      });
    }
    for (const c of table.invalid) {
      test(`invalid: ${c.name}`, () => {
        const findings = run(rule, c, dedent(c.dockerfile));
        expect(findings.map((f) => f.line)).toEqual(c.lines);
        if (c.places) expect(findings.map((f) => f.locator.slice(f.locator.indexOf('#') + 1))).toEqual(c.places);
        for (const f of findings) {
          expect(f.line).toBeGreaterThanOrEqual(1);
          expect(f.severity).toBe(c.severity ?? rule.severity);
          if (c.message) expect(f.message).toContain(c.message);
        }
      });
    }
  });
}
