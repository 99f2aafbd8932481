import { describe, expect, test } from '@jest/globals';
import { validateConfig } from '../config.js';
import type { SourceInput } from '../model.js';
import { RULE_IDS } from '../rules/index.js';
import { scan } from '../scan.js';

function run(files: SourceInput[], config: unknown = {}, context: SourceInput[] = []) {
  return scan({ files, context, rules: [], config: validateConfig(config, RULE_IDS) });
}

const lines = (result: ReturnType<typeof run>) =>
  result.findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId} ${f.severity}: ${f.message}`);

/** A policy on Deployments and Pods with the given spec lines (indented under `spec:`), and a binding. */
function policy(name: string, spec: string, actions = '[Deny]', bindingExtra = ''): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: ${name}
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["", "apps"]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["pods", "deployments"]
${spec}---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: ${name}-binding
spec:
  policyName: ${name}
  validationActions: ${actions}
${bindingExtra}`;
}

const deployment = (name: string, containers: string, namespace = 'apps') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
  labels:
    team: web
spec:
  replicas: 5
  template:
    spec:
      containers:
${containers}`;

describe('policies: validations on the line the expression reads', () => {
  test('all() over containers points at the failing container field, with the policy message, file and line', () => {
    const files = [
      {
        path: 'policies/run-as-non-root.yaml',
        text: policy(
          'run-as-non-root',
          `  validations:
  - expression: "object.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot == true)"
    message: containers must run as non-root
`,
        ),
      },
      {
        path: 'apps/web.yaml',
        text: deployment(
          'web',
          `      - name: ok
        image: nginx:1
        securityContext:
          runAsNonRoot: true
      - name: bad
        image: nginx:1
        securityContext:
          runAsNonRoot: false
`,
        ),
      },
    ];
    expect(lines(run(files))).toEqual([
      'apps/web.yaml:20 policy/run-as-non-root high: containers must run as non-root (policy run-as-non-root (policies/run-as-non-root.yaml line 1), binding run-as-non-root-binding (Deny))',
    ]);
  });
});

describe('policies: params, selectors, messages', () => {
  const replicas = policy(
    'max-replicas',
    `  paramKind:
    apiVersion: v1
    kind: ConfigMap
  validations:
  - expression: "object.spec.replicas <= int(params.data.maxReplicas)"
    messageExpression: "'replicas must be at most ' + params.data.maxReplicas + ', not ' + string(object.spec.replicas)"
`,
    '[Warn]',
    `  paramRef:
    name: replica-limits
    namespace: policy-params
    parameterNotFoundAction: Deny
`,
  );
  const params = `apiVersion: v1
kind: ConfigMap
metadata:
  name: replica-limits
  namespace: policy-params
data:
  maxReplicas: "3"
`;

  test('a policy with params found among the scanned objects, and its messageExpression', () => {
    const files = [
      { path: 'policies/replicas.yaml', text: replicas },
      { path: 'apps/web.yaml', text: deployment('web', '      - name: app\n        image: nginx:1\n') },
    ];
    expect(lines(run(files, {}, [{ path: 'policies/params.yaml', text: params }]))).toEqual([
      'apps/web.yaml:9 policy/max-replicas medium: replicas must be at most 3, not 5 (policy max-replicas (policies/replicas.yaml line 1), binding max-replicas-binding (Warn))',
    ]);
  });

  test('params not in the scan: one info finding for the policy, never a pass or a fail', () => {
    const files = [
      { path: 'policies/replicas.yaml', text: replicas },
      { path: 'apps/a.yaml', text: deployment('a', '      - name: app\n        image: nginx:1\n') },
      { path: 'apps/b.yaml', text: deployment('b', '      - name: app\n        image: nginx:1\n') },
    ];
    expect(lines(run(files))).toEqual([
      'apps/a.yaml:2 policy/max-replicas info: policy max-replicas (policies/replicas.yaml line 1), binding max-replicas-binding (Warn) could not decide on this object: its params (ConfigMap "replica-limits") are not among the scanned objects. It is not judged on this object nor on others in the same case, which are not reported again.',
    ]);
  });

  const labelled = policy(
    'require-owner',
    `  validations:
  - expression: "has(object.metadata.labels) && 'owner' in object.metadata.labels"
    message: every object needs an owner label
