import { AKS_CLUSTER, aksCluster } from '../shared/iac/aks.js';
import { addressOf } from '../../parse/terraform.js';
import { fieldNamed, nestedBlocks } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

export const aksNetworkPolicyMissing: IacRule = {
  id: 'terraform/aks-network-policy-missing',
  platform: 'terraform',
  severity: 'medium',
  layer: 6,
  summary: 'AKS cluster has no network policy engine',
  rationale:
    'Without a network policy engine (Azure, Calico or Cilium), NetworkPolicy objects are accepted but ignored: every pod can reach every other pod, so one compromised workload can probe the whole cluster. The engine can only be chosen when the cluster is created.',
  remediation:
    'Add `network_profile { network_plugin = "azure" network_policy = "azure" }` (or `"calico"`, or `"cilium"` with the Cilium data plane) to the `azurerm_kubernetes_cluster`.',
  fixable: false,
  types: [AKS_CLUSTER],
  check(resource, context) {
    const cluster = aksCluster(resource);
    if (!cluster) return;
    const profiles = nestedBlocks(cluster, 'network_profile');
    if (profiles === 'unknown') return;
    // Any value names an engine (the provider validates which); only its absence leaves policies unenforced.
    if (profiles.some((profile) => fieldNamed(profile, ['network_policy']))) return;
    const profile = profiles[0];
    context.report({
      at: profile ?? resource.header,
      message: profile
        ? `${addressOf(resource)} has a network_profile without network_policy: NetworkPolicies are not enforced`
        : `${addressOf(resource)} has no network_profile with a network_policy: NetworkPolicies are not enforced`,
    });
  },
};
