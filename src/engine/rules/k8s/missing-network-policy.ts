import { isTrue, type Resource } from '../../parse/kubernetes.js';
import { YMap } from '../../parse/yaml.js';
import type { ScanSet } from '../../scan-set.js';
import type { K8sRule } from '../rule.js';
import { calicoSelectorMatches } from './calico-selector.js';
import { labelsOf, selectorMatches, type Labels } from './label-selector.js';
import { describeObject, nameAnchor } from './support.js';

const POLICY_KINDS = ['NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy'];

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
  check(resource, context) {
    const workload = resource.workload;
    // NetworkPolicies do not apply to pods on the host network (k8s/host-network reports those).
    if (!workload || isTrue(workload.podSpec.get('hostNetwork'))) return;
    const namespace = context.scanSet.namespaceOf(resource);
    const labels = labelsOf(workload.podMetadata);
    if (context.scanSet.ofKind(...POLICY_KINDS).some((policy) => mayIsolate(policy, namespace, labels, context.scanSet))) return;
    const where = namespace === undefined ? 'its namespace' : `namespace "${namespace}"`;
    context.report({
      at: nameAnchor(resource),
      message: `${describeObject(resource)} runs pods (${describeLabels(labels)}) that no NetworkPolicy in ${where} selects, so any pod can reach them`,
    });
  },
};

/**
 * Whether a policy selects pods with `labels` in `namespace`. A policy that cannot be read counts as
 * selecting them: a missing policy is reported only when every policy in view surely misses the pods.
 */
function mayIsolate(policy: Resource, namespace: string | undefined, labels: Labels, scanSet: ScanSet): boolean {
  if (policy.kind === 'CiliumClusterwideNetworkPolicy' || policy.kind === 'GlobalNetworkPolicy') return true;
  // Objects without a namespace are applied together, most often into `default`.
  if ((scanSet.namespaceOf(policy) ?? 'default') !== (namespace ?? 'default')) return false;
  const spec = policy.node.get('spec');
  if (policy.kind === 'CiliumNetworkPolicy') return ciliumSelects(policy.node, labels);
  if (isCalico(policy.apiVersion)) {
    // An absent selector selects every endpoint; one that is not a string cannot be read.
    const expression = spec instanceof YMap ? spec.str('selector') : undefined;
    return expression === undefined || calicoSelectorMatches(expression, labels) !== false;
  }
  // networking.k8s.io: an absent or empty podSelector selects every pod of the namespace.
  return selectorMatches(spec instanceof YMap ? spec.get('podSelector') : undefined, labels) !== false;
}

function isCalico(apiVersion: string): boolean {
  return apiVersion.startsWith('projectcalico.org/') || apiVersion.startsWith('crd.projectcalico.org/');
}

/** A CiliumNetworkPolicy selects pods through the `endpointSelector` of its `spec` or any of its `specs`. */
function ciliumSelects(node: YMap, labels: Labels): boolean {
  const specs = [node.get('spec'), ...(node.seq('specs')?.items ?? [])].filter((spec) => spec !== undefined);
  if (specs.length === 0) return true;
  return specs.some((spec) => {
    if (!(spec instanceof YMap)) return true;
    const selector = spec.get('endpointSelector');
    // A host policy (`nodeSelector`) applies to nodes, not pods.
    if (selector === undefined) return spec.get('nodeSelector') === undefined;
    return selectorMatches(selector, labels, { labelKey: ciliumLabelKey }) !== false;
  });
}

/**
 * The pod label a Cilium selector key reads: keys carry an optional source (`k8s:app`, `any:app`); keys
 * of other sources and Cilium's derived labels (`io.kubernetes.pod.namespace`,
 * `io.cilium.k8s.policy.serviceaccount`) are not pod labels and cannot be evaluated here.
 */
function ciliumLabelKey(key: string): string | undefined {
  const colon = key.indexOf(':');
  const source = colon === -1 ? 'any' : key.slice(0, colon);
  const name = colon === -1 ? key : key.slice(colon + 1);
  if (source !== 'any' && source !== 'k8s') return undefined;
  if (name.startsWith('io.kubernetes.') || name.startsWith('io.cilium.')) return undefined;
  return name;
}

function describeLabels(labels: Labels): string {
  if (labels.size === 0) return 'no labels';
  return `labels ${[...labels].map(([key, value]) => `${key}=${value}`).join(', ')}`;
}
