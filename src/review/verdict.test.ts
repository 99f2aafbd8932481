import { describe, expect, test } from '@jest/globals';
import type { SourceInput } from '../engine/model.js';
import { scan } from '../engine/scan.js';
import { classify } from './verdict.js';
import { revisionsOf } from './revisions.js';

const DIGEST = `@sha256:${'a'.repeat(64)}`;

/** A Deployment with a privileged container (and nothing else wrong). */
function deployment(name: string, privileged: boolean): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: shop
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      automountServiceAccountToken: false
      serviceAccountName: ${name}
      securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
      containers:
        - name: app
          image: registry.example.com/${name}:1.0${DIGEST}
          securityContext:
            privileged: ${privileged}
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`;
}

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: all, namespace: shop}
spec: {podSelector: {}}
`;

/** An audit policy has no name: its identity must not be its document index. */
const AUDIT = `apiVersion: audit.k8s.io/v1
kind: Policy
rules: []
`;

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: shop}
data: {a: "1"}
`;

function findings(files: Record<string, string>) {
  const inputs: SourceInput[] = Object.entries(files).map(([path, text]) => ({ path, text }));
  return scan({ files: inputs, context: [{ path: 'deploy/policy.yaml', text: POLICY }] }).findings;
}

/** `verdict rule path:line` for the head, and `fixed rule path:line` for what the base had alone. */
function verdicts(base: Record<string, string>, head: Record<string, string>, headPath = (path: string) => path): string[] {
  const { findings: classified, fixed } = classify(findings(head), { findings: findings(base), headPath });
  return [
    ...classified.map((c) => `${c.verdict} ${c.finding.ruleId} ${c.finding.path}:${c.finding.range.start.line}`),
    ...fixed.map((f) => `fixed ${f.finding.ruleId} ${f.finding.path}:${f.finding.range.start.line}`),
  ];
}

describe('base against head: fingerprints that survive what a change does around a finding', () => {
  test('a finding moved by unrelated edits above it is existing, not new', () => {
    const base = { 'deploy/web.yaml': deployment('web', true) };
    const head = {
      'deploy/web.yaml': deployment('web', true).replace(
        '  namespace: shop\n',
        '  namespace: shop\n  labels:\n    team: web\n    tier: front\n',
      ),
    };
    expect(verdicts(base, head)).toEqual(['existing k8s/privileged-container deploy/web.yaml:22']);
  });

  test('a renamed file keeps its findings: existing under the new name', () => {
    const base = { 'deploy/web.yaml': deployment('web', true) };
    const head = { 'apps/web/deployment.yaml': deployment('web', true) };
    const revisions = revisionsOf(
      [{ path: 'apps/web/deployment.yaml', previousPath: 'deploy/web.yaml', status: 'renamed' }],
      ['apps/web/deployment.yaml'],
    );
    expect(verdicts(base, head, revisions.headPath)).toEqual(['existing k8s/privileged-container apps/web/deployment.yaml:19']);
    // Without following the rename, the same finding would be new here and fixed there.
    expect(verdicts(base, head)).toEqual([
      'new k8s/privileged-container apps/web/deployment.yaml:19',
      'fixed k8s/privileged-container deploy/web.yaml:19',
    ]);
  });

  test('another object of the same file changing leaves the first one’s finding existing', () => {
    const base = { 'deploy/all.yaml': `${deployment('web', true)}---\n${deployment('api', false)}` };
    const head = {
      'deploy/all.yaml': `${deployment('web', true)}---\n${deployment('api', false).replace('replicas', 'x').replace('namespace: shop\n', 'namespace: shop\n  annotations: {a: b}\n')}`,
    };
    expect(verdicts(base, head)).toEqual(['existing k8s/privileged-container deploy/all.yaml:19']);
  });

  test('an object without a name (an audit Policy) keeps its identity when a document is added above it', () => {
    const base = { 'audit/policy.yaml': AUDIT };
    const head = { 'audit/policy.yaml': `${CONFIG_MAP}---\n${AUDIT}` };
    expect(verdicts(base, head)).toEqual(['existing k8s/audit-policy-weak audit/policy.yaml:8']);
  });

  test('a fix: the base’s finding that the head no longer has is fixed; a new one in a file full of old ones is the only new one', () => {
    const many = ['a', 'b', 'c', 'd'].map((n) => deployment(n, true)).join('---\n');
    const base = { 'deploy/many.yaml': many, 'deploy/web.yaml': deployment('web', true) };
    const head = { 'deploy/many.yaml': `${many}---\n${deployment('e', true)}`, 'deploy/web.yaml': deployment('web', false) };
    expect(verdicts(base, head)).toEqual([
      'existing k8s/privileged-container deploy/many.yaml:19',
      'existing k8s/privileged-container deploy/many.yaml:42',
      'existing k8s/privileged-container deploy/many.yaml:65',
      'existing k8s/privileged-container deploy/many.yaml:88',
      'new k8s/privileged-container deploy/many.yaml:111',
      'fixed k8s/privileged-container deploy/web.yaml:19',
    ]);
  });

  test('identical objects share a fingerprint and are matched by count: one more is one new', () => {
    const one = deployment('web', true);
    expect(verdicts({ 'a.yaml': one }, { 'a.yaml': `${one}---\n${one}` })).toEqual([
      'existing k8s/privileged-container a.yaml:19',
      'new k8s/privileged-container a.yaml:42',
    ]);
  });

  test('a base that does not parse hides no head finding: they are new, and its parse error is not "fixed"', () => {
    const base = { 'deploy/web.yaml': `${deployment('web', true)}  bad: [unclosed\n` };
    const head = { 'deploy/web.yaml': deployment('web', true) };
    expect(verdicts(base, head)).toEqual(['new k8s/privileged-container deploy/web.yaml:19']);
  });

  test('a head that does not parse is new even when the base did not parse either', () => {
    const broken = `${deployment('web', false)}  bad: [unclosed\n`;
    expect(verdicts({ 'deploy/web.yaml': broken }, { 'deploy/web.yaml': broken }).map((v) => v.split(' ').slice(0, 2).join(' '))).toEqual([
      'new bulwark/parse-error',
    ]);
  });
});

describe('the merge base’s file list', () => {
  test('is the head’s without added files and new names, with removed files and old names', () => {
    const revisions = revisionsOf(
      [
        { path: 'new.yaml', status: 'added' },
        { path: 'gone.yaml', status: 'removed' },
        { path: 'b/moved.yaml', previousPath: 'a/moved.yaml', status: 'renamed' },
        { path: 'same.yaml', status: 'modified' },
      ],
      ['new.yaml', 'b/moved.yaml', 'same.yaml', 'untouched.yaml'],
    );
    expect(revisions.basePaths.sort()).toEqual(['a/moved.yaml', 'gone.yaml', 'same.yaml', 'untouched.yaml']);
    expect([...revisions.changed].sort()).toEqual(['a/moved.yaml', 'b/moved.yaml', 'gone.yaml', 'new.yaml', 'same.yaml']);
    expect(revisions.headPath('a/moved.yaml')).toBe('b/moved.yaml');
    expect(revisions.headPath('same.yaml')).toBe('same.yaml');
  });
});
