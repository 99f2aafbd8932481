import type { K8sRule } from '../rule.js';
import { namespaceRulesApply } from '../shared/k8s/namespace-scope.js';
import { describeObject } from '../shared/k8s/objects.js';

export const defaultNamespace: K8sRule = {
  id: 'k8s/default-namespace',
  platform: 'k8s',
  severity: 'medium',
  layer: 4,
  summary: 'Object is placed in the default namespace',
  rationale:
    'The `default` namespace is where everything lands that nobody placed: workloads there share RBAC grants, quotas and network policies with whatever else drifted in, so least privilege and isolation cannot be set per application.',
  remediation: 'Create a namespace for the application and set `metadata.namespace` to it (or let Kustomize or Helm set it).',
  fixable: false,
  kinds: ['*'],
  check(resource, context) {
    if (!namespaceRulesApply(resource)) return;
    const field = resource.metadata?.field('namespace');
    if (!field || resource.namespace !== 'default') return;
    // Kustomize's namespace transformer overrides what the object says: it will not land in `default`.
    const kustomized = context.scanSet.kustomizeNamespace(resource.file.path);
    if (kustomized !== undefined && kustomized !== 'default') return;
    context.report({ at: field, message: `${describeObject(resource)} sets namespace: default` });
  },
};