`,
    '[Audit]',
    `  matchResources:
    namespaceSelector:
      matchLabels:
        tier: production
`,
  );
  const namespaces = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    tier: production
---
apiVersion: v1
kind: Namespace
metadata:
  name: sandbox
  labels:
    tier: test
`;

  test('a binding with a namespace selector applies to objects in the selected scanned namespaces only', () => {
    const files = [
      { path: 'policies/owner.yaml', text: labelled },
      { path: 'namespaces.yaml', text: namespaces },
      { path: 'shop/web.yaml', text: deployment('web', '      - name: app\n        image: nginx:1\n', 'shop') },
      { path: 'sandbox/web.yaml', text: deployment('web', '      - name: app\n        image: nginx:1\n', 'sandbox') },
    ];
    expect(lines(run(files))).toEqual([
      'shop/web.yaml:6 policy/require-owner low: every object needs an owner label (policy require-owner (policies/owner.yaml line 1), binding require-owner-binding (Audit))',
    ]);
  });

  test('a namespace not in the scan: the selector cannot be decided, said once', () => {
    const files = [
      { path: 'policies/owner.yaml', text: labelled },
      { path: 'elsewhere/a.yaml', text: deployment('a', '      - name: app\n        image: nginx:1\n', 'unknown') },
      { path: 'elsewhere/b.yaml', text: deployment('b', '      - name: app\n        image: nginx:1\n', 'unknown') },
    ];
    const result = run(files);
    expect(result.findings.map((f) => `${f.path}:${f.range.start.line} ${f.severity}`)).toEqual(['elsewhere/a.yaml:2 info']);
    expect(result.findings[0]!.message).toContain(
      'its namespaceSelector reads labels of namespace "unknown", which is not among the scanned Namespace objects',
    );
  });

  test('matchConditions and excludeResourceRules leave objects out; variables feed validations', () => {
    const text = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: no-latest
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["*"]
      operations: ["*"]
      resources: ["*"]
    excludeResourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["*"]
      operations: ["*"]
      resources: ["statefulsets"]
  matchConditions:
  - name: not-exempt
    expression: "!has(object.metadata.labels) || !('exempt' in object.metadata.labels)"
  variables:
  - name: images
    expression: "object.spec.template.spec.containers.map(c, c.image)"
  validations:
  - expression: "!variables.images.exists(i, i.endsWith(':latest'))"
    message: no latest tags
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: no-latest
spec:
  policyName: no-latest
  validationActions: [Deny, Audit]
`;
    const bad = '      - name: app\n        image: nginx:latest\n';
    const files = [
      { path: 'p.yaml', text },
      { path: 'a.yaml', text: deployment('a', bad) },
      { path: 'b.yaml', text: deployment('b', bad).replace('team: web', 'exempt: "yes"') },
      { path: 'c.yaml', text: deployment('c', bad).replace('kind: Deployment', 'kind: StatefulSet') },
    ];
    expect(lines(run(files))).toEqual([
      'a.yaml:2 policy/no-latest high: no latest tags (policy no-latest (p.yaml line 1), binding no-latest (Deny, Audit))',
    ]);
  });
});

describe('policies: bad input', () => {
  test('a policy that does not compile is one finding at its expression, with the CEL error', () => {
    const files = [
      {
        path: 'p.yaml',
        text: policy(
          'broken',
          `  validations:\n  - expression: "object.spec.replicas >"\n  - expression: "object.spec.replicas.startWith('x')"\n`,
        ),
      },
      { path: 'a.yaml', text: deployment('a', '      - name: app\n        image: nginx:1\n') },
    ];
    expect(lines(run(files))).toEqual([
      'p.yaml:13 policy/broken high: validations[0] does not compile, so it was not evaluated on any object: 1:22: found > but expecting end of input',
      "p.yaml:14 policy/broken high: validations[1] does not compile, so it was not evaluated on any object: undeclared reference to 'startWith'",
    ]);
  });

  test('an expression that errors on one object is reported on that object; the others go on', () => {
    const files = [
      {
        path: 'p.yaml',
        text: policy('labels', `  validations:\n  - expression: "object.metadata.labels.team == 'web'"\n    message: team must be web\n`),
      },
      { path: 'a.yaml', text: deployment('a', '      - name: app\n        image: nginx:1\n').replace('  labels:\n    team: web\n', '') },
      { path: 'b.yaml', text: deployment('b', '      - name: app\n        image: nginx:1\n').replace('team: web', 'team: db') },
    ];
    expect(lines(run(files))).toEqual([
      'a.yaml:2 policy/labels high: validations[0] failed: field not found: labels (policy labels (p.yaml line 1), binding labels-binding (Deny))',
      'b.yaml:7 policy/labels high: team must be web (policy labels (p.yaml line 1), binding labels-binding (Deny))',
    ]);
  });

  test('a runaway expression is stopped by the cost limit', () => {
    const list = `[${Array.from({ length: 60 }, (_, i) => i).join(',')}]`;
    const files = [
      {
        path: 'p.yaml',
        text: policy('runaway', `  validations:\n  - expression: "${list}.all(x, ${list}.all(y, ${list}.all(z, x + y + z >= 0)))"\n`),
      },
      { path: 'a.yaml', text: deployment('a', '      - name: app\n        image: nginx:1\n') },
    ];
    expect(lines(run(files, { policies: { costLimit: 10000 } }))).toEqual([
      'a.yaml:2 policy/runaway high: validations[0] was stopped by the cost limit (10000 steps), as the API server stops a runaway expression (policy runaway (p.yaml line 1), binding runaway-binding (Deny))',
    ]);
  });

  test('reading authorizer is said once on the policy; a policy without a binding says it was not evaluated', () => {
    const text = policy('authz', `  validations:\n  - expression: "authorizer.requestResource.check('create').allowed()"\n`).split(
      '---',
    )[0]!;
    const files = [
      { path: 'p.yaml', text },
      { path: 'a.yaml', text: deployment('a', '      - name: app\n        image: nginx:1\n') },
    ];
    expect(lines(run(files))).toEqual([
      'p.yaml:4 policy/authz info: no ValidatingAdmissionPolicyBinding in the scan binds this policy, so it was not evaluated on any object',
      'p.yaml:13 policy/authz info: validations[0] reads `authorizer`, which cannot be known offline: on objects where the rest of the expression does not decide, it is not judged',
    ]);
  });
});

describe('policies: configuration, suppressions', () => {
  test('policy rule ids are accepted in config: off, or a severity', () => {
    const files = [
      { path: 'p.yaml', text: policy('labels', `  validations:\n  - expression: "object.metadata.labels.team == 'db'"\n`) },
      { path: 'a.yaml', text: deployment('a', '      - name: app\n        image: nginx:1\n') },
    ];
    expect(run(files, { rules: { 'policy/labels': 'low' } }).findings.map((f) => f.severity)).toEqual(['low']);
    expect(run(files, { rules: { 'policy/labels': 'off' } }).findings).toEqual([]);
    expect(run(files, { policies: { severity: { deny: 'critical' } } }).findings.map((f) => f.severity)).toEqual(['critical']);
    expect(() => validateConfig({ rules: { 'k8s/nope': 'off' } }, RULE_IDS)).toThrow('rules.k8s/nope: unknown rule id');
  });

  test('an inline suppression silences a policy finding like any rule', () => {
    const files = [
      { path: 'p.yaml', text: policy('labels', `  validations:\n  - expression: "object.metadata.labels.team == 'db'"\n`) },
      {
        path: 'a.yaml',
        text: deployment('a', '      - name: app\n        image: nginx:1\n').replace(
          '    team: web',
          '    # bulwark:ignore policy/labels -- web owns this\n    team: web',
        ),
      },
    ];
    const result = run(files);
    expect(result.findings).toEqual([]);
    expect(result.suppressed.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`)).toEqual(['a.yaml:8 policy/labels']);
  });
});
