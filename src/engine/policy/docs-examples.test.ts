import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { validateConfig } from '../config.js';
import { RULE_IDS } from '../rules/index.js';
import { scan } from '../scan.js';

/** The YAML blocks of docs/policies.md under the heading that starts with `title`. */
function example(title: string): string {
  const doc = readFileSync(new URL('../../../docs/policies.md', import.meta.url), 'utf8');
  const section = doc.split(/^## /m).find((part) => part.startsWith(title))!;
  return [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).join('---\n');
}

const run = (files: Array<{ path: string; text: string }>) =>
  scan({ files, rules: [], config: validateConfig({}, RULE_IDS) }).findings.map(
    (f) => `${f.path}:${f.range.start.line} ${f.ruleId} ${f.severity}: ${f.message.split(' (policy ')[0]}`,
  );

describe('the worked examples of docs/policies.md', () => {
  test('example 1: params and a messageExpression', () => {
    const deployment =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 5\n  template:\n    spec:\n      containers: [{name: app, image: nginx:1}]\n';
    expect(
      run([
        { path: 'policy.yaml', text: example('Example 1') },
        { path: 'web.yaml', text: deployment },
      ]),
    ).toEqual(['web.yaml:7 policy/max-replicas medium: replicas must be at most 3']);
  });

  test('example 2: a namespace selector on the scanned Namespace objects', () => {
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {tier: production}\n';
    const pod = (ns: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  containers: [{name: app, image: nginx:1}]\n`;
    expect(
      run([
        { path: 'policy.yaml', text: example('Example 2') },
        { path: 'ns.yaml', text: namespace },
        { path: 'a.yaml', text: pod('shop') },
      ]),
    ).toEqual(['a.yaml:3 policy/require-owner low: every workload in production needs an owner label']);
  });

  test('example 3: the restricted profile, each failing validation on the failing container field', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile: {type: RuntimeDefault}
  containers:
  - name: good
    image: nginx:1
    securityContext:
      allowPrivilegeEscalation: false
      capabilities: {drop: [ALL]}
  - name: bad
    image: nginx:1
    securityContext:
      allowPrivilegeEscalation: true
      capabilities:
        drop: [NET_RAW]
        add: [SYS_ADMIN]
      runAsNonRoot: false
  volumes:
  - name: host
    hostPath: {path: /var}
`;
    expect(
      run([
        { path: 'pss.yaml', text: example('Example 3') },
        { path: 'pod.yaml', text: pod },
      ]),
    ).toEqual([
      'pod.yaml:18 policy/pss-restricted high: restricted: allowPrivilegeEscalation must be false',
      'pod.yaml:20 policy/pss-restricted high: restricted: capabilities must drop ALL',
      'pod.yaml:21 policy/pss-restricted high: restricted: only NET_BIND_SERVICE may be added',
      'pod.yaml:22 policy/pss-restricted high: restricted: runAsNonRoot must be true',
      'pod.yaml:24 policy/pss-restricted high: restricted: only the restricted volume types may be used',
    ]);
  });
});
