import { describe, expect, test } from '@jest/globals';
import { resourcesOf } from '../../../parse/kubernetes.js';
import { parseYaml } from '../../../parse/yaml.js';
import { SourceFile } from '../../../source.js';
import { dedent } from '../../../testing/dedent.js';
import { coversGroup, describeSubjects, namedResources, policyRules } from './rbac.js';

function resource(yaml: string) {
  const text = dedent(yaml);
  const [first] = resourcesOf(new SourceFile('rbac.yaml', text), parseYaml(text).documents);
  if (!first) throw new Error('no resource');
  return first;
}

describe('rbac helpers', () => {
  const role = resource(`
    apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRole
    metadata: {name: r}
    rules:
      - apiGroups: [""]
        resources: ["pods", "*/exec", "*"]
        verbs: ["get", ~]
      - resources: ["secrets"]
        resourceNames: ["tls"]
      - not-a-map
  `);

  test('reads every map rule, skipping null entries, with one-based numbers', () => {
    const rules = policyRules(role);
    expect(rules.map((r) => r.number)).toEqual([1, 2]);
    expect(rules[0]!.verbs.map((v) => v.value)).toEqual(['get']);
    expect(rules[1]!.apiGroups).toBeUndefined();
    expect(rules[1]!.resourceNames.map((v) => v.value)).toEqual(['tls']);
  });

  test('matches resources as the authorizer does, leaving a bare "*" out', () => {
    const [first] = policyRules(role);
    expect(namedResources(first!, 'pods').map((r) => r.value)).toEqual(['pods']);
    expect(namedResources(first!, 'pods/exec').map((r) => r.value)).toEqual(['*/exec']);
    expect(namedResources(first!, 'secrets')).toEqual([]);
  });

  test('an unlisted apiGroups covers every group; a listed one only its own and "*"', () => {
    const [first, second] = policyRules(role);
    expect(coversGroup(first!, '')).toBe(true);
    expect(coversGroup(first!, 'apps')).toBe(false);
    expect(coversGroup(second!, 'apps')).toBe(true);
  });

  test('bootstrap roles and non-RBAC kinds have no rules to check; other system:* roles do', () => {
    expect(
      policyRules(
        resource('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: "system:node"}\nrules: [{verbs: ["*"]}]\n'),
      ),
    ).toEqual([]);
    expect(
      policyRules(
        resource('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: "system:x"}\nrules: [{verbs: ["*"]}]\n'),
      ),
    ).toHaveLength(1);
    expect(policyRules(resource('apiVersion: example.com/v1\nkind: Role\nmetadata: {name: x}\nrules: [{verbs: ["*"]}]\n'))).toEqual([]);
  });

  test('describes subjects for messages', () => {
    const binding = resource(`
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: b}
      subjects:
        - {kind: ServiceAccount, name: app, namespace: web}
        - {kind: Group, name: ops}
    `);
    expect(describeSubjects(binding)).toBe('ServiceAccount web/app, Group ops');
  });
});
