import { GKE_CLUSTER, gkeCluster } from '../shared/iac/gke.js';
import { isUnknown } from '../../parse/iac.js';
import { addressOf } from '../../parse/terraform.js';
import { flagOf, nestedBlocks, stringOf } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

export const gkeNetworkPolicyDisabled: IacRule = {
  id: 'terraform/gke-network-policy-disabled',
  platform: 'terraform',
  severity: 'medium',
  layer: 6,
  summary: 'GKE cluster does not enforce NetworkPolicies',
  rationale:
    'Without a network policy enforcer (Calico, or GKE Dataplane V2), NetworkPolicy objects are accepted but ignored: every pod can reach every other pod, so one compromised workload can probe the whole cluster.',
  remediation:
    'Enable enforcement with `network_policy { enabled = true }` (plus `addons_config { network_policy_config { disabled = false } }`), or use Dataplane V2 with `datapath_provider = "ADVANCED_DATAPATH"`.',
  fixable: false,
  types: [GKE_CLUSTER],
  check(resource, context) {
    const cluster = gkeCluster(resource);
    if (!cluster) return;
    const datapath = cluster.get('datapath_provider');
    if (isUnknown(datapath) || stringOf(datapath)?.toUpperCase() === 'ADVANCED_DATAPATH') return;
    // Autopilot clusters always run Dataplane V2, which enforces NetworkPolicies.
    const autopilot = flagOf(cluster.get('enable_autopilot'));
    if (autopilot === true || autopilot === 'unknown') return;
    const policies = nestedBlocks(cluster, 'network_policy');
    if (policies === 'unknown') return;
    const enabled = policies.map((policy) => flagOf(policy.get('enabled')));
    if (enabled.some((flag) => flag === true || flag === 'unknown')) return;
    const policy = policies[0];
    context.report({
      at: policy ?? resource.header,
      message: policy
        ? `${addressOf(resource)} has network_policy without enabled = true and no ADVANCED_DATAPATH: NetworkPolicies are not enforced`
        : `${addressOf(resource)} has neither network_policy { enabled = true } nor datapath_provider = "ADVANCED_DATAPATH": NetworkPolicies are not enforced`,
    });
  },
};
