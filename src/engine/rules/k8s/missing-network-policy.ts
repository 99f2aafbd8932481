import { isTrue } from '../../parse/kubernetes.js';
import type { K8sRule } from '../rule.js';
import { labelsOf, type Labels } from '../shared/k8s/label-selector.js';
import { NetworkPolicyIndex, POLICY_KINDS } from '../shared/k8s/network-policy-index.js';
import { describeObject, nameAnchor } from '../shared/k8s/objects.js';

export const missingNetworkPolicy: K8sRule = {
  id: 'k8s/missing-network-policy',
  platform: 'k8s',
  severity: 'medium',
  layer: 6,
  summary: 'No NetworkPolicy selects the pods',
  rationale:
    'Pods that no NetworkPolicy selects accept connections from every pod in the cluster and may connect anywhere, so one compromised workload can reach this one and move on from it.',
  remediation:
    "Add a NetworkPolicy in the workload's namespace whose podSelector matches its pod labels (or a namespace-wide default-deny with `podSelector: {}`), allowing only the traffic it needs.",
  fixable: false,
  kinds: ['workloads'],
  contextKinds: POLICY_KINDS,
  check(resource, context) {
    const workload = resource.workload;
    // NetworkPolicies do not apply to pods on the host network (k8s/host-network reports those).
    if (!workload || isTrue(workload.podSpec.get('hostNetwork'))) return;
    const namespace = context.scanSet.namespaceOf(resource);
    const labels = labelsOf(workload.podMetadata);
    const policies = context.scanSet.derived('network-policies', (set) => NetworkPolicyIndex.build(set));
    if (policies.selects(context.scanSet.placesOf(resource), labels)) return;
    const where = namespace === undefined ? 'its namespace' : `namespace "${namespace}"`;
    context.report({
      at: nameAnchor(resource),
      message: `${describeObject(resource)} runs pods (${describeLabels(labels)}) that no NetworkPolicy in ${where} selects, so any pod can reach them`,
    });
  },
};

function describeLabels(labels: Labels): string {
  if (labels.size === 0) return 'no labels';
  return `labels ${[...labels].map(([key, value]) => `${key}=${value}`).join(', ')}`;
}
