import { describe, expect, test } from '@jest/globals';
import { placed, scanRendered } from './support.js';

describe('policies apply to rendered charts', () => {
  test("a policy's finding on a rendered Deployment is mapped back to the values.yaml line that set the field", async () => {
    const { result } = await scanRendered(['test/fixtures/charts/shop', 'test/fixtures/policies']);
    const findings = result.findings.filter((f) => f.ruleId === 'policy/no-privileged');
    expect(placed(findings)).toEqual(['test/fixtures/charts/shop/values.yaml:12 policy/no-privileged']);
    expect(findings[0]!.message).toBe(
      'containers must not be privileged (policy no-privileged (test/fixtures/policies/no-privileged.yaml line 1), binding no-privileged (Deny))' +
        ' (set in values.yaml; written by templates/deployment.yaml:28)',
    );
  });
});
