import { GKE_CLUSTER, gkeCluster } from '../shared/iac/gke.js';
import { addressOf } from '../../parse/terraform.js';
import { nestedBlocks, shown, stringOf } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

/** A CIDR that admits every address: prefix length 0 (`0.0.0.0/0`, `::/0`). */
function isOpenCidr(cidr: string): boolean {
  return /\/0+$/.test(cidr.trim());
}

export const gkeMasterAuthorizedNetworks: IacRule = {
  id: 'terraform/gke-master-authorized-networks',
  platform: 'terraform',
  severity: 'medium',
  layer: 2,
  summary: 'GKE control plane is reachable from any network',
  rationale:
    "Without master authorized networks, the cluster's API server accepts connections from every address on the internet, so a leaked credential or an API-server vulnerability is exploitable from anywhere.",
  remediation:
    'Add `master_authorized_networks_config` with `cidr_blocks { cidr_block = "<office or VPN range>" }` entries for the networks that administer the cluster, never `0.0.0.0/0` (or make the endpoint private).',
  fixable: false,
  types: [GKE_CLUSTER],
  check(resource, context) {
    const cluster = gkeCluster(resource);
    if (!cluster) return;
    const configs = nestedBlocks(cluster, 'master_authorized_networks_config');
    if (configs === 'unknown') return;
    if (configs.length === 0) {
      context.report({
        at: resource.header,
        message: `${addressOf(resource)} has no master_authorized_networks_config: its API server accepts connections from any address`,
      });
      return;
    }
    for (const config of configs) {
      const cidrBlocks = nestedBlocks(config, 'cidr_blocks');
      for (const entry of cidrBlocks === 'unknown' ? [] : cidrBlocks) {
        const cidr = entry.field('cidr_block');
        const value = stringOf(cidr?.value);
        if (cidr && value !== undefined && isOpenCidr(value)) {
          context.report({
            at: cidr,
            message: `${addressOf(resource)} authorizes ${shown(cidr.value)} in master_authorized_networks_config: its API server accepts connections from any address`,
          });
        }
      }
    }
  },
};
