import { describe, expect, test } from '@jest/globals';
import { resourcesOf, type Resource } from '../../../parse/kubernetes.js';
import { parseYaml } from '../../../parse/yaml.js';
import { SourceFile } from '../../../source.js';
import { isBuiltInDefaultObject, isConfigFile, namespaceRulesApply } from './namespace-scope.js';

function resource(apiVersion: string, kind: string, name = 'x'): Resource {
  const text = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: ${name}}\n`;
  return resourcesOf(new SourceFile('a.yaml', text), parseYaml(text).documents)[0]!;
}

describe('namespace-scope', () => {
  test.each([
    ['kustomize.config.k8s.io/v1beta1', 'Kustomization'],
    ['kustomize.config.k8s.io/v1alpha1', 'Component'],
    ['kubelet.config.k8s.io/v1beta1', 'KubeletConfiguration'],
    ['kubeproxy.config.k8s.io/v1alpha1', 'KubeProxyConfiguration'],
    ['apiserver.config.k8s.io/v1', 'EncryptionConfiguration'],
    ['kubeadm.k8s.io/v1beta3', 'ClusterConfiguration'],
    ['audit.k8s.io/v1', 'Policy'],
    ['kind.x-k8s.io/v1alpha4', 'Cluster'],
    ['v1', 'Config'],
  ])('%s %s is a configuration file', (apiVersion, kind) => {
    expect(isConfigFile(resource(apiVersion, kind))).toBe(true);
    expect(namespaceRulesApply(resource(apiVersion, kind))).toBe(false);
  });

  test.each([
    ['v1', 'ConfigMap'],
    ['apps/v1', 'Deployment'],
    ['cluster.x-k8s.io/v1beta1', 'Cluster'],
    ['policy/v1', 'PodDisruptionBudget'],
  ])('%s %s is a namespaced object', (apiVersion, kind) => {
    expect(isConfigFile(resource(apiVersion, kind))).toBe(false);
    expect(namespaceRulesApply(resource(apiVersion, kind))).toBe(true);
  });

  test('cluster-scoped kinds are out of scope', () => {
    expect(namespaceRulesApply(resource('v1', 'Namespace'))).toBe(false);
    expect(namespaceRulesApply(resource('rbac.authorization.k8s.io/v1', 'ClusterRole'))).toBe(false);
  });

  test("Kubernetes' own objects in default", () => {
    expect(isBuiltInDefaultObject(resource('v1', 'ServiceAccount', 'default'))).toBe(true);
    expect(isBuiltInDefaultObject(resource('v1', 'Service', 'kubernetes'))).toBe(true);
    expect(isBuiltInDefaultObject(resource('v1', 'ServiceAccount', 'kubernetes'))).toBe(false);
    expect(isBuiltInDefaultObject(resource('v1', 'Service', 'default'))).toBe(false);
  });
});
