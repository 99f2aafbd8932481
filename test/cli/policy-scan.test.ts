import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@jest/globals';
import { validateConfig } from '../../src/engine/config.js';
import { RULE_IDS } from '../../src/engine/rules/index.js';
import { runScan } from '../../src/entries/cli/scan-command.js';

const POLICY = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: require-team
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}
  validations:
  - expression: "has(object.metadata.labels) && 'team' in object.metadata.labels"
    message: deployments need a team label
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: require-team
spec:
  policyName: require-team
  validationActions: [Deny]
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers: [{name: app, image: nginx:1}]
`;

test('bulwark scan reads the policies of policies.paths, and SARIF describes their rules', async () => {
  const root = await mkdtemp(join(tmpdir(), 'bulwark-policy-'));
  try {
    await mkdir(join(root, 'platform/policies'), { recursive: true });
    await mkdir(join(root, 'deploy'));
    await writeFile(join(root, 'platform/policies/team.yaml'), POLICY);
    await writeFile(join(root, 'deploy/web.yaml'), DEPLOYMENT);
    let out = '';
    const config = validateConfig({ policies: { paths: ['platform/policies'] } }, RULE_IDS);
    const write = (chunk: string) => (out += chunk);
    const options = {
      fix: undefined,
      dryRun: false,
      minSeverity: 'info' as const,
      groupBy: 'file' as const,
      quiet: false,
      color: false,
      progress: false,
    };
    const outcome = await runScan({
      root,
      paths: ['deploy'],
      format: 'sarif',
      output: undefined,
      write,
      failOn: undefined,
      ...options,
      config,
    });
    expect(outcome.failed).toBe(true);
    const run = JSON.parse(out).runs[0];
    const results = run.results.filter((r: { ruleId: string }) => r.ruleId === 'policy/require-team');
    expect(
      results.map((r: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }) => {
        const { artifactLocation, region } = r.locations[0]!.physicalLocation;
        return `${artifactLocation.uri}:${region.startLine}`;
      }),
    ).toEqual(['deploy/web.yaml:3']);
    const descriptor = run.tool.driver.rules[results[0].ruleIndex];
    expect(descriptor.id).toBe('policy/require-team');
    expect(descriptor.shortDescription.text).toBe("Object rejected by the repository's ValidatingAdmissionPolicy require-team");
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
