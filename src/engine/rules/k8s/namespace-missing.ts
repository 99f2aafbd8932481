import type { K8sRule } from '../rule.js';
import { namespaceRulesApply } from '../shared/k8s/namespace-scope.js';
import { describeObject } from '../shared/k8s/objects.js';

export const namespaceMissing: K8sRule = {
  id: 'k8s/namespace-missing',
  platform: 'k8s',
  severity: 'low',
  layer: 4,
  summary: 'Object does not say which namespace it belongs in',
  rationale:
    'An object without a namespace lands in whatever namespace the `kubectl` context happens to point at, usually `default`: the same manifest ends up in different places for different people, outside the RBAC and network policies meant for it.',
  remediation:
    'Set `metadata.namespace`, or set `namespace:` in the `kustomization.yaml` that includes the file (Helm charts get it at install).',
  fixable: false,
  kinds: ['*'],
  check(resource, context) {
    if (!namespaceRulesApply(resource)) return;
    if (resource.namespace !== undefined && resource.namespace !== '') return;
    // Helm and Kustomize set the namespace when they render the object.
    if (resource.renderedBy === 'helm') return;
    if (context.scanSet.kustomizeNamespace(resource.file.path) !== undefined) return;
    context.report({
      at: resource.node.field('metadata') ?? resource.node,
      message: `${describeObject(resource)} has no metadata.namespace and no kustomization sets one`,
    });
  },
};
